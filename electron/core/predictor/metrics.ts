import { assert } from '#core/errors.ts';

// Convention of the whole predictor: the POSITIVE class is FAILURE. A score is the predicted
// probability that the task's self-consistency vote fails, and a label is true when it failed
// (Trajectory.success === false). The product acts on predicted failure (escalate, hotswap), so
// precision and recall are those of the failure alarm. A task is predicted to fail when its score
// is at least the threshold.

/** Counts of a thresholded prediction; positive = failure. */
export type Confusion = {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  readonly falseNegatives: number;
};

/** One equal-width bin of a calibration table. */
export type CalibrationBin = {
  /** Scores in [lower, upper); the last bin also holds 1. */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean score in the bin; null when empty. */
  readonly meanPredicted: number | null;
  /** Share of failures in the bin; null when empty. */
  readonly observedRate: number | null;
};

/** Everything `metrics` reports. Ratios with an empty denominator are NaN. */
export type Metrics = {
  readonly count: number;
  readonly threshold: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly specificity: number;
  readonly rocAuc: number;
  readonly averagePrecision: number;
  readonly falsePositiveRateAt95Recall: number;
  readonly confusion: Confusion;
};

function checkInputs(scores: readonly number[], labels: readonly boolean[]): void {
  assert(scores.length === labels.length, `${scores.length} scores but ${labels.length} labels`);
  assert(scores.every(Number.isFinite), 'scores must be finite numbers');
}

/**
 * The confusion counts when a score of at least `threshold` predicts failure.
 * @param scores predicted probability of failure, one per task
 * @param labels true where the task failed
 */
export function confusionAt(scores: readonly number[], labels: readonly boolean[], threshold: number): Confusion {
  checkInputs(scores, labels);
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  scores.forEach((score, index) => {
    const isPredictedFailure = score >= threshold;
    if (labels[index] === true) {
      if (isPredictedFailure) truePositives += 1;
      else falseNegatives += 1;
    } else if (isPredictedFailure) falsePositives += 1;
    else trueNegatives += 1;
  });
  return { truePositives, falsePositives, trueNegatives, falseNegatives };
}

/** Share of tasks whose thresholded prediction matches the label; NaN for no tasks. */
export function accuracyAt(scores: readonly number[], labels: readonly boolean[], threshold: number): number {
  const confusion = confusionAt(scores, labels, threshold);
  return (confusion.truePositives + confusion.trueNegatives) / scores.length;
}

/** Ranks 1..n of the values, ties sharing their average rank. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, index) => index).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && values[order[end + 1] ?? 0] === values[order[start] ?? 0]) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) ranks[order[position] ?? 0] = rank;
    start = end + 1;
  }
  return ranks;
}

/**
 * Area under the ROC curve as the Mann-Whitney statistic: the probability that a random failure
 * scores above a random success, ties counting one half. NaN without both classes.
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  checkInputs(scores, labels);
  const ranks = averageRanks(scores);
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const positiveRankSum = ranks.reduce((sum, rank, index) => (labels[index] === true ? sum + rank : sum), 0);
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The ROC / precision-recall operating points, one per distinct score, from high to low. */
function operatingPoints(
  scores: readonly number[],
  labels: readonly boolean[],
): { truePositives: number; falsePositives: number }[] {
  const order = scores.map((_, index) => index).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const points: { truePositives: number; falsePositives: number }[] = [];
  let truePositives = 0;
  let falsePositives = 0;
  order.forEach((index, position) => {
    if (labels[index] === true) truePositives += 1;
    else falsePositives += 1;
    const next = order[position + 1];
    if (next === undefined || scores[next] !== scores[index]) points.push({ truePositives, falsePositives });
  });
  return points;
}

/** One point of a ROC curve: the false and true positive rates at some threshold. */
export type RocPoint = { readonly fpr: number; readonly tpr: number };

/**
 * The ROC curve of failure predictions, from (0, 0) to (1, 1), one point per distinct score,
 * thinned to at most `maxPoints` (keeping the ends). Empty without both classes.
 */
export function rocCurve(scores: readonly number[], labels: readonly boolean[], maxPoints = 60): RocPoint[] {
  checkInputs(scores, labels);
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const points: RocPoint[] = [
    { fpr: 0, tpr: 0 },
    ...operatingPoints(scores, labels).map((point) => ({
      fpr: point.falsePositives / negatives,
      tpr: point.truePositives / positives,
    })),
  ];
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, index) => points[Math.round(index * step)] as RocPoint);
}

