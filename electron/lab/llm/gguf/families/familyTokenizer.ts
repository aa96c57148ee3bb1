import type { GgufMetadataEntry } from '../writeGguf.ts';
import { llama32Template, gemma2Template, phi3Template, qwen25Template } from './chatTemplates.ts';
import type { ModelShape } from './ModelShape.ts';
import {
  bpeVocabulary,
  sentencePieceVocabulary,
  type FixedToken,
  type SyntheticVocabulary,
} from './syntheticVocabulary.ts';

/** A family's tokenizer: its synthetic vocabulary, the GGUF tokenizer.* entries and the special ids. */
export type FamilyTokenizer = {
  vocabulary: SyntheticVocabulary;
  metadata: GgufMetadataEntry[];
  bosId: number;
  eosId: number;
};

function named(base: number, names: readonly string[], type: FixedToken['type'] = 'control'): FixedToken[] {
  return names.map((text, index) => ({ id: base + index, text, type }));
}

/** Llama 3: 256 specials at the end of the vocabulary (128000..128255 at the real size). */
function llama3Tokens(size: number): { fixed: FixedToken[]; bos: number; eos: number } {
  const base = size - 256;
  const names = [
    '<|begin_of_text|>',
    '<|end_of_text|>',
    '<|reserved_special_token_0|>',
    '<|reserved_special_token_1|>',
    '<|finetune_right_pad_id|>',
    '<|reserved_special_token_2|>',
    '<|start_header_id|>',
    '<|end_header_id|>',
    '<|eom_id|>',
    '<|eot_id|>',
    '<|python_tag|>',
  ];
  const reserved = Array.from({ length: 256 - names.length }, (_, index) => `<|reserved_special_token_${index + 3}|>`);
  return { fixed: named(base, [...names, ...reserved]), bos: base, eos: base + 9 };
}

/** Qwen2.5: 22 added tokens after 151643 regular ones, then padding up to 151936 (293 at the end in all). */
function qwenTokens(size: number): { fixed: FixedToken[]; bos: number; eos: number } {
  const base = size - 293;
  const control = named(base, [
    '<|endoftext|>',
    '<|im_start|>',
    '<|im_end|>',
    '<|object_ref_start|>',
    '<|object_ref_end|>',
    '<|box_start|>',
    '<|box_end|>',
    '<|quad_start|>',
    '<|quad_end|>',
    '<|vision_start|>',
    '<|vision_end|>',
    '<|vision_pad|>',
    '<|image_pad|>',
    '<|video_pad|>',
  ]);
  const added = [
    ...named(base + 14, ['<tool_call>', '</tool_call>'], 'userDefined'),
    ...named(base + 16, [
      '<|fim_prefix|>',
      '<|fim_middle|>',
      '<|fim_suffix|>',
      '<|fim_pad|>',
      '<|repo_name|>',
      '<|file_sep|>',
    ]),
  ];
  const padding = Array.from({ length: size - (base + 22) }, (_, index) => ({
    id: base + 22 + index,
    text: `[PAD${base + 22 + index}]`,
    type: 'unused' as const,
  }));
  return { fixed: [...control, ...added, ...padding], bos: base, eos: base + 2 };
}

/** Gemma: <pad> 0, <eos> 1, <bos> 2, <unk> 3, turn markers at 106/107, byte tokens from 217. */
function gemmaTokens(): FixedToken[] {
  return [
    ...named(0, ['<pad>', '<eos>', '<bos>']),
    { id: 3, text: '<unk>', type: 'unknown' },
    ...named(4, ['<mask>', '[@BOS@]'], 'userDefined'),
    ...named(
      6,
      Array.from({ length: 100 }, (_, index) => `<unused${index}>`),
      'unused',
    ),
    ...named(106, ['<start_of_turn>', '<end_of_turn>']),
  ];
}

