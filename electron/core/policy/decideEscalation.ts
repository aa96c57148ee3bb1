import type { PrivacyMode } from '#shared/domain.ts';
import { coldStartAgreement } from './coldStartAgreement.ts';
import type { EscalationThresholds } from './calibrateThresholds.ts';
import { escalationScore, type ScoreKind } from './escalationScore.ts';
import { operatingPoints, type EscalationMode, type OperatingPointName } from './operatingPoints.ts';

/** What the engine knows at a checkpoint. */
export type EscalationInput = {
  /** The predictor's P(the task fails locally); null when no predictor is trained yet (cold start). */
  readonly failureProbability: number | null;
  /** The predictor's P(the target succeeds | the source would fail), when it has that second output. */
  readonly targetSuccessProbability?: number | null;
  /** Thresholds calibrated with the predictor; null when there is none (cold start). */
  readonly thresholds: EscalationThresholds | null;
  /** Each path's current answer (or focus), null while it has none: the cold-start signal. */
  readonly pathValues: readonly (string | null)[];
  /** Expected USD of continuing locally to the end (0 for a free local model). */
  readonly continueCost: number;
  /** Expected USD of each escalation mode on offer (from token estimates and the price table). */
  readonly escalationCosts: Readonly<Partial<Record<EscalationMode, number>>>;
  readonly privacyMode: PrivacyMode;
  /** USD left in the budget; null when the profile has no cap. */
  readonly remainingBudget: number | null;
  readonly operatingPoint: OperatingPointName;
};

/** What the policy does at this checkpoint. */
export type EscalationAction = 'continue' | 'stop' | 'escalate-parallel' | 'escalate-sequential' | 'escalate-selective';

/** Why an escalation the score asked for did not happen. */
export type EscalationBlock = 'privacy-local-only' | 'budget' | 'no-escalation-offered';

/** Everything a decision rested on, to store with the run and show in the UI. */
export type DecisionExplanation = {
  /** Which rule decided: the calibrated predictor, or the agreement fallback before one exists. */
  readonly decidedBy: 'predictor' | 'cold-start';
  readonly operatingPoint: OperatingPointName;
  readonly scoreKind: ScoreKind | 'disagreement';
  /** The number compared with the threshold (for cold start: 1 - agreement). */
  readonly score: number;
  readonly threshold: number;
  readonly failureProbability: number | null;
  readonly targetSuccessProbability: number | null;
  /** Share of paths on the most common answer (cold start), else null. */
  readonly agreement: number | null;
  /** Did the score ask for an escalation? */
  readonly wantsEscalation: boolean;
  readonly costs: {
    readonly continue: number;
    readonly escalation: Readonly<Partial<Record<EscalationMode, number>>>;
    /** The mode taken, or null. */
    readonly chosenMode: EscalationMode | null;
  };
  readonly privacy: { readonly mode: PrivacyMode; readonly allowsEscalation: boolean; readonly asksFirst: boolean };
  readonly budget: { readonly remaining: number | null; readonly coversEscalation: boolean };
  readonly blockedBy: EscalationBlock | null;
  /** P(failure) at or above which the task stops early; null when stopping is off. */
  readonly stopThreshold: number | null;
  /** One sentence for the UI. */
  readonly summary: string;
};

/** The policy's decision. */
export type EscalationDecision = {
  readonly action: EscalationAction;
  /** Ask the user (with the redacted preview) before escalating; false unless escalating. */
  readonly askUser: boolean;
  readonly explanation: DecisionExplanation;
};

const percent = (value: number): string => `${Math.round(value * 100)}%`;

/** Dollars with enough digits that a small amount is not shown as $0.00. */
const usd = (value: number): string =>
  value === 0 || value >= 0.01 ? `$${value.toFixed(2)}` : `$${Number(value.toPrecision(2)).toString()}`;

/**
 * The decision in sentences, in one unit: confidence in percent (the share of paths that agree at a
 * cold start, else the predicted chance of success), and the level below which the checkpoint gets
 * help (for the rescue and gain scores, the score of the help against its level).
 */
function explainDecision(facts: {
  isColdStart: boolean;
  agreement: number;
  failureProbability: number | null;
  scoreKind: DecisionExplanation['scoreKind'];
  score: number;
  threshold: number;
  blockedBy: EscalationBlock | null;
  chosenMode: EscalationMode | null;
  chosenCost: number;
  remainingBudget: number;
  cheapestOffered: number;
  asksFirst: boolean;
  isStop: boolean;
}): string {
  const confidence = facts.isColdStart
    ? `${percent(facts.agreement)} of the paths agree (cold start: no trained predictor yet); at ${percent(1 - facts.threshold)} or less the checkpoint gets help.`
    : facts.scoreKind === 'failure'
      ? `The predictor gives the task a ${percent(1 - (facts.failureProbability ?? 0))} chance of success; at ${percent(1 - facts.threshold)} or less the checkpoint gets help.`
      : `The predictor gives the task a ${percent(1 - (facts.failureProbability ?? 0))} chance of success and rates the help a cloud model would bring at ${percent(facts.score)}; at ${percent(facts.threshold)} or more the checkpoint gets help.`;
  const wouldHelp = 'It would get help';
  const outcome: Record<EscalationBlock, string> = {
    'privacy-local-only': `${wouldHelp}, but the profile is local-only, so the task stays on this computer.`,
    budget: `${wouldHelp}, but the remaining budget (${usd(facts.remainingBudget)}) cannot cover an escalation (${usd(facts.cheapestOffered)} at least).`,
    'no-escalation-offered': `${wouldHelp}, but no cloud provider was chosen for this task: make a saved provider the default in Models > Cloud providers (add one there if none is listed), or pick one for the task.`,
  };
  const tail =
    facts.blockedBy !== null
      ? outcome[facts.blockedBy]
      : facts.chosenMode !== null
        ? `So it escalates (${facts.chosenMode} hotswap, about ${usd(facts.chosenCost)})${facts.asksFirst ? ', after asking you' : ''}.`
        : facts.isStop
          ? ''
          : 'So it continues on this computer.';
  const stop = facts.isStop ? ' It stops early and answers with a low-confidence flag.' : '';
  return `${confidence} ${tail}${stop}`.replace(/\s+$/, '');
}

