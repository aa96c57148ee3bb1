import { describe, expect, it } from 'vitest';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import type { LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';
import { readLlamaWeights } from '#lab/llm/gguf/readLlamaWeights.ts';
import { encodeTranscript } from '#lab/llm/training/encodeTranscript.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { createWorldVocabulary } from '#lab/llm/training/worldVocabulary.ts';
import { carryWeights } from '#lab/world/long/carryWeights.ts';
import { sourceRates } from '#lab/world/long/checkLongWorld.ts';
import { generateLongEpisodes } from '#lab/world/long/generateLongEpisodes.ts';
import { createLongVocabulary, longMergePieces } from '#lab/world/long/longVocabulary.ts';

describe('the long world vocabulary', () => {
  const vocabulary = createLongVocabulary();

  it('merges each piece into one token, and encodes the corpus the same piece by piece as whole', () => {
    for (const piece of longMergePieces()) expect(vocabulary.tokenize(piece), piece).toHaveLength(1);
    const episodes = generateLongEpisodes({ seed: 3, count: 300, sourceRates });
    const sequences = episodes.map((episode) =>
      encodeTranscript(renderTranscript(episode.transcript, { trainedFrom: episode.trainedFrom }), vocabulary),
    );
    expect(sequences.every((sequence) => sequence.isBoundarySafe)).toBe(true);
    expect(Math.max(...sequences.map((sequence) => sequence.tokens.length))).toBeLessThan(384);
  });
});

describe('carryWeights', () => {
  it('keeps the rows of shared pieces and starts a new piece at the mean of its old tokens', () => {
    const from = LlamaVocabulary.create({ pieces: ['ab'] });
    const to = LlamaVocabulary.create({ pieces: ['abc', 'ab'] });
    const width = 2;
    const tokenEmbedding = Float32Array.from({ length: from.size * width }, (_, index) => index);
    const weights: LlamaWeights = {
      config: {
        vocabSize: from.size,
        embedding: width,
        layers: 0,
        heads: 1,
        kvHeads: 1,
        feedForward: 2,
        contextLength: 8,
      },
      tokenEmbedding,
      layers: [],
      outputNorm: new Float32Array(width),
    };
    const carried = carryWeights(weights, from, to, 16);
    expect(carried.config).toMatchObject({ vocabSize: to.size, contextLength: 16 });
    const row = (matrix: Float32Array, id: number): number[] =>
      Array.from(matrix.slice(id * width, id * width + width));
    const idIn = (vocabulary: LlamaVocabulary, text: string): number => vocabulary.tokenize(text)[0]!;
    expect(row(carried.tokenEmbedding, idIn(to, 'ab'))).toEqual(row(tokenEmbedding, idIn(from, 'ab')));
    expect(row(carried.tokenEmbedding, idIn(to, 'x'))).toEqual(row(tokenEmbedding, idIn(from, 'x')));
    const parts = from.tokenize('abc');
    expect(parts).toHaveLength(2);
    const mean = row(tokenEmbedding, parts[0]!).map(
      (value, column) => (value + row(tokenEmbedding, parts[1]!)[column]!) / 2,
    );
    expect(row(carried.tokenEmbedding, idIn(to, 'abc'))).toEqual(mean);
  });

  it('moves the first world target onto the long vocabulary: shared pieces keep their rows, new ones are filled', async () => {
    const from = createWorldVocabulary();
    const to = createLongVocabulary();
    const weights = await readLlamaWeights('models/fixtures/target.gguf');
    expect(weights.config.vocabSize).toBe(from.size);
    const carried = carryWeights(weights, from, to, 384);
    const width = weights.config.embedding;
    let shared = 0;
    to.entries.forEach((entry, id) => {
      const row = carried.tokenEmbedding.slice(id * width, (id + 1) * width);
      const old = from.idOf(entry.piece);
      if (old !== undefined) {
        shared += 1;
        expect(Array.from(row)).toEqual(Array.from(weights.tokenEmbedding.slice(old * width, (old + 1) * width)));
      } else if (entry.type === 'normal')
        expect(
          row.some((value) => value !== 0),
          entry.piece,
        ).toBe(true);
    });
    expect(shared).toBeGreaterThan(400);
    expect(carried.layers).toBe(weights.layers);
  });
});
