import { coverageTool } from '#core/trajectory/answerMethods.ts';
import { resolveTextEmbedding, type TextEmbeddingConfig, type TextEmbeddingOptions } from './embedWords.ts';

/** How a {@link SemanticFlowGraph} embeds and clusters; every field but `tools` has a default. */
export type FlowGraphOptions = {
  /** The tools of the training data (a `ToolVocabulary`'s `tools`); others share one slot. */
  readonly tools: readonly string[];
  readonly text?: TextEmbeddingOptions;
  /** Length of the tool one-hot part of a step embedding. Defaults to 1. */
  readonly toolWeight?: number;
  /**
   * Whether a path that answered in text without calling a tool enters the graph as text steps, one
   * per sentence of its answer (textSteps.ts), hashed like arguments. Defaults to false, so the
   * recorded agent data (AutoFL, where a run that answered without looking is a signal of its own)
   * and the checkpoints trained on it keep their features; the app's retraining turns it on.
   */
  readonly textSteps?: boolean;
  /** A step joins its most similar step cluster at this cosine or above. Defaults to 0.8. */
  readonly joinThreshold?: number;
  /** Two clusters of one kind whose centroids reach this cosine merge. Defaults to 0.9. */
  readonly mergeThreshold?: number;
  /** An answer joins its most similar answer cluster at this cosine or above. Defaults to 0.85. */
  readonly answerJoinThreshold?: number;
  /**
   * A tool result matching this (case-insensitive) regular expression counts as an error.
   * Defaults to results that open with "error", "exception", "not found", "no such", "failed" or
   * "you probably mean" (AutoFL's correction of a wrong signature), after any quotes or braces.
   */
  readonly errorPattern?: string;
  /**
   * AutoFL-aware: the tool whose results list the methods the failing tests cover (argument
   * `class_name`, items `".method(types)"`). Answers are voted on among the methods it listed.
   * Defaults to AutoFL's `get_failing_tests_covered_methods_for_class`; a name no tool has turns
   * the covered-method features off (they read 0).
   */
  readonly coverageTool?: string;
  /**
   * A class (simple name) matching this regular expression is a test class: votes for its methods
   * point at the test, not the bug. Defaults to names containing "Test".
   */
  readonly testClassPattern?: string;
};

/** {@link FlowGraphOptions} with the defaults filled in: the `featureConfig` of a checkpoint. */
export type FlowGraphConfig = {
  readonly tools: readonly string[];
  readonly text: TextEmbeddingConfig;
  readonly toolWeight: number;
  readonly textSteps: boolean;
  readonly joinThreshold: number;
  readonly mergeThreshold: number;
  readonly answerJoinThreshold: number;
  readonly errorPattern: string;
  readonly coverageTool: string;
  readonly testClassPattern: string;
};

/** The options with every default filled in. */
export function resolveFlowGraphConfig(options: FlowGraphOptions): FlowGraphConfig {
  return {
    tools: [...options.tools],
    text: resolveTextEmbedding(options.text),
    toolWeight: options.toolWeight ?? 1,
    textSteps: options.textSteps ?? false,
    joinThreshold: options.joinThreshold ?? 0.8,
    mergeThreshold: options.mergeThreshold ?? 0.9,
    answerJoinThreshold: options.answerJoinThreshold ?? 0.85,
    errorPattern: options.errorPattern ?? '^[\\s"\'{\\[]*(error|exception|not found|no such|failed|you probably mean)',
    coverageTool: options.coverageTool ?? coverageTool,
    testClassPattern: options.testClassPattern ?? 'Test',
  };
}