/**
 * Average precision (area under the precision-recall curve of failures), the step-wise sum over
 * distinct thresholds of (recall gained) x precision; tied scores form one step. NaN without a
 * failure.
 */
export function averagePrecision(scores: readonly number[], labels: readonly boolean[]): number {
  checkInputs(scores, labels);
  const positives = labels.filter(Boolean).length;
  if (positives === 0) return Number.NaN;
  let previousRecall = 0;
  let sum = 0;
  for (const point of operatingPoints(scores, labels)) {
    const recall = point.truePositives / positives;
    sum += (recall - previousRecall) * (point.truePositives / (point.truePositives + point.falsePositives));
    previousRecall = recall;
  }
  return sum;
}

/**
 * The false-positive rate at the highest threshold that catches at least 95% of the failures.
 * NaN without both classes.
 */
export function falsePositiveRateAt95Recall(scores: readonly number[], labels: readonly boolean[]): number {
  checkInputs(scores, labels);
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const point = operatingPoints(scores, labels).find((candidate) => candidate.truePositives / positives >= 0.95);
  return (point?.falsePositives ?? negatives) / negatives;
}

/** A reliability table of `bins` equal-width score bins over [0, 1] (default 10). */
export function calibrationTable(scores: readonly number[], labels: readonly boolean[], bins = 10): CalibrationBin[] {
  checkInputs(scores, labels);
  const sums = Array.from({ length: bins }, () => ({ count: 0, scoreSum: 0, failures: 0 }));
  scores.forEach((score, index) => {
    const bin = sums[Math.min(bins - 1, Math.max(0, Math.floor(score * bins)))];
    if (bin === undefined) return;
    bin.count += 1;
    bin.scoreSum += score;
    if (labels[index] === true) bin.failures += 1;
  });
  return sums.map((bin, index) => ({
    lower: index / bins,
    upper: (index + 1) / bins,
    count: bin.count,
    meanPredicted: bin.count === 0 ? null : bin.scoreSum / bin.count,
    observedRate: bin.count === 0 ? null : bin.failures / bin.count,
  }));
}

/** Mean binary cross-entropy of probabilities against labels (probabilities clamped to [1e-7, 1 - 1e-7]). */
export function logLoss(scores: readonly number[], labels: readonly boolean[]): number {
  checkInputs(scores, labels);
  if (scores.length === 0) return 0;
  const total = scores.reduce((sum, score, index) => {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, score));
    return sum - (labels[index] === true ? Math.log(p) : Math.log(1 - p));
  }, 0);
  return total / scores.length;
}

/**
 * The threshold that maximises accuracy on (validation) scores: the midpoint between two adjacent
 * distinct scores, or just outside their range. Among equally accurate thresholds the one closest
 * to 0.5 wins, so a calibrated model keeps its natural cut when the data cannot tell.
 */
export function chooseThreshold(scores: readonly number[], labels: readonly boolean[]): number {
  checkInputs(scores, labels);
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  if (distinct.length === 0) return 0.5;
  const candidates = [
    (distinct[0] ?? 0) - 1e-9,
    ...distinct.slice(1).map((score, index) => ((distinct[index] ?? 0) + score) / 2),
    (distinct.at(-1) ?? 0) + 1e-9,
  ];
  let best = 0.5;
  let bestAccuracy = -1;
  for (const threshold of candidates) {
    const accuracy = accuracyAt(scores, labels, threshold);
    if (accuracy > bestAccuracy || (accuracy === bestAccuracy && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))) {
      best = threshold;
      bestAccuracy = accuracy;
    }
  }
  return best;
}

/** The usual report of a failure predictor on labelled tasks at one threshold (default 0.5). */
export function metrics(scores: readonly number[], labels: readonly boolean[], threshold = 0.5): Metrics {
  const confusion = confusionAt(scores, labels, threshold);
  const { truePositives, falsePositives, trueNegatives, falseNegatives } = confusion;
  return {
    count: scores.length,
    threshold,
    accuracy: (truePositives + trueNegatives) / scores.length,
    precision: truePositives / (truePositives + falsePositives),
    recall: truePositives / (truePositives + falseNegatives),
    specificity: trueNegatives / (trueNegatives + falsePositives),
    rocAuc: rocAuc(scores, labels),
    averagePrecision: averagePrecision(scores, labels),
    falsePositiveRateAt95Recall: falsePositiveRateAt95Recall(scores, labels),
    confusion,
  };
}
