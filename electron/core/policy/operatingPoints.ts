/** How a hotswap hands a running task to the target model (see the hotswap module). */
export type EscalationMode = 'parallel' | 'sequential' | 'selective';

/** The named operating points the user picks from, cheapest first. */
export const operatingPointNames = ['save-most', 'save-more', 'balanced', 'better-answers', 'best-answers'] as const;

/** One name of operatingPointNames. */
export type OperatingPointName = (typeof operatingPointNames)[number];

/** What an operating point stands for. */
export type OperatingPoint = {
  readonly name: OperatingPointName;
  /** What the settings screen shows. */
  readonly label: string;
  /**
   * The whole bill (local source plus escalations) as a share of one target (cloud) path per task,
   * which calibration aims at on validation data: the threshold is the lowest one whose
   * escalations keep the validation bill within this share. Set so that a point spends about
   * what the cold-start agreement spends at it, whichever decides (see operatingPoints).
   */
  readonly targetCostShare: number;
  /**
   * Cold start (no trained predictor yet): escalate when at most this share of the paths agree
   * on one answer. Not calibrated (there is no labelled history yet); see coldStartAgreement.ts.
   * Steps of 0.2 so that, with the default 5 paths, each point differs from its neighbours.
   */
  readonly coldStartAgreement: number;
  /** Hotswap modes in the order this point prefers them; the first one the budget covers is taken. */
  readonly modePreference: readonly EscalationMode[];
};

const thrifty: readonly EscalationMode[] = ['selective', 'sequential', 'parallel'];
// Selective first here too: since escalated paths decide the vote (agent/vote.ts `taskVote`), one
// path handed over rescues nearly as often as five at about a fifth of the cost (bench policy,
// docs/BENCHMARKS.md, measured with the first-stage target: best-answers 84.6% of the target at
// 23.7% of its cost, against 88.0% at 117.6% with the parallel hotswap first).
const thorough: readonly EscalationMode[] = ['selective', 'parallel', 'sequential'];

/**
 * The operating points, cheapest first. Cost shares are fractions of the bill of one target path
 * per task (issue 19's denominator; with the restart handover one escalation costs about one such
 * path, so a share is also about the share of tasks escalated, as calibrateHistoryThresholds reads
 * it). save-more, balanced, better-answers and best-answers take what the cold-start agreement
 * spent at that point with the restart handover on the calibration seeds 9000001 and 7000001
 * (0.20 / 0.23, 0.40 / 0.47, 0.69 / 0.70, 0.82 / 0.84 of one target path; docs/BENCHMARKS.md,
 * "Live goals on three untouched seeds"), so a point costs about the same once a trained predictor
 * decides; save-most, where the cold start escalates nothing, keeps 0.15. They were 0.15 / 0.225 /
 * 0.3 / 0.45 / 0.6 of the target's 5-path vote (issue 7's goals).
 */
export const operatingPoints: Readonly<Record<OperatingPointName, OperatingPoint>> = {
  'save-most': {
    name: 'save-most',
    label: 'Save most',
    targetCostShare: 0.15,
    coldStartAgreement: 0,
    modePreference: thrifty,
  },
  'save-more': {
    name: 'save-more',
    label: 'Save more',
    targetCostShare: 0.225,
    coldStartAgreement: 0.2,
    modePreference: thrifty,
  },
  balanced: {
    name: 'balanced',
    label: 'Balanced',
    targetCostShare: 0.45,
    coldStartAgreement: 0.4,
    modePreference: ['sequential', 'selective', 'parallel'],
  },
  'better-answers': {
    name: 'better-answers',
    label: 'Better answers',
    targetCostShare: 0.7,
    coldStartAgreement: 0.6,
    modePreference: thorough,
  },
  'best-answers': {
    name: 'best-answers',
    label: 'Best answers',
    targetCostShare: 0.85,
    coldStartAgreement: 0.8,
    modePreference: thorough,
  },
};

/** Whether a string names an operating point. */
export function isOperatingPointName(value: string): value is OperatingPointName {
  return (operatingPointNames as readonly string[]).includes(value);
}
