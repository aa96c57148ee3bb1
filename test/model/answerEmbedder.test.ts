// The answer embedder on the real node-llama-cpp with the project's fixture GGUF: vectors come back
// with the model's embedding width, the same text gives the same vector, different texts different
// ones, a text longer than the context is cut instead of refused, and the vote by meaning runs on
// them. The fixture knows only arithmetic tasks, so whether paraphrases land close is not tested here.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerVectors } from '#core/agent/AnswerVectors.ts';
import { semanticVote } from '#core/agent/semanticVote.ts';
import { CancelledError } from '#core/errors.ts';
import { cosineSimilarity } from '#core/graph/cosineSimilarity.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';

const modelsDir = path.join(repositoryRoot, 'models', 'fixtures');
const manifest = (await import(path.join(modelsDir, 'manifest.json'), { with: { type: 'json' } })) as {
  default: { models: { file: string; architecture: { embedding: number } }[] };
};
const width = manifest.default.models.find((model) => model.file === 'source.gguf')?.architecture.embedding;

let provider: LocalLlamaProvider;
beforeAll(async () => {
  provider = await LocalLlamaProvider.load({ modelPath: path.join(modelsDir, 'source.gguf'), cores: 2 });
}, 120_000);
afterAll(async () => {
  await provider.dispose();
});

describe('LlamaAnswerEmbedder on the fixture GGUF', () => {
  it('returns one vector per text, of the model width; the same text gives the same vector', async () => {
    const texts = ['12 + 30 * 2 = 72', 'the result is 72', '12 + 30 * 2 = 72'];
    const vectors = await provider.answerEmbedder.embed(texts);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(width ?? -1);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(vector.some((value) => value !== 0)).toBe(true);
    }
    expect([...(vectors[2] ?? [])]).toEqual([...(vectors[0] ?? [])]);
    expect(cosineSimilarity(vectors[0] ?? [], vectors[1] ?? [])).toBeLessThan(0.9999);
  }, 60_000);

  it('cuts a text longer than its context to the beginning instead of refusing it', async () => {
    const long = Array.from({ length: 400 }, (_, index) => `${index} +`).join(' ');
    const [vector] = await provider.answerEmbedder.embed([long]);
    expect(vector).toHaveLength(width ?? -1);
  }, 60_000);

  it('stops when cancelled, and feeds the vote by meaning', async () => {
    const aborted = AbortSignal.abort();
    await expect(provider.answerEmbedder.embed(['7 * 8 = 56'], aborted)).rejects.toBeInstanceOf(CancelledError);
    const answers = [
      'first add twelve and thirty, then double it',
      'first add twelve and thirty, then double it',
      '42',
    ];
    const vectors = await new AnswerVectors(provider.answerEmbedder).embed(answers);
    expect(vectors.map((vector) => vector === null)).toEqual([false, false, true]);
    expect(semanticVote(answers, vectors).tally.map((entry) => entry.paths)).toEqual([[0, 1], [2]]);
  }, 60_000);
});
