import type { PrivacyMode } from '#shared/domain.ts';
import type { CheckpointDecision, CheckpointState } from '#core/agent/runTask.ts';
import { answerGroupKeys, type AnswerGroupingOptions } from '#core/agent/semanticVote.ts';
import { normalizeAnswer } from '#core/agent/vote.ts';
import type { Pricing } from '#core/budget/priceTable.ts';
import type { EscalationThresholds } from '#core/policy/calibrateThresholds.ts';
import { decideEscalation } from '#core/policy/decideEscalation.ts';
import { coldStartAgreement } from '#core/policy/coldStartAgreement.ts';
import { operatingPoints, type EscalationMode, type OperatingPointName } from '#core/policy/operatingPoints.ts';

/** What the escalation policy needs at a checkpoint beyond the paths. */
export type PolicyCheckpointContext = {
  readonly operatingPoint: OperatingPointName;
  readonly privacyMode: PrivacyMode;
  /** The tightest cap's remainder now; null without caps. */
  readonly remainingBudget: number | null;
  /** The cloud model escalations would use; null when none is configured. */
  readonly cloudModel: string | null;
  readonly pricing: Pricing;
  /** The hotswap modes the request allows. */
  readonly modes: readonly EscalationMode[];
  /** Paths a selective hotswap hands over. */
  readonly selectCount: number;
  /** Tokens a path may still write. */
  readonly maxTokens: number;
  /** A trained failure predictor with its calibrated thresholds. Defaults to none: the cold-start agreement decides. */
  readonly predictor?: CheckpointPredictor;
  /**
   * Per path (as `state.paths`), the embedding of its answer, so paths whose long answers agree in
   * meaning agree at the cold start (see pathValues). Defaults to none: answers compare exactly.
   */
  readonly answerVectors?: readonly (ArrayLike<number> | null)[];
};

/** A failure predictor on the checkpoint state, and the thresholds calibrated for it. */
export type CheckpointPredictor = {
  readonly thresholds: EscalationThresholds;
  /** P(the local paths' vote fails), and for scores other than 'failure' P(the hotswap succeeds | it fails). */
  readonly estimate: (state: CheckpointState) => {
    readonly failureProbability: number;
    readonly targetSuccessProbability?: number | null;
    /** With `modeThresholds`: P(each mode's hotswap succeeds | the source fails). */
    readonly modeSuccessProbabilities?: Readonly<Partial<Record<EscalationMode, number>>>;
  };
  /**
   * A hotswap mode chosen per task: the first mode of the point's preference whose rescue score
   * (P(failure) × P(that mode succeeds | failure)) reaches its threshold here is taken, none: the
   * task is not escalated. Defaults to none: one score against `thresholds`, the preferred mode.
   */
  readonly modeThresholds?: ModeThresholds;
  /** What the explanation names as in charge. Defaults to "predictor". */
  readonly decidedBy?: string;
};

/** Per operating point, each mode's threshold on P(failure) × P(that mode succeeds | failure). */
export type ModeThresholds = Readonly<Record<OperatingPointName, Readonly<Partial<Record<EscalationMode, number>>>>>;

/** The mode a task takes under `modeThresholds`: the first of `order` whose rescue score reaches its threshold, or none. */
export function chooseHotswapMode(
  failureProbability: number,
  modeSuccess: Readonly<Partial<Record<EscalationMode, number>>>,
  thresholds: Readonly<Partial<Record<EscalationMode, number>>>,
  order: readonly EscalationMode[],
): EscalationMode | null {
  return (
    order.find((mode) => {
      const success = modeSuccess[mode];
      const threshold = thresholds[mode];
      return success !== undefined && threshold !== undefined && failureProbability * success >= threshold;
    }) ?? null
  );
}

/**
 * A path's value for the cold-start agreement: its normalised answer, or before it answers the
 * calls it made so far (two paths that made the same calls are heading the same way).
 */
export function pathValue(path: Pick<CheckpointState['paths'][number], 'answer' | 'calls'>): string | null {
  if (path.answer !== null) return `answer:${normalizeAnswer(path.answer)}`;
  return path.calls.length === 0
    ? null
    : `calls:${JSON.stringify(path.calls.map((call) => [call.name, call.arguments]))}`;
}

/**
 * Every path's value for the cold-start agreement: {@link pathValue}, except that answers are
 * grouped as the vote groups them (agent/semanticVote.ts): short ones by exact equality, long ones
 * with a vector by meaning, each answer standing for its group's key. So paths that answer an open
 * question in different words but the same sense agree.
 * @param vectors Per path, its answer's embedding or null; none: exactly `paths.map(pathValue)`.
 * @param grouping The vote's grouping options (a threshold chosen for the model); defaults to the vote's.
 */
export function pathValues(
  paths: readonly Pick<CheckpointState['paths'][number], 'answer' | 'calls'>[],
  vectors: readonly (ArrayLike<number> | null)[] = [],
  grouping: AnswerGroupingOptions = {},
): (string | null)[] {
  const keys = answerGroupKeys(
    paths.map((path) => path.answer),
    vectors,
    grouping,
  );
  return paths.map((path, index) => {
    const key = keys[index];
    return path.answer !== null && key !== null && key !== undefined ? `answer:${key}` : pathValue(path);
  });
}

