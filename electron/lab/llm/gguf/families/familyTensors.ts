import type { ModelShape } from './ModelShape.ts';

/**
 * What a tensor is for, which decides its storage type and initial values: norms and biases stay
 * F32, `rope` holds Llama 3's RoPE frequency factors.
 */
export type TensorRole = 'embedding' | 'output' | 'matrix' | 'norm' | 'bias' | 'rope';

/** A tensor of a family's GGUF: llama.cpp's name and the row-major shape (`[out, in]` for a projection). */
export type FamilyTensor = { name: string; shape: number[]; role: TensorRole };

/**
 * The tensors llama.cpp's loader expects for `shape`'s architecture: llama (plus Llama 3's
 * rope_freqs), qwen2 (biases on q/k/v), gemma2 (post-attention and post-feed-forward norms,
 * always tied embeddings) and phi3 (fused qkv and fused gate+up).
 */
export function familyTensors(shape: ModelShape): FamilyTensor[] {
  const { embedding: e, feedForward: f, vocabSize: v, family } = shape;
  const q = shape.heads * shape.headSize;
  const kv = shape.kvHeads * shape.headSize;
  const tensors: FamilyTensor[] = [{ name: 'token_embd.weight', shape: [v, e], role: 'embedding' }];
  if (family === 'llama') tensors.push({ name: 'rope_freqs.weight', shape: [shape.headSize / 2], role: 'rope' });
  for (let layer = 0; layer < shape.layers; layer++) {
    const block = (name: string, dims: number[], role: TensorRole): void => {
      tensors.push({ name: `blk.${layer}.${name}`, shape: dims, role });
    };
    block('attn_norm.weight', [e], 'norm');
    if (family === 'phi3') block('attn_qkv.weight', [q + 2 * kv, e], 'matrix');
    else {
      block('attn_q.weight', [q, e], 'matrix');
      block('attn_k.weight', [kv, e], 'matrix');
      block('attn_v.weight', [kv, e], 'matrix');
    }
    if (family === 'qwen2') {
      block('attn_q.bias', [q], 'bias');
      block('attn_k.bias', [kv], 'bias');
      block('attn_v.bias', [kv], 'bias');
    }
    block('attn_output.weight', [e, q], 'matrix');
    if (family === 'gemma2') block('post_attention_norm.weight', [e], 'norm');
    block('ffn_norm.weight', [e], 'norm');
    if (family === 'phi3') block('ffn_up.weight', [2 * f, e], 'matrix');
    else {
      block('ffn_gate.weight', [f, e], 'matrix');
      block('ffn_up.weight', [f, e], 'matrix');
    }
    block('ffn_down.weight', [e, f], 'matrix');
    if (family === 'gemma2') block('post_ffw_norm.weight', [e], 'norm');
  }
  tensors.push({ name: 'output_norm.weight', shape: [e], role: 'norm' });
  if (!shape.tiedEmbeddings) tensors.push({ name: 'output.weight', shape: [v, e], role: 'output' });
  return tensors;
}

/**
 * Llama 3.1+'s RoPE scaling as frequency factors (rope_type "llama3": factor 32, low/high frequency
 * factors 1 and 4, original context 8192), as convert_hf_to_gguf.py writes rope_freqs.weight.
 */
export function llama3RopeFactors(shape: ModelShape): Float32Array {
  const factor = 32;
  const original = 8192;
  const lowWavelength = original / 1;
  const highWavelength = original / 4;
  const factors = new Float32Array(shape.headSize / 2);
  for (let index = 0; index < factors.length; index++) {
    const frequency = 1 / shape.ropeFrequencyBase ** ((2 * index) / shape.headSize);
    const wavelength = (2 * Math.PI) / frequency;
    if (wavelength < highWavelength) factors[index] = 1;
    else if (wavelength > lowWavelength) factors[index] = factor;
    else {
      const smooth = (original / wavelength - 1) / (4 - 1);
      factors[index] = 1 / ((1 - smooth) / factor + smooth);
    }
  }
  return factors;
}
