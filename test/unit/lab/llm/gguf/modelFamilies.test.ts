// The real shapes' tokenizers and tensor lists, without llama.cpp: vocabularies of the real size
// with the families' special tokens at their real ids, every BPE merge producing a token (llama.cpp
// aborts on a missing one), and the tensors each architecture's loader expects.
import { describe, expect, it } from 'vitest';
import { familyTensors } from '#lab/llm/gguf/families/familyTensors.ts';
import { familyTokenizer } from '#lab/llm/gguf/families/familyTokenizer.ts';
import { modelShapes } from '#lab/llm/gguf/families/ModelShape.ts';
import { tensorType } from '#lab/llm/gguf/families/synthesizeModel.ts';

function shape(id: string) {
  const found = modelShapes[id];
  if (found === undefined) throw new Error(`no shape ${id}`);
  return found;
}

function metadataValue(entries: ReturnType<typeof familyTokenizer>['metadata'], key: string): unknown {
  return entries.find((entry) => entry.key === key)?.value.value;
}

describe('model families', () => {
  it.each([
    [
      'qwen2.5-0.5b',
      151936,
      { 151643: '<|endoftext|>', 151644: '<|im_start|>', 151645: '<|im_end|>', 151657: '<tool_call>' },
    ],
    [
      'llama3.2-1b',
      128256,
      { 128000: '<|begin_of_text|>', 128006: '<|start_header_id|>', 128008: '<|eom_id|>', 128009: '<|eot_id|>' },
    ],
  ] as const)('%s: a byte-level BPE vocabulary of %i tokens whose merges all make tokens', (id, size, specials) => {
    const tokenizer = familyTokenizer(shape(id));
    const { tokens, merges = [] } = tokenizer.vocabulary;
    expect(tokens).toHaveLength(size);
    expect(new Set(tokens).size).toBe(size);
    for (const [tokenId, text] of Object.entries(specials)) expect(tokens[Number(tokenId)]).toBe(text);
    const known = new Set(tokens);
    expect(merges.length).toBeGreaterThan(100_000);
    expect(merges.filter((merge) => !known.has(merge.replace(' ', '')))).toEqual([]);
    expect(tokens.slice(0, 3)).toEqual(['!', '"', '#']);
    expect(tokens.slice(0, 256)).toContain('Ġ'); // the space byte
    expect(metadataValue(tokenizer.metadata, 'tokenizer.ggml.model')).toBe('gpt2');
    expect(String(metadataValue(tokenizer.metadata, 'tokenizer.chat_template'))).toContain(
      id.startsWith('qwen') ? '<tool_call>' : '<|start_header_id|>',
    );
  });

  it.each([
    [
      'gemma2-2b',
      256000,
      { 1: '<eos>', 2: '<bos>', 106: '<start_of_turn>', 107: '<end_of_turn>', 217: '<0x00>', 472: '<0xFF>' },
    ],
    [
      'phi3-mini',
      32064,
      { 1: '<s>', 3: '<0x00>', 32000: '<|endoftext|>', 32001: '<|assistant|>', 32007: '<|end|>', 32010: '<|user|>' },
    ],
  ] as const)('%s: a SentencePiece vocabulary of %i tokens with the byte tokens', (id, size, specials) => {
    const tokenizer = familyTokenizer(shape(id));
    expect(tokenizer.vocabulary.tokens).toHaveLength(size);
    expect(new Set(tokenizer.vocabulary.tokens).size).toBe(size);
    for (const [tokenId, text] of Object.entries(specials))
      expect(tokenizer.vocabulary.tokens[Number(tokenId)]).toBe(text);
    expect(metadataValue(tokenizer.metadata, 'tokenizer.ggml.model')).toBe('llama');
  });

  it('lists the tensors of each architecture with the real sizes', () => {
    const qwen = familyTensors(shape('qwen2.5-0.5b'));
    expect(qwen).toHaveLength(24 * 12 + 2);
    expect(qwen.find((tensor) => tensor.name === 'blk.0.attn_k.bias')?.shape).toEqual([128]);
    expect(qwen.some((tensor) => tensor.name === 'output.weight')).toBe(false);
    const parameters = qwen.reduce((total, tensor) => total + tensor.shape.reduce((a, b) => a * b, 1), 0);
    expect(parameters).toBeCloseTo(494e6, -7); // Qwen2.5-0.5B: 0.49 B parameters
    const phi = familyTensors(shape('phi3-mini'));
    expect(phi.find((tensor) => tensor.name === 'blk.0.attn_qkv.weight')?.shape).toEqual([9216, 3072]);
    expect(phi.find((tensor) => tensor.name === 'blk.0.ffn_up.weight')?.shape).toEqual([16384, 3072]);
    const gemma = familyTensors(shape('gemma2-2b')).map((tensor) => tensor.name);
    expect(gemma).toContain('blk.25.post_attention_norm.weight');
    expect(gemma).toContain('blk.25.post_ffw_norm.weight');
    const llama = familyTensors(shape('llama3.2-1b'));
    expect(llama.find((tensor) => tensor.name === 'rope_freqs.weight')?.shape).toEqual([32]);
  });

  it('stores Q4_0 matrices, the tied embedding in Q8_0, norms and biases in F32', () => {
    const qwen = shape('qwen2.5-0.5b');
    const types = Object.fromEntries(
      familyTensors(qwen).map((tensor) => [tensor.name, tensorType(tensor, 'q4_0', qwen)]),
    );
    expect(types).toMatchObject({
      'token_embd.weight': 'Q8_0',
      'blk.0.attn_q.weight': 'Q4_0',
      'blk.0.attn_q.bias': 'F32',
      'blk.0.attn_norm.weight': 'F32',
    });
  });
});