/**
 * The live failure estimate after each step, by the same rule the checkpoint's cold start uses:
 * 1 - (share of paths that agree), against the operating point's threshold.
 * @param vectors As in {@link pathValues}.
 */
export function agreementEstimate(
  paths: CheckpointState['paths'],
  operatingPoint: OperatingPointName,
  vectors: readonly (ArrayLike<number> | null)[] = [],
): { failureProbability: number; threshold: number; decidedBy: string } {
  return {
    failureProbability: 1 - coldStartAgreement(pathValues(paths, vectors)),
    threshold: 1 - operatingPoints[operatingPoint].coldStartAgreement,
    decidedBy: 'cold-start: agreement across paths',
  };
}

/**
 * The checkpoint decision of a live task: the escalation policy (`decideEscalation`) on the paths so
 * far. With `context.predictor` its estimate and calibrated thresholds decide; without one (the
 * live engine, until a predictor for live tasks is saved) the cold-start agreement decides and says so;
 * the costs of each offered hotswap mode are estimated from the tokens the local paths used
 * (each cloud path re-reads about its share of them per remaining step, and writes up to
 * `maxTokens`) at the cloud model's list price.
 */
export function policyCheckpoint(state: CheckpointState, context: PolicyCheckpointContext): CheckpointDecision {
  const paths = state.paths.length;
  const perPath =
    context.cloudModel === null
      ? 0
      : context.pricing.cost(
          context.cloudModel,
          'cloud',
          Math.ceil((state.tokensSoFar.in / Math.max(1, paths)) * (state.stepBudget + 1)),
          context.maxTokens,
        );
  const counts: Record<EscalationMode, number> = {
    parallel: paths,
    selective: Math.min(paths, context.selectCount),
    sequential: state.strategy === 'sequential' ? Math.max(0, paths - state.checkpoint) : paths,
  };
  const escalationCosts: Partial<Record<EscalationMode, number>> = {};
  if (context.cloudModel !== null) for (const mode of context.modes) escalationCosts[mode] = perPath * counts[mode];
  const estimate = context.predictor?.estimate(state) ?? null;
  const perTask = perTaskMode(context, estimate);
  const decision = decideEscalation({
    failureProbability: estimate?.failureProbability ?? null,
    targetSuccessProbability: perTask?.targetSuccessProbability ?? estimate?.targetSuccessProbability ?? null,
    thresholds: perTask?.thresholds ?? context.predictor?.thresholds ?? null,
    pathValues: pathValues(state.paths, context.answerVectors),
    continueCost: 0,
    escalationCosts:
      perTask === null
        ? escalationCosts
        : perTask.mode === null || escalationCosts[perTask.mode] === undefined
          ? {}
          : { [perTask.mode]: escalationCosts[perTask.mode] },
    privacyMode: context.privacyMode,
    remainingBudget: context.remainingBudget,
    operatingPoint: context.operatingPoint,
  });
  const { explanation } = decision;
  return {
    action: decision.action,
    selectCount: context.selectCount,
    explanation: {
      decidedBy:
        explanation.decidedBy === 'cold-start'
          ? 'cold-start: agreement across paths'
          : (context.predictor?.decidedBy ?? 'predictor'),
      failureProbability: explanation.failureProbability,
      threshold: explanation.threshold,
      reason: explanation.summary,
      facts: {
        operatingPoint: explanation.operatingPoint,
        score: explanation.score,
        scoreKind: explanation.scoreKind,
        agreement: explanation.agreement,
        privacyMode: explanation.privacy.mode,
        asksFirst: decision.askUser,
        remainingBudgetUsd: explanation.budget.remaining,
        chosenMode: explanation.costs.chosenMode,
        estimatedCostUsd:
          explanation.costs.chosenMode === null ? null : (escalationCosts[explanation.costs.chosenMode] ?? null),
        blockedBy: explanation.blockedBy,
      },
    },
  };
}

/**
 * With a predictor's `modeThresholds`: the mode this task takes (see chooseHotswapMode), and the
 * 'rescue' score inputs that make decideEscalation take it (the chosen mode's, or when none is
 * chosen the first offered one's, which is below its threshold). Null without mode thresholds.
 */
function perTaskMode(
  context: PolicyCheckpointContext,
  estimate: ReturnType<CheckpointPredictor['estimate']> | null,
): { mode: EscalationMode | null; targetSuccessProbability: number; thresholds: EscalationThresholds } | null {
  const modeThresholds = context.predictor?.modeThresholds;
  const success = estimate?.modeSuccessProbabilities;
  if (context.predictor === undefined || modeThresholds === undefined || success === undefined || estimate === null)
    return null;
  const point = context.operatingPoint;
  const order = operatingPoints[point].modePreference.filter(
    (mode) => context.modes.includes(mode) && modeThresholds[point][mode] !== undefined && success[mode] !== undefined,
  );
  const mode = chooseHotswapMode(estimate.failureProbability, success, modeThresholds[point], order);
  const shown = mode ?? order[0];
  if (shown === undefined) return null;
  const { thresholds } = context.predictor;
  return {
    mode,
    targetSuccessProbability: success[shown] ?? 0,
    thresholds: {
      ...thresholds,
      scoreKind: 'rescue',
      byPoint: { ...thresholds.byPoint, [point]: modeThresholds[point][shown] ?? Infinity },
    },
  };
}
