import type { CheckpointState, Escalation, PathSnapshot, PathStatus } from '#core/agent/runTask.ts';
import { mostPromising } from '#core/agent/pathOrder.ts';
import { taskVote } from '#core/agent/vote.ts';
import { runLimited } from '#core/agent/runLimited.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import { defaultHandover, handOver, handoverKinds, type HandoverKind } from '#core/agent/handover.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider, ContinueTranscriptResult } from '#core/llm/providers/ChatProvider.ts';
import { operatingPointNames, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import type { Clock } from '#core/ports.ts';
import { policyCheckpoint, type CheckpointPredictor } from '#core/tasks/policyCheckpoint.ts';
import type { BenchCloud } from './createBenchCloud.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';

/** What a task does after the checkpoint: go on locally, stop, or one of the hotswaps. */
export type BranchName = 'continue' | 'stop' | 'parallel' | 'selective';

/** One way a task ended, from the checkpoint on (or, for the target alone, from the start). */
export type BranchOutcome = {
  /** The world verifier on the majority vote. */
  readonly isCorrect: boolean;
  readonly answer: string | null;
  /** USD of this part alone: the cloud's settled charges plus local tokens at the local price. */
  readonly costUsd: number;
  /** Tokens the local model read and wrote in this part (prompt plus output, every leg that ran locally). */
  readonly localTokens: number;
  readonly milliseconds: number;
  /** Paths that ran on the cloud. */
  readonly cloudPaths: number;
  /** Tokens the cloud read and wrote in this part (absent in older per-task files). */
  readonly cloudTokens?: { readonly in: number; readonly out: number };
  /** Escalations refused or failed that went on locally instead (runTask's fallback). */
  readonly fallbacks: number;
  /** Each path's end, in path order (what-if figures are computed from these). */
  readonly paths?: readonly PathEnd[];
};

/** How one path of a branch ended. */
export type PathEnd = {
  readonly status: PathStatus;
  readonly answer: string | null;
  /** The world verifier on this path's answer alone. */
  readonly isCorrect: boolean;
  /** Whether the path finished on the cloud. */
  readonly isCloud: boolean;
  /** USD of this path's part of the branch. */
  readonly costUsd: number;
  /** Tokens the local model read and wrote for this path in the branch (absent in older per-task files). */
  readonly localTokens?: number;
  /** Calls the path made in all. */
  readonly steps: number;
};

/** Everything the policy bench measured on one task. */
export type PolicyBenchTask = {
  readonly taskId: string;
  /**
   * The source paths up to the checkpoint, run once. `isReached`: a decision was taken there, which
   * is always (as in runTask, paths that all finished early are decided on too).
   */
  readonly checkpoint: {
    readonly isReached: boolean;
    readonly costUsd: number;
    readonly milliseconds: number;
    /** Tokens the source read and wrote up to the checkpoint. */
    readonly localTokens: number;
  };
  /** Each branch from the checkpoint's state; without a checkpoint only `continue` (the paths' ends). */
  readonly branches: Readonly<Record<'continue', BranchOutcome> & Partial<Record<BranchName, BranchOutcome>>>;
  /** The R paths on the target from the start, through the same egress path. */
  readonly target: BranchOutcome;
  /**
   * The selective hotswap (the most promising path) from the checkpoint with each handover kind
   * measured (`handover:<kind>` rows; the bench's own kind is `branches.selective` again).
   */
  readonly handovers?: Readonly<Partial<Record<HandoverKind, BranchOutcome>>>;
  /**
   * Local-only ways of running the task from the start, each a whole run (no checkpoint leg is
   * added): issue 19 item 6's `prune@<point>` (the checkpoint ends the paths least likely to be
   * right) and `esc` (stop sampling once the answer is settled). Every name present becomes a row
   * of that name in summarizePolicyBench, after always-local, on the same denominator.
   */
  readonly localVariants?: Readonly<Record<string, BranchOutcome>>;
  /** The branch each operating point's decision takes (`continue` without a checkpoint). */
  readonly decisions: Readonly<Record<OperatingPointName, BranchName>>;
  /** The paths a selective hotswap hands over here (the most promising first). */
  readonly selected?: readonly number[];
};

/** Options of {@link runPolicyBranches}. */
export type PolicyBranchOptions = {
  readonly source: ChatProvider;
  readonly cloud: BenchCloud;
  readonly paths: number;
  /** Path `i` samples with `seed + i` before the checkpoint and `seed + 1000 + i` after (runTask's rule). */
  readonly seed: number;
  readonly temperature: number;
  /** Tokens one path may write in all. */
  readonly maxTokens: number;
  /** Paths running at once. */
  readonly concurrency: number;
  /** Decides at the checkpoint with this trained predictor. Defaults to none (cold start: agreement across paths). */
  readonly predictor?: CheckpointPredictor;
  /** The hotswap branches to measure (training needs only the one the policy takes). Defaults to both. */
  readonly hotswaps?: readonly ('parallel' | 'selective')[];
  /** What a hotswap hands the target for a migrated path (runTask's option). Defaults to runTask's (`defaultHandover`, `restart`). */
  readonly handover?: HandoverKind;
  /**
   * Handover kinds to measure as the selective hotswap of every task (the `handover:<kind>` rows).
   * Defaults to all of them (`handoverKinds`); training passes none.
   */
  readonly handoverKinds?: readonly HandoverKind[];
  /** Sees the checkpoint state before any branch runs (training takes its features here). */
  readonly onCheckpoint?: (state: CheckpointState) => void;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
};

type PathRun = {
  readonly index: number;
  readonly transcript: Transcript;
  readonly steps: number;
  readonly status: PathStatus;
  readonly answer: string | null;
  readonly tokensOut: number;
  readonly isCloud: boolean;
};

type Leg = {
  path: PathRun;
  costUsd: number;
  fallbacks: number;
  tokensIn: number;
  tokensOut: number;
  /** Tokens of this leg that the local model read and wrote (0 for a leg on the cloud). */
  localTokens: number;
};

/**
 * Runs one world task the way `runTask` runs it in the parallel strategy with a checkpoint at half
 * the step budget, but branches at the checkpoint instead of taking one decision: the source paths
 * run to the checkpoint once, then the same state is continued locally, stopped, handed over whole
 * (parallel hotswap: every path) and handed over selectively (the most promising path; the other
 * paused paths stop), each handed path as `handover` says (by default `restart`: the question
 * alone with the whole budget; `transcript`: its transcript up to its last call and the handoff
 * note, the rest of the budget). Each operating point's decision is `policyCheckpoint` on that state (cold
 * start: agreement across paths, or the trained `predictor`), so a decision picks one of the
 * measured branches. The target's own R paths run from scratch too. Continuations follow runTask's
 * rules: the budgets, the leg seeds, and a local fallback when the cloud refuses or fails. With the
 * restart handover a handed path is the target's own path of that index (same start, same seed).
 */
export async function runPolicyBranches(task: WorldTask, options: PolicyBranchOptions): Promise<PolicyBenchTask> {
  const { source, cloud, clock, seed } = options;
  const tools = createWorldTools();
  const budget = task.stepBudget;
  const at = Math.max(1, Math.floor(budget / 2));
  const initial: Transcript = {
    tools: tools.definitions,
    messages: [
      { role: 'system', text: worldSystemPrompt },
      { role: 'user', text: task.question },
    ],
  };
  const kept = (path: PathRun): Leg => ({ path, costUsd: 0, fallbacks: 0, tokensIn: 0, tokensOut: 0, localTokens: 0 });
  const localCost = (result: ContinueTranscriptResult): number =>
    cloud.pricing.cost(source.modelName, 'local', result.tokensIn, result.tokensOut);

  const runLocal = async (path: PathRun, stepBudget: number, legSeed: number): Promise<Leg> => {
    const result = await source.continueTranscript(path.transcript, {
      tools,
      stepBudget,
      seed: legSeed >>> 0,
      temperature: options.temperature,
      maxTokens: Math.max(1, options.maxTokens - path.tokensOut),
      signal: options.signal,
    });
    return {
      path: advance(path, result, stepBudget, budget, false),
      costUsd: localCost(result),
      fallbacks: 0,
      tokensIn: result.tokensIn,
      tokensOut: result.tokensOut,
      localTokens: result.tokensIn + result.tokensOut,
    };
  };

  /** runTask's escalatePath: the handover (see handover.ts) on the cloud; locally on failure. */
  const escalate = async (
    path: PathRun,
    escalation: Escalation,
    legSeed: number,
    kind: HandoverKind = options.handover ?? defaultHandover,
  ): Promise<Leg> => {
    const handover = handOver(kind, {
      initial,
      transcript: path.transcript,
      steps: path.steps,
    });
    const handed: PathRun = {
      ...path,
      transcript: handover.transcript,
      tokensOut: handover.isFullBudget ? 0 : path.tokensOut,
    };
    const legBudget = handover.isFullBudget ? budget : budget - path.steps;
    try {
      const result = await escalation.continueTranscript(handed.transcript, {
        tools,
        stepBudget: legBudget,
        seed: legSeed >>> 0,
        temperature: options.temperature,
        maxTokens: Math.max(1, options.maxTokens - handed.tokensOut),
        signal: options.signal,
        path: path.index,
      });
      return {
        path: advance(handed, result, legBudget, budget, true),
        costUsd: result.costUsd,
        fallbacks: 0,
        tokensIn: result.tokensIn,
        tokensOut: result.tokensOut,
        localTokens: 0,
      };
    } catch (error) {
      if (error instanceof CancelledError || options.signal?.aborted === true) throw error;
      if (!(error instanceof EngineError)) throw error;
      if (path.status === 'answered') return { ...kept(path), fallbacks: 1 };
      if (path.steps >= budget) return { ...kept({ ...path, status: 'exhausted' }), fallbacks: 1 };
      const local = await runLocal(path, budget - path.steps, legSeed + 1);
      return { ...local, fallbacks: 1 };
    }
  };

  const timed = async (run: () => Promise<Leg[]>): Promise<{ legs: Leg[]; milliseconds: number }> => {
    const started = clock.now();
    const legs = await run();
    return { legs, milliseconds: clock.now() - started };
  };
  const outcome = ({ legs, milliseconds }: { legs: Leg[]; milliseconds: number }): BranchOutcome => {
    const vote = taskVote(
      legs.map((leg) => ({
        answer: leg.path.status === 'answered' ? leg.path.answer : null,
        isEscalated: leg.path.isCloud,
      })),
    );
    return {
      isCorrect: task.verify(vote.winner),
      answer: vote.winner,
      costUsd: legs.reduce((sum, leg) => sum + leg.costUsd, 0),
      localTokens: legs.reduce((sum, leg) => sum + leg.localTokens, 0),
      milliseconds,
      cloudPaths: legs.filter((leg) => leg.path.isCloud).length,
      cloudTokens: {
        in: legs.reduce((sum, leg) => sum + (leg.path.isCloud ? leg.tokensIn : 0), 0),
        out: legs.reduce((sum, leg) => sum + (leg.path.isCloud ? leg.tokensOut : 0), 0),
      },
      fallbacks: legs.reduce((sum, leg) => sum + leg.fallbacks, 0),
      paths: legs.map((leg) => ({
        status: leg.path.status,
        answer: leg.path.answer,
        isCorrect: leg.path.status === 'answered' && task.verify(leg.path.answer),
        isCloud: leg.path.isCloud,
        costUsd: leg.costUsd,
        localTokens: leg.localTokens,
        steps: leg.path.steps,
      })),
    };
  };
  const fresh = (index: number): PathRun => ({
    index,
    transcript: initial,
    steps: 0,
    status: 'running',
    answer: null,
    tokensOut: 0,
    isCloud: false,
  });
  const indices = Array.from({ length: options.paths }, (_, index) => index);
  const limited = (work: (index: number) => Promise<Leg>): Promise<Leg[]> =>
    runLimited(indices, options.concurrency, work);
  const afterSeed = (index: number): number => seed + 1000 + index;

  const first = await timed(() => limited((index) => runLocal(fresh(index), at, seed + index)));
  const atCheckpoint = first.legs.map((leg) => leg.path);
  const checkpointCost = first.legs.reduce((sum, leg) => sum + leg.costUsd, 0);
  const isReached = atCheckpoint.length > 0;
  const pathAt = (index: number): PathRun => atCheckpoint[index] as PathRun;
  const branch = (name: string, prompt: string): Escalation => cloud.escalationFor(`${task.id}#${name}`, prompt);

  const decisions = Object.fromEntries(operatingPointNames.map((point) => [point, 'continue'])) as Record<
    OperatingPointName,
    BranchName
  >;
  const branches: Partial<Record<BranchName, BranchOutcome>> = {};
  const handovers: Partial<Record<HandoverKind, BranchOutcome>> = {};
  const selected = mostPromising(
    atCheckpoint.map((path) => path.transcript),
    1,
  );
  let continued: BranchOutcome;
  // Decided even when every path finished before the checkpoint (runTask does the same): paths
  // that answered early and disagree are the commonest failure, and a hotswap can still redo them.
  {
    const state: CheckpointState = {
      strategy: 'parallel',
      checkpoint: at,
      paths: atCheckpoint.map((path) => toSnapshot(path, source.id)),
      stepBudget: budget,
      tokensSoFar: {
        in: first.legs.reduce((sum, leg) => sum + leg.tokensIn, 0),
        out: first.legs.reduce((sum, leg) => sum + leg.tokensOut, 0),
      },
    };
    options.onCheckpoint?.(state);
    for (const point of operatingPointNames) {
      const decision = policyCheckpoint(state, {
        operatingPoint: point,
        privacyMode: cloud.privacyMode,
        remainingBudget: cloud.remainingUsd(`${task.id}#checkpoint`),
        cloudModel: cloud.model,
        pricing: cloud.pricing,
        modes: ['parallel', 'selective'],
        selectCount: 1,
        maxTokens: options.maxTokens,
        ...(options.predictor === undefined ? {} : { predictor: options.predictor }),
      });
      decisions[point] = branchOf(decision.action);
    }
    continued = outcome(
      await timed(() =>
        limited((index) => {
          const path = pathAt(index);
          return path.status === 'paused'
            ? runLocal(path, budget - path.steps, afterSeed(index))
            : Promise.resolve(kept(path));
        }),
      ),
    );
    branches.stop = outcome({
      legs: atCheckpoint.map((path) => kept(path.status === 'paused' ? { ...path, status: 'stopped' } : path)),
      milliseconds: 0,
    });
    const hotswaps = options.hotswaps ?? ['parallel', 'selective'];
    if (hotswaps.includes('parallel')) {
      const parallel = branch('parallel', task.question);
      branches.parallel = outcome(
        await timed(() => limited((index) => escalate(pathAt(index), parallel, afterSeed(index)))),
      );
    }
    // The selective hotswap: the chosen path handed over, the other paused paths stop.
    const selectiveWith = async (name: string, kind: HandoverKind): Promise<BranchOutcome> => {
      const escalation = branch(name, task.question);
      return outcome(
        await timed(() =>
          limited((index) => {
            const path = pathAt(index);
            if (selected.includes(index)) return escalate(path, escalation, afterSeed(index), kind);
            return Promise.resolve(kept(path.status === 'paused' ? { ...path, status: 'stopped' } : path));
          }),
        ),
      );
    };
    const ownKind = options.handover ?? defaultHandover;
    if (hotswaps.includes('selective')) branches.selective = await selectiveWith('selective', ownKind);
    for (const kind of options.handoverKinds ?? handoverKinds) {
      handovers[kind] =
        kind === ownKind && branches.selective !== undefined
          ? branches.selective
          : await selectiveWith(`handover-${kind}`, kind);
    }
  }
  const target = branch('target', task.question);
  const targetOutcome = outcome(
    await timed(() => limited((index) => escalate(fresh(index), target, afterSeed(index)))),
  );
  return {
    taskId: task.id,
    checkpoint: {
      isReached,
      costUsd: checkpointCost,
      milliseconds: first.milliseconds,
      localTokens: first.legs.reduce((sum, leg) => sum + leg.localTokens, 0),
    },
    branches: { ...branches, continue: continued },
    target: targetOutcome,
    ...(Object.keys(handovers).length === 0 ? {} : { handovers }),
    decisions,
    selected,
  };
}

/** A path after a leg: runTask's rule for `paused` (used the leg's steps with budget left) and `exhausted`. */
function advance(
  path: PathRun,
  result: ContinueTranscriptResult,
  legBudget: number,
  taskBudget: number,
  isCloud: boolean,
): PathRun {
  const steps = path.steps + result.steps;
  const status: PathStatus =
    result.status === 'answered'
      ? 'answered'
      : result.steps >= legBudget && steps < taskBudget
        ? 'paused'
        : 'exhausted';
  return {
    index: path.index,
    transcript: result.transcript,
    steps,
    status,
    answer: result.status === 'answered' ? result.answer : null,
    tokensOut: path.tokensOut + result.tokensOut,
    isCloud,
  };
}

function toSnapshot(path: PathRun, providerId: string): PathSnapshot {
  return {
    index: path.index,
    transcript: path.transcript,
    steps: path.steps,
    status: path.status,
    answer: path.answer,
    providerId,
    calls: path.transcript.messages.flatMap((message) =>
      message.role === 'assistant'
        ? message.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments }))
        : [],
    ),
  };
}

/** The branch a checkpoint action takes; in the parallel strategy a sequential hotswap hands over every path too. */
function branchOf(action: string): BranchName {
  if (action === 'escalate-selective') return 'selective';
  if (action === 'escalate-parallel' || action === 'escalate-sequential') return 'parallel';
  return action === 'stop' ? 'stop' : 'continue';
}
