import { readFile } from 'node:fs/promises';
import { readGgufFileInfo } from 'node-llama-cpp';
import { InvalidRequestError } from '#core/errors.ts';
import type { LlamaConfig, LlamaLayerWeights, LlamaWeights } from './LlamaWeights.ts';

const float32Type = 0;

/**
 * Reads the float32 weights of a llama GGUF back into LlamaWeights (the inverse of
 * writeLlamaGguf for F32 files), so the reference forward pass can check a saved model.
 */
export async function readLlamaWeights(file: string): Promise<LlamaWeights> {
  const info = await readGgufFileInfo(file, { sourceType: 'filesystem', logWarnings: false });
  const metadata = info.architectureMetadata as Record<string, unknown> & {
    attention?: { head_count?: number; head_count_kv?: number };
  };
  const tokens = (info.metadata as { tokenizer?: { ggml?: { tokens?: readonly string[] } } }).tokenizer?.ggml?.tokens;
  const config: LlamaConfig = {
    vocabSize: tokens?.length ?? 0,
    embedding: Number(metadata['embedding_length']),
    layers: Number(metadata['block_count']),
    heads: Number(metadata.attention?.head_count),
    kvHeads: Number(metadata.attention?.head_count_kv ?? metadata.attention?.head_count),
    feedForward: Number(metadata['feed_forward_length']),
    contextLength: Number(metadata['context_length']),
  };
  const bytes = await readFile(file);
  const tensors = new Map<string, Float32Array>();
  for (const tensor of info.tensorInfo ?? []) {
    if (Number(tensor.ggmlType) !== float32Type) {
      throw new InvalidRequestError(`${file}: tensor ${tensor.name} is not F32; only F32 files can be read back.`);
    }
    const count = tensor.dimensions.reduce<number>((product, size) => product * Number(size), 1);
    const start = Number(tensor.fileOffset);
    // Copy out of the file buffer: its byte offset need not be 4-byte aligned for a Float32Array view.
    tensors.set(
      tensor.name,
      new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + count * 4)),
    );
  }
  const take = (name: string): Float32Array => {
    const data = tensors.get(name);
    if (data === undefined) throw new InvalidRequestError(`${file} has no tensor ${name}.`);
    return data;
  };
  const layers: LlamaLayerWeights[] = Array.from({ length: config.layers }, (_, index) => ({
    attentionNorm: take(`blk.${index}.attn_norm.weight`),
    query: take(`blk.${index}.attn_q.weight`),
    key: take(`blk.${index}.attn_k.weight`),
    value: take(`blk.${index}.attn_v.weight`),
    attentionOutput: take(`blk.${index}.attn_output.weight`),
    feedForwardNorm: take(`blk.${index}.ffn_norm.weight`),
    gate: take(`blk.${index}.ffn_gate.weight`),
    up: take(`blk.${index}.ffn_up.weight`),
    down: take(`blk.${index}.ffn_down.weight`),
  }));
  const output = tensors.get('output.weight');
  return {
    config,
    tokenEmbedding: take('token_embd.weight'),
    layers,
    outputNorm: take('output_norm.weight'),
    ...(output === undefined ? {} : { output }),
  };
}
