import type { TaskEvent } from '#shared/taskEvents.ts';
import { CancelledError, InvalidRequestError } from '#core/errors.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';
import { defaultHandover, type HandoverKind } from './handover.ts';
import type { CheckpointDecision, PathCall, PathSnapshot, PathStatus, RunTaskOptions } from './runTaskTypes.ts';

/** A path while it runs. */
export type PathState = {
  index: number;
  transcript: Transcript;
  steps: number;
  status: PathStatus;
  answer: string | null;
  provider: ChatProvider;
  tokensOut: number;
  calls: PathCall[];
};

/** One task while it runs: its options with their defaults, its paths and what they used so far. */
export type TaskRun = {
  readonly options: RunTaskOptions;
  /** The question (with the system prompt and a chat's earlier turns) every path starts from. */
  readonly initial: Transcript;
  readonly paths: PathState[];
  readonly decisions: CheckpointDecision[];
  readonly tokens: { in: number; out: number };
  readonly maxTokens: number;
  readonly handover: HandoverKind;
  readonly seed: number;
  costUsd: number;
  /** Steps taken over all paths: the x of the prediction chart. */
  stepsTaken: number;
  emit(event: TaskEvent): void;
};

/** Checks the options and sets up the paths; every path starts on the local model. */
export function createTaskRun(options: RunTaskOptions): TaskRun {
  const { task } = options;
  const pathCount = options.paths ?? 5;
  const maxTokens = options.maxTokens ?? requestDefaults.maxTokens;
  const handover = options.handover ?? defaultHandover;
  const seed = options.seed ?? 1;
  if (!Number.isInteger(pathCount) || pathCount < 1 || pathCount > 64)
    throw new InvalidRequestError(`Paths must be a whole number from 1 to 64, not ${pathCount}.`);
  if (!Number.isInteger(task.stepBudget) || task.stepBudget < 1)
    throw new InvalidRequestError(`The step budget must be a whole number of at least 1, not ${task.stepBudget}.`);
  if (options.signal?.aborted) throw new CancelledError();

  const initial: Transcript = {
    tools: task.tools.definitions,
    messages: [
      ...(task.systemPrompt === undefined ? [] : [{ role: 'system' as const, text: task.systemPrompt }]),
      ...(task.history ?? []),
      { role: 'user', text: task.prompt },
    ],
  };
  const paths: PathState[] = Array.from({ length: pathCount }, (_, index) => ({
    index,
    transcript: initial,
    steps: 0,
    status: 'running',
    answer: null,
    provider: options.local,
    tokensOut: 0,
    calls: [],
  }));
  const decisions: CheckpointDecision[] = [];
  return {
    options,
    initial,
    paths,
    decisions,
    tokens: { in: 0, out: 0 },
    maxTokens,
    handover,
    seed,
    costUsd: 0,
    stepsTaken: 0,
    emit: (event) => options.onEvent?.(event),
  };
}

/** A path as the checkpoint and the outcome see it. */
export function snapshot(path: PathState): PathSnapshot {
  return {
    index: path.index,
    transcript: path.transcript,
    steps: path.steps,
    status: path.status,
    answer: path.answer,
    providerId: path.provider.id,
    calls: [...path.calls],
  };
}
