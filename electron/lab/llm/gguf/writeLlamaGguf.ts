import { assert } from '#core/errors.ts';
import { llamaTokenTypeCodes, type LlamaVocabulary } from './LlamaVocabulary.ts';
import {
  llamaHeadSize,
  llamaRmsNormEpsilon,
  llamaRopeFrequencyBase,
  llamaTensors,
  type LlamaWeights,
} from './LlamaWeights.ts';
import { writeGguf, type GgufMetadataEntry, type GgufTensorType, type GgufValue } from './writeGguf.ts';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';

/** The metadata key naming the project's own chat format, read by the local provider. */
/** The metadata key naming the chat format (one source of truth: chat/chatFormatMetadata.ts). */
export const chatFormatKey = chatFormatMetadata.key;

/** A llama model ready to be written as GGUF. */
export type LlamaGgufModel = {
  /** general.name */
  name: string;
  weights: LlamaWeights;
  /** Must have `weights.config.vocabSize` entries; its ids are the embedding rows. */
  vocabulary: LlamaVocabulary;
  /** Written as `atropos.chat_format` so the provider picks the project's chat wrapper; omitted when absent. */
  chatFormat?: string;
  /** An optional Jinja `tokenizer.chat_template` for other tools. */
  chatTemplate?: string;
  /** 'F16' stores the matrices as half floats (norms stay F32, as llama.cpp's converter does). Defaults to 'F32'. */
  fileType?: GgufTensorType;
};

function entry(key: string, value: GgufValue): GgufMetadataEntry {
  return { key, value };
}

function uint32(key: string, value: number): GgufMetadataEntry {
  return entry(key, { type: 'uint32', value });
}

/**
 * Serialises a llama-architecture GGUF that llama.cpp loads: the llama.* hyperparameters, a
 * SentencePiece ("llama") tokenizer with BOS 1, EOS 2, UNK 0, a BOS added and no space prefix,
 * and the tensors under llama.cpp's names.
 */
export function writeLlamaGguf(model: LlamaGgufModel): Uint8Array {
  const { config } = model.weights;
  const { entries } = model.vocabulary;
  const fileType = model.fileType ?? 'F32';
  assert(
    entries.length === config.vocabSize,
    `vocabulary has ${entries.length} tokens, config says ${config.vocabSize}`,
  );
  const metadata: GgufMetadataEntry[] = [
    entry('general.architecture', { type: 'string', value: 'llama' }),
    entry('general.name', { type: 'string', value: model.name }),
    uint32('general.file_type', fileType === 'F32' ? 0 : 1),
    uint32('llama.vocab_size', config.vocabSize),
    uint32('llama.context_length', config.contextLength),
    uint32('llama.embedding_length', config.embedding),
    uint32('llama.block_count', config.layers),
    uint32('llama.feed_forward_length', config.feedForward),
    uint32('llama.attention.head_count', config.heads),
    uint32('llama.attention.head_count_kv', config.kvHeads),
    uint32('llama.rope.dimension_count', llamaHeadSize(config)),
    entry('llama.rope.freq_base', { type: 'float32', value: llamaRopeFrequencyBase }),
    entry('llama.attention.layer_norm_rms_epsilon', { type: 'float32', value: llamaRmsNormEpsilon }),
    entry('tokenizer.ggml.model', { type: 'string', value: 'llama' }),
    entry('tokenizer.ggml.tokens', { type: 'string-array', value: entries.map((token) => token.piece) }),
    entry('tokenizer.ggml.scores', { type: 'float32-array', value: entries.map((token) => token.score) }),
    entry('tokenizer.ggml.token_type', {
      type: 'int32-array',
      value: entries.map((token) => llamaTokenTypeCodes[token.type]),
    }),
    uint32('tokenizer.ggml.bos_token_id', model.vocabulary.bosId),
    uint32('tokenizer.ggml.eos_token_id', model.vocabulary.eosId),
    uint32('tokenizer.ggml.unknown_token_id', model.vocabulary.unknownId),
    entry('tokenizer.ggml.add_bos_token', { type: 'bool', value: true }),
    entry('tokenizer.ggml.add_eos_token', { type: 'bool', value: false }),
    entry('tokenizer.ggml.add_space_prefix', { type: 'bool', value: false }),
  ];
  if (model.chatTemplate !== undefined) {
    metadata.push(entry('tokenizer.chat_template', { type: 'string', value: model.chatTemplate }));
  }
  if (model.chatFormat !== undefined) metadata.push(entry(chatFormatKey, { type: 'string', value: model.chatFormat }));
  const tensors = llamaTensors(model.weights).map((tensor) => ({
    ...tensor,
    type: tensor.shape.length === 1 ? ('F32' as const) : fileType,
  }));
  return writeGguf({ metadata, tensors });
}
