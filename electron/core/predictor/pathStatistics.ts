import { answerMethods, coverageListing, coverageTool } from '#core/trajectory/answerMethods.ts';
import type { Trajectory, TrajectoryRun } from '#core/trajectory/Trajectory.ts';

/**
 * AutoFL's vote: each answered run splits one vote evenly over the methods it names (those that
 * `isCandidate` accepts). The votes, largest first.
 */
function methodVotes(runs: readonly TrajectoryRun[], isCandidate: (method: string) => boolean = () => true): number[] {
  const votes = new Map<string, number>();
  for (const run of runs) {
    const methods = run.answer === null ? [] : answerMethods(run.answer, { withParameters: false }).filter(isCandidate);
    for (const method of methods) votes.set(method, (votes.get(method) ?? 0) + 1 / methods.length);
  }
  return [...votes.values()].sort((a, b) => b - a);
}

/** The methods (as `Class.method`) that coverage calls of any run listed. */
function coveredMethods(trajectory: Trajectory): Set<string> {
  const covered = new Set<string>();
  for (const step of trajectory.runs.flatMap((run) => run.steps)) {
    const className = step.args['class_name'];
    if (step.tool !== coverageTool || typeof className !== 'string') continue;
    for (const method of coverageListing(className, step.result)) covered.add(method);
  }
  return covered;
}

/** How many times the most common value occurs. */
function modalCount(values: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

// Tool results are stored JSON-encoded: an error is a `{"error_message": ...}` object, a redirect
// to a similarly named method a string starting "You probably mean".
const errorPattern = /^"?(\{"error_message"|You probably mean)/;

/** The method a run is looking at: its answer's first method, else the last one it asked about. */
function focusOf(run: TrajectoryRun): string | null {
  const answered = run.answer === null ? undefined : answerMethods(run.answer, { withParameters: false })[0];
  if (answered !== undefined) return answered;
  const signatures = run.steps
    .map((step) => step.args['signature'])
    .filter((value): value is string => typeof value === 'string');
  const last = signatures.at(-1);
  return last === undefined ? null : (answerMethods(last, { withParameters: false })[0] ?? null);
}

/**
 * The names of the path statistics, in order, with what each measures. Shares are over all runs
 * unless said otherwise; a statistic with nothing to count is 0.
 */
export const pathStatisticNames = [
  'runs', // number of runs
  'answeredShare', // share of runs whose answer is visible
  'namedShare', // share of runs whose visible answer names at least one method
  'topVoteShare', // AutoFL vote of the leading method / runs (1 = every run names only it)
  'voteMargin', // (leading vote - runner-up vote) / runs
  'coveredTopVote', // like topVoteShare, counting only methods a coverage call listed (AutoFL ranks only covered methods)
  'answerAgreement', // runs whose method set equals the most common non-empty one / runs
  'distinctAnswers', // distinct non-empty method sets / runs
  'focusAgreement', // runs focused on the most common method (answer, else last looked-up signature) / runs
  'meanSteps', // mean visible tool calls per run
  'maxSteps', // most visible tool calls of any run
  'topCallShare', // share of runs that made the most common call (tool + arguments)
  'distinctCallShare', // distinct calls / calls (how little the runs repeat each other or themselves)
  'errorShare', // share of calls answered by an error or a "You probably mean ..." redirect
  'meanPromptKiloTokens', // mean over runs of the prompt size of its latest call, in thousands of tokens
] as const;

/** One name of pathStatisticNames. */
export type PathStatisticName = (typeof pathStatisticNames)[number];

/**
 * The fixed-length feature vector of the non-graph baseline for a (cut) trajectory, in the order
 * of pathStatisticNames. It reads only what the trajectory shows, so cut it first.
 */
export function pathStatistics(trajectory: Trajectory): number[] {
  const runs = trajectory.runs;
  const runCount = runs.length;
  const share = (count: number, total = runCount): number => (total === 0 ? 0 : count / total);
  const namedSets = runs
    .map((run) => (run.answer === null ? '' : answerMethods(run.answer, { withParameters: false }).sort().join('|')))
    .filter((set) => set !== '');
  const votes = methodVotes(runs);
  const covered = coveredMethods(trajectory);
  const focuses = runs.map(focusOf).filter((focus): focus is string => focus !== null);
  const steps = runs.flatMap((run) => run.steps);
  const callsPerRun = runs.map((run) => [
    ...new Set(run.steps.map((step) => `${step.tool} ${JSON.stringify(step.args)}`)),
  ]);
  const values: Record<PathStatisticName, number> = {
    runs: runCount,
    answeredShare: share(runs.filter((run) => run.answer !== null).length),
    namedShare: share(namedSets.length),
    topVoteShare: share(votes[0] ?? 0),
    voteMargin: share((votes[0] ?? 0) - (votes[1] ?? 0)),
    coveredTopVote: share(methodVotes(runs, (method) => covered.has(method))[0] ?? 0),
    answerAgreement: share(modalCount(namedSets)),
    distinctAnswers: share(new Set(namedSets).size),
    focusAgreement: share(modalCount(focuses)),
    meanSteps: share(steps.length),
    maxSteps: Math.max(0, ...runs.map((run) => run.steps.length)),
    topCallShare: share(modalCount(callsPerRun.flat())),
    distinctCallShare: share(new Set(callsPerRun.flat()).size, steps.length),
    errorShare: share(steps.filter((step) => errorPattern.test(step.result)).length, steps.length),
    meanPromptKiloTokens: share(runs.reduce((sum, run) => sum + (run.steps.at(-1)?.tokensIn ?? 0), 0)) / 1000,
  };
  return pathStatisticNames.map((name) => values[name]);
}
