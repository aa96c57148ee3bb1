import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getLlama, readGgufFileInfo, type Llama, type LlamaModel, type Token } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import { llamaReference } from '#lab/llm/gguf/llamaReference.ts';
import { saveGgufFile } from '#lab/llm/gguf/saveGgufFile.ts';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { chatFormatKey, writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import { type LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';
import { compareProbabilities, llamaCppProbabilities } from './compareProbabilities.ts';
import { createRandomLlamaWeights } from './createRandomLlamaWeights.ts';

const pieces = ['[[call: ', '[[result: ', ']]\n', 'calc', 'A: ', 'U: ', '12', '26', '38', 'abab', 'ab '];
const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
const texts = [
  printable,
  '0123456789 1234567890 98+27*38=1026',
  'U: what is 12+26?\nA: [[call: calc({"expr": "12+26"})]]\n[[result: "38"]]\nA: 38',
  'calcalc [[call:calc [[[call: ]]]\n ababab abab ab ab  ab',
  ' leading space, trailing space ',
  'a  b\nc\td\r\n\n\t\t',
  'héllo ✓ 日本',
  'emoji 😀👍🏽 and ‽ and \u0001\u007f',
  '<s>x</s> <unk> <0x41>',
  'nul \u0000 inside',
];

/** Moves Q/K rows from interleaved RoPE pairs to HF rotate_half order (convert_hf_to_gguf's permute, undone). */
function permuteQueryKey(original: LlamaWeights): LlamaWeights {
  const { embedding, heads, kvHeads } = original.config;
  const headSize = embedding / heads;
  const permute = (matrix: Float32Array, headCount: number): Float32Array => {
    const result = new Float32Array(matrix.length);
    for (let row = 0; row < headCount * headSize; row++) {
      const within = row % headSize;
      const source = row - within + (within % 2) * (headSize / 2) + Math.floor(within / 2);
      result.set(matrix.subarray(source * embedding, (source + 1) * embedding), row * embedding);
    }
    return result;
  };
  const layers = original.layers.map((layer) => ({
    ...layer,
    query: permute(layer.query, heads),
    key: permute(layer.key, kvHeads),
  }));
  return { ...original, layers };
}

let llama: Llama;
let model: LlamaModel;
let folder: string;
let file: string;
let weights: LlamaWeights;
const vocabulary = LlamaVocabulary.create({ pieces });

beforeAll(async () => {
  const config = {
    vocabSize: vocabulary.size,
    embedding: 64,
    layers: 2,
    heads: 4,
    kvHeads: 2,
    feedForward: 176,
    contextLength: 256,
  };
  weights = createRandomLlamaWeights(config, 11);
  folder = await mkdtemp(path.join(os.tmpdir(), 'atropos-gguf-'));
  file = path.join(folder, 'random.gguf');
  await saveGgufFile(
    file,
    writeLlamaGguf({ name: 'random-probe', weights, vocabulary, chatFormat: chatFormatMetadata.compactV1 }),
  );
  llama = await getLlama({ gpu: false, build: 'never', skipDownload: true, maxThreads: os.availableParallelism() });
  model = await llama.loadModel({ modelPath: file });
});

afterAll(async () => {
  await model?.dispose();
  await llama?.dispose();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('a GGUF written by writeLlamaGguf, run by llama.cpp', () => {
  it('gives the reference forward pass probabilities', async () => {
    const text = 'U: what is 12+26?\nA: [[call: calc({"expr": "12+26"})]]\n';
    const tokens = [vocabulary.bosId, ...vocabulary.tokenize(text)];
    expect(tokens.length).toBeGreaterThanOrEqual(30);
    const actual = await llamaCppProbabilities(model, tokens, vocabulary.size);
    const exact = compareProbabilities(llamaReference(weights, tokens), actual);
    expect(exact.largestProbability).toBeGreaterThan(0.5);
    expect(exact.largestDifference).toBeLessThan(1e-4);
    expect(exact.agreeingTopTokens).toBe(tokens.length);
    // The comparison notices a wrong RoPE pairing (HF rotate_half instead of interleaved pairs).
    const rotateHalf = compareProbabilities(llamaReference(permuteQueryKey(weights), tokens), actual);
    expect(rotateHalf.largestDifference).toBeGreaterThan(1e-2);
    // F16 matrices: close, not exact.
    const halfFile = path.join(folder, 'random-f16.gguf');
    await saveGgufFile(halfFile, writeLlamaGguf({ name: 'random-f16', weights, vocabulary, fileType: 'F16' }));
    const halfModel = await llama.loadModel({ modelPath: halfFile });
    try {
      const half = compareProbabilities(
        llamaReference(weights, tokens),
        await llamaCppProbabilities(halfModel, tokens, vocabulary.size),
      );
      expect(half.largestDifference).toBeLessThan(2e-2);
    } finally {
      await halfModel.dispose();
    }
  });

  it('tokenizes exactly as llama.cpp and round-trips through its detokenizer', () => {
    for (const text of texts) {
      const tokens = vocabulary.tokenize(text);
      expect(tokens, JSON.stringify(text)).toEqual(model.tokenize(text));
      expect(model.detokenize(tokens as Token[])).toBe(text);
      expect(vocabulary.detokenize(tokens)).toBe(text);
    }
    for (const piece of pieces) expect(model.tokenize(piece)).toHaveLength(1);
    const call = model.tokenize('A: [[call: calc(12)]]\n').map((token) => vocabulary.entries[token]?.piece);
    expect(call).toEqual(['A:▁', '[[call:▁', 'calc', '(', '12', ')', ']]\n']);
    // SentencePiece's one lossy case: a literal '▁' is the space piece, so it comes back as a space.
    expect(vocabulary.tokenize('a▁b')).toEqual(model.tokenize('a▁b'));
    expect(model.detokenize(model.tokenize('a▁b'))).toBe('a b');
    // Lone surrogates reach llama.cpp as U+FFFD.
    expect(vocabulary.tokenize('\ud800x\udc00')).toEqual(model.tokenize('\ud800x\udc00'));
    expect(vocabulary.tokenize('')).toEqual(model.tokenize(''));
    expect(vocabulary.tokenize('calc')).toEqual([vocabulary.idOf('calc')]);
    expect(vocabulary.tokenize('é')).toEqual([vocabulary.byteId(0xc3), vocabulary.byteId(0xa9)]);
  });

  it('agrees with llama.cpp on random strings of pieces, characters and bytes', () => {
    const random = createRandom(5);
    const parts = [...pieces, ...printable, ' ', '  ', '\n', '\t', 'é', '日', '😀', 'ca', 'ab', '[[', '1', '2'];
    for (let sample = 0; sample < 300; sample++) {
      const length = 1 + Math.floor(random() * 12);
      const text = Array.from({ length }, () => parts[Math.floor(random() * parts.length)] ?? '').join('');
      expect(vocabulary.tokenize(text), JSON.stringify(text)).toEqual(model.tokenize(text));
    }
  });

  it('reads its metadata back', async () => {
    const info = await readGgufFileInfo(file);
    const metadata = info.metadata as unknown as Record<string, Record<string, unknown>>;
    expect(info.version).toBe(3);
    expect(info.tensorInfo).toHaveLength(2 + 2 * 9 + 1);
    expect(metadata.general).toMatchObject({ architecture: 'llama', name: 'random-probe', file_type: 0 });
    expect(metadata.llama).toMatchObject({ embedding_length: 64, block_count: 2, vocab_size: vocabulary.size });
    expect(metadata.atropos).toEqual({ chat_format: chatFormatMetadata.compactV1 });
    expect(chatFormatKey).toBe('atropos.chat_format');
    expect(metadata.tokenizer?.ggml).toMatchObject({ model: 'llama', add_space_prefix: false, bos_token_id: 1 });
  });
});