/** Phi-3: <unk> 0, <s> 1, </s> 2, bytes from 3, and 64 added chat tokens at the end (32000..32063). */
function phi3Tokens(size: number): { fixed: FixedToken[]; eos: number } {
  const base = size - 64;
  const chat = [
    '<|assistant|>',
    '<|placeholder1|>',
    '<|placeholder2|>',
    '<|placeholder3|>',
    '<|placeholder4|>',
    '<|system|>',
  ];
  const rest = ['<|placeholder5|>', '<|placeholder6|>', '<|user|>'];
  const placeholders = Array.from({ length: 64 - 11 }, (_, index) => `<|placeholder${index + 7}|>`);
  return {
    fixed: [
      { id: 0, text: '<unk>', type: 'unknown' },
      ...named(1, ['<s>', '</s>']),
      ...named(base, ['<|endoftext|>']),
      ...named(base + 1, chat, 'userDefined'),
      ...named(base + 7, ['<|end|>']),
      ...named(base + 8, [...rest, ...placeholders], 'userDefined'),
    ],
    eos: base,
  };
}

function string(key: string, value: string): GgufMetadataEntry {
  return { key, value: { type: 'string', value } };
}

function uint32(key: string, value: number): GgufMetadataEntry {
  return { key, value: { type: 'uint32', value } };
}

function bool(key: string, value: boolean): GgufMetadataEntry {
  return { key, value: { type: 'bool', value } };
}

/**
 * The tokenizer of `shape`'s family at `shape.vocabSize` tokens: byte-level BPE ("gpt2", with the
 * family's pre-tokenizer) for llama 3 and qwen2, SentencePiece ("llama") for gemma2 and phi3, the
 * family's special tokens in their roles, and its published chat template.
 */
export function familyTokenizer(shape: ModelShape): FamilyTokenizer {
  const size = shape.vocabSize;
  if (shape.family === 'llama' || shape.family === 'qwen2') {
    const isLlama = shape.family === 'llama';
    const { fixed, bos, eos } = isLlama ? llama3Tokens(size) : qwenTokens(size);
    const vocabulary = bpeVocabulary(size, fixed);
    const metadata = [
      string('tokenizer.ggml.model', 'gpt2'),
      string('tokenizer.ggml.pre', isLlama ? 'llama-bpe' : 'qwen2'),
      { key: 'tokenizer.ggml.tokens', value: { type: 'string-array', value: vocabulary.tokens } } as const,
      { key: 'tokenizer.ggml.token_type', value: { type: 'int32-array', value: vocabulary.types } } as const,
      { key: 'tokenizer.ggml.merges', value: { type: 'string-array', value: vocabulary.merges ?? [] } } as const,
      uint32('tokenizer.ggml.bos_token_id', bos),
      uint32('tokenizer.ggml.eos_token_id', eos),
      uint32('tokenizer.ggml.padding_token_id', isLlama ? bos + 4 : bos),
      bool('tokenizer.ggml.add_bos_token', isLlama),
      string('tokenizer.chat_template', isLlama ? llama32Template : qwen25Template),
    ];
    return { vocabulary, metadata, bosId: bos, eosId: eos };
  }
  const isGemma = shape.family === 'gemma2';
  const phi3 = phi3Tokens(size);
  const vocabulary = isGemma
    ? sentencePieceVocabulary(size, gemmaTokens(), 217)
    : sentencePieceVocabulary(size, phi3.fixed, 3);
  const bos = isGemma ? 2 : 1;
  const eos = isGemma ? 1 : phi3.eos;
  const metadata = [
    string('tokenizer.ggml.model', 'llama'),
    { key: 'tokenizer.ggml.tokens', value: { type: 'string-array', value: vocabulary.tokens } } as const,
    { key: 'tokenizer.ggml.scores', value: { type: 'float32-array', value: vocabulary.scores ?? [] } } as const,
    { key: 'tokenizer.ggml.token_type', value: { type: 'int32-array', value: vocabulary.types } } as const,
    uint32('tokenizer.ggml.bos_token_id', bos),
    uint32('tokenizer.ggml.eos_token_id', eos),
    uint32('tokenizer.ggml.unknown_token_id', isGemma ? 3 : 0),
    uint32('tokenizer.ggml.padding_token_id', isGemma ? 0 : eos),
    bool('tokenizer.ggml.add_bos_token', isGemma),
    bool('tokenizer.ggml.add_eos_token', false),
    bool('tokenizer.ggml.add_space_prefix', false),
    string('tokenizer.chat_template', isGemma ? gemma2Template : phi3Template),
  ];
  return { vocabulary, metadata, bosId: bos, eosId: eos };
}
