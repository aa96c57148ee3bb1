import type { GgmlType } from '../ggmlBlocks.ts';
import { streamGgufFile, type GgufStreamProgress, type StreamedTensor } from '../streamGgufFile.ts';
import type { GgufMetadataEntry } from '../writeGguf.ts';
import { familyTensors, llama3RopeFactors, type FamilyTensor } from './familyTensors.ts';
import { familyTokenizer } from './familyTokenizer.ts';
import type { ModelShape } from './ModelShape.ts';

/** How the matrices are stored: `q4_0` keeps the output (or the tied embedding) in Q8_0. */
export type SynthQuant = 'f16' | 'q8_0' | 'q4_0';

/** Options of {@link synthesizeModel}. */
export type SynthesizeOptions = {
  shape: ModelShape;
  quant: SynthQuant;
  /** Defaults to 1. */
  seed?: number;
  /** Standard deviation of the random matrices. Defaults to 0.02 (the families' initialiser range). */
  weightScale?: number;
  onProgress?: (progress: GgufStreamProgress) => void;
  signal?: AbortSignal;
};

/** llama_ftype codes: MOSTLY_F16 1, MOSTLY_Q4_0 2, MOSTLY_Q8_0 7. */
const fileTypes: Record<SynthQuant, number> = { f16: 1, q4_0: 2, q8_0: 7 };

/**
 * The storage type of a tensor: F32 for norms, biases and RoPE factors; the quant for matrices;
 * Q8_0 for the output projection of a Q4_0 file (llama.cpp's quantizer gives it Q6_K, which this
 * writer does not speak).
 */
export function tensorType(tensor: FamilyTensor, quant: SynthQuant, shape: ModelShape): GgmlType {
  if (tensor.role === 'norm' || tensor.role === 'bias' || tensor.role === 'rope') return 'F32';
  const type: GgmlType = quant === 'f16' ? 'F16' : quant === 'q8_0' ? 'Q8_0' : 'Q4_0';
  const isOutput = tensor.role === 'output' || (tensor.role === 'embedding' && shape.tiedEmbeddings);
  return type === 'Q4_0' && isOutput ? 'Q8_0' : type;
}

/** The architecture's hyperparameters under its GGUF prefix. */
function architectureMetadata(shape: ModelShape, quant: SynthQuant): GgufMetadataEntry[] {
  const arch = shape.family;
  const uint32 = (key: string, value: number): GgufMetadataEntry => ({ key, value: { type: 'uint32', value } });
  const float32 = (key: string, value: number): GgufMetadataEntry => ({ key, value: { type: 'float32', value } });
  const string = (key: string, value: string): GgufMetadataEntry => ({ key, value: { type: 'string', value } });
  const entries = [
    string('general.architecture', arch),
    string('general.type', 'model'),
    string('general.name', shape.name),
    string('general.basename', shape.basename),
    string('general.size_label', shape.sizeLabel),
    uint32('general.file_type', fileTypes[quant]),
    uint32('general.quantization_version', 2),
    uint32(`${arch}.vocab_size`, shape.vocabSize),
    uint32(`${arch}.context_length`, shape.contextLength),
    uint32(`${arch}.embedding_length`, shape.embedding),
    uint32(`${arch}.block_count`, shape.layers),
    uint32(`${arch}.feed_forward_length`, shape.feedForward),
    uint32(`${arch}.attention.head_count`, shape.heads),
    uint32(`${arch}.attention.head_count_kv`, shape.kvHeads),
    uint32(`${arch}.rope.dimension_count`, shape.headSize),
    float32(`${arch}.rope.freq_base`, shape.ropeFrequencyBase),
    float32(`${arch}.attention.layer_norm_rms_epsilon`, shape.rmsEpsilon),
  ];
  if (arch === 'gemma2')
    entries.push(
      uint32('gemma2.attention.key_length', shape.headSize),
      uint32('gemma2.attention.value_length', shape.headSize),
      float32('gemma2.attn_logit_softcapping', 50),
      float32('gemma2.final_logit_softcapping', 30),
      uint32('gemma2.attention.sliding_window', 4096),
    );
  return entries;
}

/** A seeded xorshift32 stream of uniform numbers in [-1, 1): fast enough for a billion weights. */
function uniformStream(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 31 - 1;
  };
}

function streamed(
  tensor: FamilyTensor,
  type: GgmlType,
  shape: ModelShape,
  seed: number,
  scale: number,
): StreamedTensor {
  const next = uniformStream(seed);
  // uniform on [-a, a] has standard deviation a/sqrt(3)
  const amplitude = scale * Math.sqrt(3);
  let fill: StreamedTensor['fill'];
  if (tensor.role === 'rope') {
    const factors = llama3RopeFactors(shape);
    fill = (values, offset) => values.set(factors.subarray(offset, offset + values.length));
  } else if (tensor.role === 'norm')
    fill = (values) => values.forEach((_, index) => (values[index] = 1 + 0.1 * next()));
  else if (tensor.role === 'bias') fill = (values) => values.forEach((_, index) => (values[index] = 0.1 * next()));
  else
    fill = (values) => {
      for (let index = 0; index < values.length; index++) values[index] = amplitude * next();
    };
  return { name: tensor.name, shape: tensor.shape, type, fill };
}

/**
 * Streams a random-weight GGUF of `shape` to `file`: the family's architecture, hyperparameters,
 * tokenizer (a synthetic vocabulary of the shape's size) and chat template, with the tensors
 * llama.cpp expects, quantized as asked. Nonsense text at the real model's size, speed and format.
 * Returns the file's size in bytes.
 */
export async function synthesizeModel(file: string, options: SynthesizeOptions): Promise<number> {
  const { shape, quant } = options;
  const seed = options.seed ?? 1;
  const tokenizer = familyTokenizer(shape);
  const metadata = [...architectureMetadata(shape, quant), ...tokenizer.metadata];
  const tensors = familyTensors(shape).map((tensor, index) =>
    streamed(tensor, tensorType(tensor, quant, shape), shape, seed * 7919 + index, options.weightScale ?? 0.02),
  );
  return await streamGgufFile(file, metadata, tensors, { onProgress: options.onProgress, signal: options.signal });
}
