import type { CheckpointAction, DecisionExplanation, TaskEvent } from '#shared/taskEvents.ts';
import type { JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import type { ToolCallContext } from '#core/llm/providers/ToolCallContext.ts';
import type {
  ChatProvider,
  ContinueTranscriptOptions,
  ContinueTranscriptResult,
} from '#core/llm/providers/ChatProvider.ts';
import { CancelledError, EngineError, InvalidRequestError } from '#core/errors.ts';
import type { Clock } from '#core/ports.ts';
import type { AgentTask } from './AgentTask.ts';
import { defaultHandover, handOver, type HandoverKind } from './handover.ts';
import { mostPromising } from './pathOrder.ts';
import { runLimited } from './runLimited.ts';
import { taskVote, type VoteResult } from './vote.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';

/** Where a path stands. `paused`: it used its leg's steps and waits for the checkpoint. */
export type PathStatus = 'running' | 'paused' | 'answered' | 'exhausted' | 'stopped';

/**
 * One executed tool call of a path, with its result as the recorder stores it (JSON text for
 * structured results); snapshots rebuilt from elsewhere may lack it.
 */
export type PathCall = { readonly name: string; readonly arguments: JsonValue; readonly result?: string };

/** A path as the checkpoint sees it. */
export type PathSnapshot = {
  readonly index: number;
  readonly transcript: Transcript;
  readonly steps: number;
  readonly status: PathStatus;
  readonly answer: string | null;
  readonly providerId: string;
  /** The calls the path made so far, in order, as they happened (the transcript catches up after a leg). */
  readonly calls: readonly PathCall[];
};

/**
 * What a checkpoint decides from: in the parallel strategy every path after `checkpoint` steps (or
 * its end, if sooner); in the sequential strategy the first `checkpoint` complete paths.
 */
export type CheckpointState = {
  readonly strategy: 'parallel' | 'sequential';
  readonly checkpoint: number;
  readonly paths: readonly PathSnapshot[];
  readonly stepBudget: number;
  /** Tokens the local paths read and wrote so far: the basis of cost estimates. */
  readonly tokensSoFar: { readonly in: number; readonly out: number };
};

/** A checkpoint's decision. */
export type CheckpointDecision = {
  readonly action: CheckpointAction;
  /** For `escalate-selective`: how many paths to hand over. Defaults to 1. */
  readonly selectCount?: number;
  readonly explanation: DecisionExplanation;
};

/** The stronger provider a task can escalate to, and the one way to reach it. */
export type Escalation = {
  readonly provider: ChatProvider;
  /**
   * Continues a transcript on `provider`. The engine passes its egress gate here (policy,
   * redaction, budget, audit): the runner never calls a cloud provider directly.
   */
  readonly continueTranscript: (
    transcript: Transcript,
    options: ContinueTranscriptOptions & { readonly path: number },
  ) => Promise<ContinueTranscriptResult & { readonly costUsd: number }>;
};

/** Options of {@link runTask}. */
export type RunTaskOptions = {
  readonly taskId: string;
  readonly task: AgentTask;
  /** The local model every path starts on. */
  readonly local: ChatProvider;
  /** Self-consistency paths. Defaults to 5. */
  readonly paths?: number;
  /** `parallel`: paths advance together; `sequential`: one after another. Defaults to `parallel`. */
  readonly strategy?: 'parallel' | 'sequential';
  /**
   * Where the task stops to decide. Parallel: after `at` steps of every path; sequential: after the
   * first `at` complete paths. Without it, paths run to their end and vote.
   */
  readonly checkpoint?: {
    readonly at: number;
    readonly decide: (state: CheckpointState) => CheckpointDecision | Promise<CheckpointDecision>;
  };
  /**
   * The failure estimate on the paths so far, reported after every step as a `prediction` event
   * (the UI's chance-of-success chart). Defaults to none.
   */
  readonly predict?: (paths: readonly PathSnapshot[]) => {
    readonly failureProbability: number;
    readonly threshold: number;
    readonly decidedBy: string;
  };
  /** Needed for any escalating decision; without it an escalation is refused at the checkpoint. */
  readonly escalation?: Escalation;
  /**
   * What a migrated path hands the stronger model (see handover.ts). Defaults to `transcript`: its
   * work so far and the handoff note (the in-flight context migrates).
   */
  readonly handover?: HandoverKind;
  /** Path `i` samples with seed `seed + i` (and `seed + 1000 + i` after a checkpoint). Defaults to 1. */
  readonly seed?: number;
  /** Defaults to the provider's. */
  readonly temperature?: number;
  /** Tokens one path may write in all. Defaults to `requestDefaults.maxTokens`. */
  readonly maxTokens?: number;
  /** Local paths running at once, one core each. Defaults to 2. */
  readonly concurrency?: number;
  /** Prices a call in US dollars. Defaults to free. */
  readonly price?: (provider: ChatProvider, tokensIn: number, tokensOut: number) => number;
  readonly clock: Clock;
  readonly onEvent?: (event: TaskEvent) => void;
  readonly signal?: AbortSignal;
};

/** What a task ended with. */
export type TaskOutcome = {
  readonly taskId: string;
  readonly status: 'answered' | 'no-answer' | 'stopped';
  readonly answer: string | null;
  readonly vote: VoteResult;
  readonly isLowConfidence: boolean;
  readonly decisions: readonly CheckpointDecision[];
  readonly paths: readonly PathSnapshot[];
  readonly costUsd: number;
  readonly tokens: { readonly in: number; readonly out: number };
};

type PathState = {
  index: number;
  transcript: Transcript;
  steps: number;
  status: PathStatus;
  answer: string | null;
  provider: ChatProvider;
  tokensOut: number;
  calls: PathCall[];
};

/**
 * Runs one task as R self-consistency paths on the local model, with an optional checkpoint where
 * a decision continues, stops early, or hands paths to a stronger provider (parallel hotswap: every
 * path; sequential: the paths not run yet; selective: the m most promising). A migrated path is
 * handed over as `options.handover` says (by default it keeps its transcript up to its last
 * executed call, gets the handoff note and the rest of its budget; `restart` starts it afresh on the
 * stronger model from the question with the whole budget), with the same tools; its step numbers
 * go on from the local ones. A failing escalation
 * (cloud error, denial, budget) falls back: the path goes on locally and a `fallback` event says why. The answer is the majority vote
 * over the escalated paths when an escalated path answered, else over all (see `taskVote`). Cancelling rejects with CancelledError after every running
 * continuation has stopped.
 */
export async function runTask(options: RunTaskOptions): Promise<TaskOutcome> {
  const { task, taskId, clock } = options;
  const pathCount = options.paths ?? 5;
  const strategy = options.strategy ?? 'parallel';
  const maxTokens = options.maxTokens ?? requestDefaults.maxTokens;
  const handover = options.handover ?? defaultHandover;
  const seed = options.seed ?? 1;
  const emit = (event: TaskEvent): void => options.onEvent?.(event);
  if (!Number.isInteger(pathCount) || pathCount < 1 || pathCount > 64)
    throw new InvalidRequestError(`Paths must be a whole number from 1 to 64, not ${pathCount}.`);
  if (!Number.isInteger(task.stepBudget) || task.stepBudget < 1)
    throw new InvalidRequestError(`The step budget must be a whole number of at least 1, not ${task.stepBudget}.`);
  if (options.signal?.aborted) throw new CancelledError();

  const initial: Transcript = {
    tools: task.tools.definitions,
    messages: [
      ...(task.systemPrompt === undefined ? [] : [{ role: 'system' as const, text: task.systemPrompt }]),
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
  let stepsTaken = 0;
  let costUsd = 0;
  const tokens = { in: 0, out: 0 };
  emit({ type: 'task-started', taskId, prompt: task.prompt, paths: pathCount, strategy, at: clock.now() });

  /** One leg of a path on a provider; records the result into the path. */
  const runLeg = async (
    path: PathState,
    provider: ChatProvider,
    stepBudget: number,
    legSeed: number,
    via?: Escalation,
  ): Promise<void> => {
    if (path.transcript === initial)
      emit({
        type: 'path-started',
        taskId,
        path: path.index,
        provider: provider.id,
        locality: provider.locality,
        at: clock.now(),
      });
    const tools = {
      definitions: task.tools.definitions,
      acceptsOriginals: task.tools.acceptsOriginals,
      call: async (name: string, args: JsonValue, context?: ToolCallContext): Promise<JsonValue> => {
        const result = await task.tools.call(name, args, context);
        path.steps += 1;
        path.calls.push({
          name,
          arguments: args,
          result: typeof result === 'string' ? result : JSON.stringify(result),
        });
        emit({
          type: 'step',
          taskId,
          path: path.index,
          step: path.steps,
          tool: name,
          arguments: args,
          result,
          provider: provider.id,
          at: clock.now(),
        });
        if (options.predict !== undefined) {
          const estimate = options.predict(paths.map(snapshot));
          stepsTaken += 1;
          emit({ type: 'prediction', taskId, step: stepsTaken, ...estimate, at: clock.now() });
        }
        return result;
      },
    };
    const legOptions: ContinueTranscriptOptions = {
      tools,
      stepBudget,
      seed: legSeed >>> 0,
      temperature: options.temperature,
      maxTokens: Math.max(1, maxTokens - path.tokensOut),
      signal: options.signal,
      onToken: (text) => emit({ type: 'token', taskId, path: path.index, text }),
    };
    const stepsBefore = path.steps;
    const result: ContinueTranscriptResult & { readonly costUsd?: number } =
      via === undefined
        ? await provider.continueTranscript(path.transcript, legOptions)
        : await via.continueTranscript(path.transcript, { ...legOptions, path: path.index });
    path.transcript = result.transcript;
    path.steps = stepsBefore + result.steps;
    path.provider = provider;
    path.tokensOut += result.tokensOut;
    tokens.in += result.tokensIn;
    tokens.out += result.tokensOut;
    // An escalation reports what it settled (the model that billed, at its price).
    const cost = result.costUsd ?? options.price?.(provider, result.tokensIn, result.tokensOut) ?? 0;
    costUsd += cost;
    emit({
      type: 'charge',
      taskId,
      path: path.index,
      provider: provider.id,
      locality: provider.locality,
      model: result.billedModel ?? provider.modelName,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      costUsd: cost,
      at: clock.now(),
    });
    if (result.status === 'answered') {
      path.status = 'answered';
      path.answer = result.answer;
    } else {
      // Used every step of this leg with budget left overall: it waits; anything else is the end.
      const isPaused = result.steps >= stepBudget && path.steps < task.stepBudget;
      path.status = isPaused ? 'paused' : 'exhausted';
    }
  };

  const finishPath = (path: PathState): void => {
    if (path.status === 'running' || path.status === 'paused') return;
    emit({
      type: 'path-finished',
      taskId,
      path: path.index,
      status: path.status === 'answered' ? 'answered' : path.status === 'stopped' ? 'stopped' : 'exhausted',
      answer: path.answer,
      provider: path.provider.id,
      at: clock.now(),
    });
  };

  /** Hands a path to the escalation provider; on failure, goes on locally (or keeps its end). */
  const escalatePath = async (path: PathState, legSeed: number): Promise<void> => {
    const escalation = options.escalation;
    if (escalation === undefined) throw new Error('escalatePath without an escalation');
    const before = {
      transcript: path.transcript,
      steps: path.steps,
      tokensOut: path.tokensOut,
      calls: [...path.calls],
    };
    const wasAnswered = path.status === 'answered';
    const handed = handOver(handover, { initial, transcript: path.transcript, steps: path.steps });
    const previous = { status: path.status, answer: path.answer };
    path.transcript = handed.transcript;
    // A fresh allowance of tokens too (restored below if the cloud fails).
    if (handed.isFullBudget) path.tokensOut = 0;
    path.status = 'running';
    path.answer = null;
    emit({
      type: 'path-started',
      taskId,
      path: path.index,
      provider: escalation.provider.id,
      locality: escalation.provider.locality,
      at: clock.now(),
    });
    try {
      const stepBudget = handed.isFullBudget ? task.stepBudget : task.stepBudget - path.steps;
      await runLeg(path, escalation.provider, stepBudget, legSeed, escalation);
    } catch (error) {
      if (error instanceof CancelledError || options.signal?.aborted) throw error;
      const message = error instanceof EngineError ? error.message : 'The cloud provider failed unexpectedly.';
      emit({ type: 'fallback', taskId, path: path.index, message, at: clock.now() });
      path.transcript = before.transcript;
      path.steps = before.steps;
      path.tokensOut = before.tokensOut;
      path.calls = before.calls;
      path.provider = options.local;
      if (wasAnswered) {
        path.status = previous.status;
        path.answer = previous.answer;
      } else if (path.steps < task.stepBudget) {
        await runLeg(path, options.local, task.stepBudget - path.steps, legSeed + 1);
      } else {
        path.status = 'exhausted';
      }
    }
  };

  const concurrency = Math.max(1, options.concurrency ?? 2);
  const checkpoint = options.checkpoint;
  try {
    if (strategy === 'parallel') {
      const firstLeg = checkpoint === undefined ? task.stepBudget : Math.min(checkpoint.at, task.stepBudget);
      await runLimited(paths, concurrency, async (path) => {
        await runLeg(path, options.local, firstLeg, seed + path.index);
        if (path.status !== 'paused') finishPath(path);
      });
      // The checkpoint decides even when every path has already finished: paths that answered early
      // and disagree are a common failure, and a hotswap can still redo them from their last call.
      if (checkpoint !== undefined) {
        const decision = await decideAt(checkpoint, {
          strategy,
          checkpoint: checkpoint.at,
          paths: paths.map(snapshot),
          stepBudget: task.stepBudget,
          tokensSoFar: { ...tokens },
        });
        const migrated = chooseMigrated(decision, paths);
        emitCheckpoint(decision, migrated, checkpoint.at);
        await runLimited(paths, concurrency, async (path) => {
          const legSeed = seed + 1000 + path.index;
          if (migrated.includes(path.index)) await escalatePath(path, legSeed);
          else if (path.status === 'paused' && decision.action === 'continue')
            await runLeg(path, options.local, task.stepBudget - path.steps, legSeed);
          else if (path.status === 'paused') path.status = 'stopped';
          else return;
          finishPath(path);
        });
      }
    } else {
      let escalateRest = false;
      for (const path of paths) {
        if (escalateRest) await escalatePath(path, seed + 1000 + path.index);
        else await runLeg(path, options.local, task.stepBudget, seed + path.index);
        if (path.status === 'paused') path.status = 'exhausted';
        finishPath(path);
        const done = path.index + 1;
        if (checkpoint !== undefined && done === checkpoint.at && done < pathCount) {
          const decision = await decideAt(checkpoint, {
            strategy,
            checkpoint: done,
            paths: paths.slice(0, done).map(snapshot),
            stepBudget: task.stepBudget,
            tokensSoFar: { ...tokens },
          });
          const rest = paths.slice(done).map((item) => item.index);
          if (decision.action === 'stop') {
            emitCheckpoint(decision, [], done);
            for (const item of paths.slice(done)) item.status = 'stopped';
            break;
          }
          const isEscalating = decision.action !== 'continue' && options.escalation !== undefined;
          emitCheckpoint(decision, isEscalating ? rest : [], done);
          escalateRest = isEscalating;
        }
      }
    }
  } catch (error) {
    if (options.signal?.aborted) throw new CancelledError();
    throw error;
  }

  const vote = taskVote(
    paths.map((path) => ({
      answer: path.status === 'answered' ? path.answer : null,
      isEscalated: path.provider !== options.local,
    })),
  );
  emit({ type: 'vote', taskId, tally: vote.tally, winner: vote.winner, at: clock.now() });
  const wasStopped = decisions.some((decision) => decision.action === 'stop');
  const support = vote.tally[0]?.paths.length ?? 0;
  // Support is measured among the voters: all paths, or the escalated ones when they decide.
  const voters = vote.isEscalatedVote ? paths.filter((path) => path.provider !== options.local).length : pathCount;
  const isLowConfidence = wasStopped || support * 2 <= voters;
  const status: TaskOutcome['status'] = vote.winner !== null ? 'answered' : wasStopped ? 'stopped' : 'no-answer';
  emit({ type: 'task-finished', taskId, status, answer: vote.winner, isLowConfidence, costUsd, at: clock.now() });
  return {
    taskId,
    status,
    answer: vote.winner,
    vote,
    isLowConfidence,
    decisions,
    paths: paths.map(snapshot),
    costUsd,
    tokens,
  };

  async function decideAt(
    point: NonNullable<RunTaskOptions['checkpoint']>,
    state: CheckpointState,
  ): Promise<CheckpointDecision> {
    const decided = await point.decide(state);
    const isEscalation = decided.action.startsWith('escalate');
    const decision: CheckpointDecision =
      isEscalation && options.escalation === undefined
        ? {
            action: 'continue',
            explanation: {
              ...decided.explanation,
              reason: `${decided.explanation.reason} No cloud provider is set up, so the task stays local.`,
            },
          }
        : decided;
    decisions.push(decision);
    return decision;
  }

  function emitCheckpoint(decision: CheckpointDecision, migratedPaths: readonly number[], at: number): void {
    const { explanation } = decision;
    emit({
      type: 'checkpoint',
      taskId,
      checkpoint: decisions.length,
      checkpointAt: at,
      action: decision.action,
      migratedPaths,
      // What the migrated paths take along (the question alone, or their work so far).
      explanation:
        migratedPaths.length === 0 ? explanation : { ...explanation, facts: { ...explanation.facts, handover } },
      at: clock.now(),
    });
  }
}

/** The paths an escalating decision in the parallel strategy hands over. */
function chooseMigrated(decision: CheckpointDecision, paths: readonly PathState[]): number[] {
  switch (decision.action) {
    case 'escalate-parallel':
    case 'escalate-sequential':
      return paths.map((path) => path.index);
    case 'escalate-selective':
      return mostPromising(
        paths.map((path) => path.transcript),
        decision.selectCount ?? 1,
      ).sort((a, b) => a - b);
    default:
      return [];
  }
}

function snapshot(path: PathState): PathSnapshot {
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
