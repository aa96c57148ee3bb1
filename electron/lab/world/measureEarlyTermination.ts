import { knownTexts, type EarlyTermination } from '#core/agent/earlyTermination.ts';
import { runTask, type CheckpointState, type PathSnapshot, type TaskOutcome } from '#core/agent/runTask.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { Clock } from '#core/ports.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';

/** What one leg of a path used: tokens read and written, and its time on the model. */
export type MeasuredLeg = { readonly tokensIn: number; readonly tokensOut: number; readonly milliseconds: number };

/** One local path of a task, measured in its two legs (to the checkpoint, then to its end). */
export type MeasuredPath = {
  readonly index: number;
  /** The path as the checkpoint saw it. */
  readonly atCheckpoint: PathSnapshot;
  readonly before: MeasuredLeg;
  /** The leg after the checkpoint; null when the path had ended before it. */
  readonly after: MeasuredLeg | null;
  readonly status: PathSnapshot['status'];
  readonly answer: string | null;
  /** Every call the path made, to its end. */
  readonly calls: PathSnapshot['calls'];
  /** The world verifier on this path's own answer. */
  readonly isCorrect: boolean;
};

/** A task's paths, every one run to its end, with what each leg used. */
export type MeasuredTask = {
  readonly taskId: string;
  /** Steps per path at the checkpoint (runTask's parallel checkpoint: half the step budget). */
  readonly checkpointAt: number;
  readonly paths: readonly MeasuredPath[];
  /** What every path starts from (system prompt and question), as prune's grounding reads it. */
  readonly knownTexts: readonly string[];
  /** The verifier on an answer (the vote of any subset of paths is checked with it). */
  readonly verify: (answer: string | null) => boolean;
};

/** Options of {@link measureEarlyTermination}. */
export type MeasureEarlyTerminationOptions = {
  readonly source: ChatProvider;
  readonly tasks: readonly WorldTask[];
  /** Task `i` runs with runTask's seed `seed + 10_000 i` (bench policy's seeds, so its paths are bench policy's). */
  readonly seed: number;
  /** Defaults to 5. */
  readonly paths?: number;
  /** Defaults to 0.7. */
  readonly temperature?: number;
  /** Defaults to 256. */
  readonly maxTokens?: number;
  readonly clock: Clock;
  readonly onProgress?: (progress: { done: number; total: number; label: string }) => void;
  readonly signal?: AbortSignal;
};

type Call = { readonly seed: number; readonly leg: MeasuredLeg };

/**
 * Runs every task through the engine's own `runTask` (parallel strategy, a checkpoint at half the
 * step budget that always continues, one path at a time so that each leg's time is its own) and
 * keeps, per path, the checkpoint's view and the tokens and time of each leg. Every early
 * termination rule is then a replay of these runs (earlyTerminationRows.ts): paths are independent
 * (own context, own seeds), so ending some paths leaves the others exactly as measured here.
 */
export async function measureEarlyTermination(options: MeasureEarlyTerminationOptions): Promise<MeasuredTask[]> {
  const { source, clock } = options;
  const pathCount = options.paths ?? 5;
  const measured: MeasuredTask[] = [];
  for (const [index, task] of options.tasks.entries()) {
    const seed = options.seed + 10_000 * index;
    const calls: Call[] = [];
    const timed: ChatProvider = {
      id: source.id,
      modelName: source.modelName,
      locality: source.locality,
      dispose: () => source.dispose(),
      continueTranscript: async (transcript, continuation) => {
        const started = clock.now();
        const result = await source.continueTranscript(transcript, continuation);
        const leg = { tokensIn: result.tokensIn, tokensOut: result.tokensOut, milliseconds: clock.now() - started };
        calls.push({ seed: continuation.seed, leg });
        return result;
      },
    };
    let atCheckpoint: readonly PathSnapshot[] = [];
    const checkpointAt = Math.max(1, Math.floor(task.stepBudget / 2));
    const outcome = await runLocalWorldTask(task, {
      local: timed,
      paths: pathCount,
      seed,
      concurrency: 1,
      clock,
      signal: options.signal,
      temperature: options.temperature,
      maxTokens: options.maxTokens,
      onCheckpoint: (state) => {
        atCheckpoint = state.paths;
      },
    });
    const legOf = (legSeed: number): MeasuredLeg | null =>
      calls.find((call) => call.seed === legSeed >>> 0)?.leg ?? null;
    const paths = outcome.paths.map((path): MeasuredPath => {
      const before = legOf(seed + path.index);
      const snapshot = atCheckpoint[path.index];
      if (before === null || snapshot === undefined)
        throw new Error(`path ${path.index} of ${task.id} was not measured`);
      const answer = path.status === 'answered' ? path.answer : null;
      return {
        index: path.index,
        atCheckpoint: snapshot,
        before,
        after: legOf(seed + 1000 + path.index),
        status: path.status,
        answer,
        calls: path.calls,
        isCorrect: task.verify(answer),
      };
    });
    measured.push({
      taskId: task.id,
      checkpointAt,
      paths,
      knownTexts: knownTexts({
        tools: [],
        messages: [
          { role: 'system', text: worldSystemPrompt },
          { role: 'user', text: task.question },
        ],
      }),
      verify: task.verify,
    });
    const right = paths.filter((path) => path.isCorrect).length;
    options.onProgress?.({
      done: index + 1,
      total: options.tasks.length,
      label: `${task.id}: ${right}/${pathCount} paths right`,
    });
  }
  return measured;
}

/** Options of {@link runLocalWorldTask}. */
export type LocalWorldTaskOptions = {
  readonly local: ChatProvider;
  readonly paths: number;
  /** runTask's seed. */
  readonly seed: number;
  readonly concurrency: number;
  readonly earlyTermination?: EarlyTermination;
  /** Defaults to 0.7. */
  readonly temperature?: number;
  /** Defaults to 256. */
  readonly maxTokens?: number;
  /** Sees the checkpoint's state (it always continues). */
  readonly onCheckpoint?: (state: CheckpointState) => void;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
};

/**
 * A world task through `runTask` as the app runs it on the local model alone: the parallel
 * strategy, the world's system prompt and calculator, a checkpoint at half the step budget that
 * always continues (no cloud in the comparison).
 */
export async function runLocalWorldTask(task: WorldTask, options: LocalWorldTaskOptions): Promise<TaskOutcome> {
  return await runTask({
    taskId: task.id,
    task: {
      prompt: task.question,
      systemPrompt: worldSystemPrompt,
      tools: createWorldTools(),
      stepBudget: task.stepBudget,
    },
    local: options.local,
    paths: options.paths,
    strategy: 'parallel',
    checkpoint: {
      at: Math.max(1, Math.floor(task.stepBudget / 2)),
      decide: (state) => {
        options.onCheckpoint?.(state);
        return {
          action: 'continue',
          explanation: {
            decidedBy: 'bench',
            failureProbability: null,
            threshold: null,
            reason: 'local only',
            facts: {},
          },
        };
      },
    },
    ...(options.earlyTermination === undefined ? {} : { earlyTermination: options.earlyTermination }),
    seed: options.seed,
    temperature: options.temperature ?? 0.7,
    maxTokens: options.maxTokens ?? 256,
    concurrency: options.concurrency,
    clock: options.clock,
    signal: options.signal,
  });
}
