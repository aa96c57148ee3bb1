/** The model architectures (GGUF general.architecture) the writer speaks. */
export type ModelFamily = 'llama' | 'qwen2' | 'gemma2' | 'phi3';

/** The size and hyperparameters of a model, as its GGUF states them. */
export type ModelShape = {
  /** The shape's name on the command line, e.g. `qwen2.5-0.5b`. */
  id: string;
  family: ModelFamily;
  /** general.name, general.basename and general.size_label as the real GGUFs carry them. */
  name: string;
  basename: string;
  sizeLabel: string;
  vocabSize: number;
  embedding: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headSize: number;
  feedForward: number;
  contextLength: number;
  ropeFrequencyBase: number;
  rmsEpsilon: number;
  /** No output.weight: the output projection reuses token_embd. */
  tiedEmbeddings: boolean;
};

/** The real shapes (from each model's config.json) that `models:synth` writes. */
export const modelShapes: Readonly<Record<string, ModelShape>> = {
  'qwen2.5-0.5b': {
    id: 'qwen2.5-0.5b',
    family: 'qwen2',
    name: 'Qwen2.5 0.5B Instruct',
    basename: 'Qwen2.5',
    sizeLabel: '0.5B',
    vocabSize: 151936,
    embedding: 896,
    layers: 24,
    heads: 14,
    kvHeads: 2,
    headSize: 64,
    feedForward: 4864,
    contextLength: 32768,
    ropeFrequencyBase: 1_000_000,
    rmsEpsilon: 1e-6,
    tiedEmbeddings: true,
  },
  'qwen2.5-1.5b': {
    id: 'qwen2.5-1.5b',
    family: 'qwen2',
    name: 'Qwen2.5 1.5B Instruct',
    basename: 'Qwen2.5',
    sizeLabel: '1.5B',
    vocabSize: 151936,
    embedding: 1536,
    layers: 28,
    heads: 12,
    kvHeads: 2,
    headSize: 128,
    feedForward: 8960,
    contextLength: 32768,
    ropeFrequencyBase: 1_000_000,
    rmsEpsilon: 1e-6,
    tiedEmbeddings: true,
  },
  'llama3.2-1b': {
    id: 'llama3.2-1b',
    family: 'llama',
    name: 'Llama 3.2 1B Instruct',
    basename: 'Llama-3.2',
    sizeLabel: '1B',
    vocabSize: 128256,
    embedding: 2048,
    layers: 16,
    heads: 32,
    kvHeads: 8,
    headSize: 64,
    feedForward: 8192,
    contextLength: 131072,
    ropeFrequencyBase: 500_000,
    rmsEpsilon: 1e-5,
    tiedEmbeddings: true,
  },
  'gemma2-2b': {
    id: 'gemma2-2b',
    family: 'gemma2',
    name: 'Gemma 2 2b It',
    basename: 'gemma-2',
    sizeLabel: '2B',
    vocabSize: 256000,
    embedding: 2304,
    layers: 26,
    heads: 8,
    kvHeads: 4,
    headSize: 256,
    feedForward: 9216,
    contextLength: 8192,
    ropeFrequencyBase: 10_000,
    rmsEpsilon: 1e-6,
    tiedEmbeddings: true,
  },
  'phi3-mini': {
    id: 'phi3-mini',
    family: 'phi3',
    name: 'Phi 3 Mini 4k Instruct',
    basename: 'Phi-3',
    sizeLabel: 'mini',
    vocabSize: 32064,
    embedding: 3072,
    layers: 32,
    heads: 32,
    kvHeads: 32,
    headSize: 96,
    feedForward: 8192,
    contextLength: 4096,
    ropeFrequencyBase: 10_000,
    rmsEpsilon: 1e-5,
    tiedEmbeddings: false,
  },
};

/** The real shape each family's tiny test model imitates (names, template, tokenizer layout). */
const familyShapes: Record<ModelFamily, string> = {
  llama: 'llama3.2-1b',
  qwen2: 'qwen2.5-0.5b',
  gemma2: 'gemma2-2b',
  phi3: 'phi3-mini',
};

/**
 * A tiny model of a family for tests: the real shape's names, settings and tokenizer layout, but
 * width 64, two layers, four query heads of 16 (grouped-query except phi3) and `vocabSize` tokens
 * (the special tokens keep their roles; their ids move with the smaller vocabulary).
 */
export function tinyShape(family: ModelFamily, vocabSize: number): ModelShape {
  const real = modelShapes[familyShapes[family]];
  if (real === undefined) throw new Error(`no shape for ${family}`);
  return {
    ...real,
    id: `${real.id}-tiny`,
    vocabSize,
    embedding: 64,
    layers: 2,
    heads: 4,
    kvHeads: family === 'phi3' ? 4 : 2,
    headSize: 16,
    feedForward: 128,
    contextLength: 4096,
  };
}
