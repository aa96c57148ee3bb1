// The writer's Q8_0 and Q4_0 blocks as llama.cpp reads them: one random-weight llama 3 shape (tiny,
// 2,048-token vocabulary) written three times from the same weights, in F16, Q8_0 and Q4_0; the
// quantized files' next-token distributions stay close to the F16 file's (Q4_0 less so), while a
// file with other weights does not. A wrong block layout (scale, nibble order) would read as noise.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getLlama, type Llama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyShape } from '#lab/llm/gguf/families/ModelShape.ts';
import { synthesizeModel, type SynthQuant } from '#lab/llm/gguf/families/synthesizeModel.ts';
import { compareProbabilities, llamaCppProbabilities } from './compareProbabilities.ts';

const shape = tinyShape('llama', 2048);
const text = 'The quick brown fox jumps over the lazy dog, then 12 more foxes ran home.';
let llama: Llama;
let folder: string;
const distributions = new Map<string, Float64Array[]>();

async function probabilities(name: string, quant: SynthQuant, seed: number): Promise<Float64Array[]> {
  const file = path.join(folder, `${name}.gguf`);
  // A wider weight scale than the default makes the distributions peaked enough to compare.
  await synthesizeModel(file, { shape, quant, seed, weightScale: 0.25 });
  const model = await llama.loadModel({ modelPath: file });
  try {
    const tokens = [model.tokens.bos!, ...model.tokenize(text)];
    return await llamaCppProbabilities(model, tokens, shape.vocabSize);
  } finally {
    await model.dispose();
  }
}

/** Mean total-variation distance between two sets of distributions (0: identical, 1: disjoint). */
function meanVariation(expected: readonly Float64Array[], actual: readonly Float64Array[]): number {
  let total = 0;
  expected.forEach((distribution, position) => {
    const other = actual[position]!;
    distribution.forEach((probability, token) => (total += Math.abs(probability - (other[token] ?? 0)) / 2));
  });
  return total / expected.length;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atropos-quant-'));
  llama = await getLlama({ gpu: false, build: 'never', skipDownload: true, maxThreads: 2 });
  for (const quant of ['f16', 'q8_0', 'q4_0'] as const) distributions.set(quant, await probabilities(quant, quant, 5));
  distributions.set('other', await probabilities('other', 'f16', 6));
}, 120_000);

afterAll(async () => {
  await llama?.dispose();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('quantized tensors through llama.cpp', () => {
  it("reads Q8_0 and Q4_0 as the same weights as F16, within each format's error", () => {
    const f16 = distributions.get('f16')!;
    const q8 = compareProbabilities(f16, distributions.get('q8_0')!);
    const q4 = compareProbabilities(f16, distributions.get('q4_0')!);
    const other = compareProbabilities(f16, distributions.get('other')!);
    const variation = {
      q8: meanVariation(f16, distributions.get('q8_0')!),
      q4: meanVariation(f16, distributions.get('q4_0')!),
      other: meanVariation(f16, distributions.get('other')!),
    };
    expect(q8.agreeingTopTokens).toBeGreaterThanOrEqual(0.75 * f16.length);
    expect(variation.q8).toBeLessThan(0.1 * variation.other);
    expect(variation.q4).toBeLessThan(0.5 * variation.other);
    expect(q4.agreeingTopTokens).toBeGreaterThan(3 * other.agreeingTopTokens);
    // measured: mean total variation q8 0.030, q4 0.302, other weights 0.833; top tokens 39, 18 and 0 of 46
  });
});
