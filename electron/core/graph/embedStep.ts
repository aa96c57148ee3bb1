import { canonicalizeArguments } from './canonicalizeArguments.ts';
import { embedWords, type TextEmbeddingConfig } from './embedWords.ts';
import type { ToolVocabulary } from './ToolVocabulary.ts';

/** What a step embedding needs of a tool call. */
export type EmbeddableStep = {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
};

/**
 * The embedding of one tool call: the one-hot of its tool (unknown tools share the "other" slot),
 * scaled by `toolWeight`, followed by the hashed embedding of its canonicalised arguments (unit
 * length, or zero without arguments). Deterministic and allocation-light: it runs for every live step.
 * @param step The tool call.
 * @param vocabulary The tools known to the predictor.
 * @param text How arguments are hashed.
 * @param toolWeight Length of the one-hot part. With 1 (the default) the cosine of two steps is the
 * mean of "same tool" (0 or 1) and the cosine of their arguments.
 * @returns `vocabulary.size + text.dimension` numbers.
 */
export function embedStep(
  step: EmbeddableStep,
  vocabulary: ToolVocabulary,
  text: TextEmbeddingConfig,
  toolWeight = 1,
): Float32Array {
  const vector = new Float32Array(vocabulary.size + text.dimension);
  vector[vocabulary.indexOf(step.tool)] = toolWeight;
  embedWords(canonicalizeArguments(step.args), text, vector.subarray(vocabulary.size));
  return vector;
}