/**
 * The escalation policy at one checkpoint: a pure function of what the engine knows.
 *
 * 1. Score: with a predictor and its calibrated thresholds, the thresholds' score kind (P(failure),
 *    or combined with P(target succeeds) and the costs) against the operating point's threshold.
 *    Without one (cold start), disagreement across paths (1 - agreement) against the point's fixed
 *    agreement level (see coldStartAgreement).
 * 2. A wanted escalation happens only if privacy allows it ('local-only' never escalates) and the
 *    remaining budget covers one of the offered modes, taken in the point's order of preference.
 *    'ask' asks the user first; 'auto-redact' does not (the redactor runs either way).
 * 3. Otherwise the task stops early (low confidence) when P(failure) reaches the calibrated stop
 *    threshold, and continues locally if not. Cold start never stops: nothing is calibrated yet.
 */
export function decideEscalation(input: EscalationInput): EscalationDecision {
  const point = operatingPoints[input.operatingPoint];
  const isColdStart = input.failureProbability === null || input.thresholds === null;
  const agreement = isColdStart ? coldStartAgreement(input.pathValues) : null;
  const offered = point.modePreference.filter((mode) => input.escalationCosts[mode] !== undefined);
  const cheapestOffered = Math.min(...offered.map((mode) => input.escalationCosts[mode] ?? Infinity));
  let score: number;
  let threshold: number;
  let scoreKind: DecisionExplanation['scoreKind'];
  if (input.failureProbability === null || input.thresholds === null) {
    score = 1 - (agreement ?? 0);
    threshold = 1 - point.coldStartAgreement;
    scoreKind = 'disagreement';
  } else {
    scoreKind = input.thresholds.scoreKind;
    score = escalationScore(scoreKind, {
      failureProbability: input.failureProbability,
      targetSuccessProbability: input.targetSuccessProbability,
      targetLossRate: input.thresholds.targetLossRate,
      escalationCost: Number.isFinite(cheapestOffered) ? cheapestOffered : 0,
      continueCost: input.continueCost,
    });
    threshold = input.thresholds.byPoint[input.operatingPoint];
  }
  const wantsEscalation = score >= threshold;
  const allowsEscalation = input.privacyMode !== 'local-only';
  const affordable = offered.filter(
    (mode) => input.remainingBudget === null || (input.escalationCosts[mode] ?? Infinity) <= input.remainingBudget,
  );
  const chosenMode = wantsEscalation && allowsEscalation ? (affordable[0] ?? null) : null;
  let blockedBy: EscalationBlock | null = null;
  if (wantsEscalation && !allowsEscalation) blockedBy = 'privacy-local-only';
  else if (wantsEscalation && offered.length === 0) blockedBy = 'no-escalation-offered';
  else if (wantsEscalation && chosenMode === null) blockedBy = 'budget';
  const stopThreshold = isColdStart ? null : (input.thresholds?.stopFailureProbability ?? null);
  const shouldStop =
    chosenMode === null &&
    stopThreshold !== null &&
    input.failureProbability !== null &&
    input.failureProbability >= stopThreshold;
  const action: EscalationAction = chosenMode !== null ? `escalate-${chosenMode}` : shouldStop ? 'stop' : 'continue';
  const asksFirst = input.privacyMode === 'ask';
  const summary = explainDecision({
    isColdStart,
    agreement: agreement ?? 0,
    failureProbability: input.failureProbability,
    scoreKind,
    score,
    threshold,
    blockedBy,
    chosenMode,
    chosenCost: chosenMode === null ? 0 : (input.escalationCosts[chosenMode] ?? 0),
    remainingBudget: input.remainingBudget ?? 0,
    cheapestOffered,
    asksFirst,
    isStop: action === 'stop',
  });
  return {
    action,
    askUser: chosenMode !== null && asksFirst,
    explanation: {
      decidedBy: isColdStart ? 'cold-start' : 'predictor',
      operatingPoint: input.operatingPoint,
      scoreKind,
      score,
      threshold,
      failureProbability: input.failureProbability,
      targetSuccessProbability: input.targetSuccessProbability ?? null,
      agreement,
      wantsEscalation,
      costs: { continue: input.continueCost, escalation: input.escalationCosts, chosenMode },
      privacy: { mode: input.privacyMode, allowsEscalation, asksFirst },
      budget: {
        remaining: input.remainingBudget,
        coversEscalation: offered.length > 0 && affordable.length > 0,
      },
      blockedBy,
      stopThreshold,
      summary: `${point.label}. ${summary}`,
    },
  };
}
