import type { LlamaConfig } from '#lab/llm/gguf/LlamaWeights.ts';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';

const printable = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index));

/** A character vocabulary (newline and printable ASCII, plus byte fallback) for steered test models. */
export const characterVocabulary = LlamaVocabulary.create({ characters: ['\n', ...printable] });

/** The shape of the tiny random models the provider and chat tests steer token by token. */
export function tinyCharacterConfig(contextLength: number): LlamaConfig {
  return {
    vocabSize: characterVocabulary.size,
    embedding: 32,
    layers: 1,
    heads: 2,
    kvHeads: 2,
    feedForward: 64,
    contextLength,
  };
}
