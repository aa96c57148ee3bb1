import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createFailurePolicy, type FailureKind } from './createFailurePolicy.ts';
import { createRecoveryPolicy } from './createRecoveryPolicy.ts';
import type { Episode } from './Episode.ts';
import { generateWorldTasks, type WorldTaskOptions } from './generateWorldTasks.ts';
import type { WorldTask } from './WorldTask.ts';
import { runEpisode, type RunEpisodeOptions } from './runEpisode.ts';
import { idealPolicy } from './solveTask.ts';

/** Relative weights of the ideal policy and each failure; missing entries weigh 0. */
export type PolicyMix = { readonly [name in 'ideal' | 'recovery' | FailureKind]?: number };

/** The failures a recovery episode starts from (a weak model's slips that a redo can repair). */
const recoverableFailures: readonly FailureKind[] = [
  'wrongOperand',
  'wrongOperand',
  'skippedStep',
  'leftToRight',
  'loop',
];

/**
 * The knobs for the two training corpora. `ideal` is the stronger model's corpus. `weak` is the
 * weak "source" model's: 55% ideal transcripts, so a model trained on it solves about half the
 * tasks and fails in every visible way the rest of the time (copying errors most often, as in
 * early training). Raise `ideal` for a stronger weak model; a kind's weight sets how often that
 * failure is learnt. A failure that cannot change a task's answer becomes `wrongOperand`:
 * `leftToRight` only applies to tasks with a product after the first operator (about a quarter of
 * the default tasks), so about a quarter of its weight is realised (2% of the weak corpus, while
 * `wrongOperand` gets about 21%).
 */
export const policyMixes = {
  ideal: { ideal: 1 },
  weak: { ideal: 0.55, wrongOperand: 0.15, loop: 0.08, prematureAnswer: 0.08, skippedStep: 0.06, leftToRight: 0.08 },
  // Mostly ideal, plus takeovers of a failing transcript at the midpoint of the step budget (see
  // createRecoveryPolicy). Tried for the target model: hotswap rescue rose from 0.126 to 0.185 on
  // 200 tasks but single-path success fell from 0.91 to 0.675 (docs/BENCHMARKS.md), so the
  // committed target is trained on `ideal`.
  target: { ideal: 0.6, recovery: 0.4 },
} as const satisfies Record<string, PolicyMix>;

/** Options of {@link generateWorldEpisodes}: the tasks, the policy mix and how episodes run. */
export type WorldEpisodeOptions = WorldTaskOptions &
  RunEpisodeOptions & {
    /** Defaults to `policyMixes.ideal`. */
    policyMix?: PolicyMix;
  };

/**
 * One episode per generated task, its policy drawn from the mix with a second seeded stream (so the
 * tasks do not depend on the mix). A failure that cannot change a task's answer (see
 * `createFailurePolicy`), or happens not to, is replaced by `wrongOperand`, which always does; the
 * episode's `policy` names what actually ran.
 */
export function generateWorldEpisodes(options: WorldEpisodeOptions): Episode[] {
  const mix: PolicyMix = options.policyMix ?? policyMixes.ideal;
  const entries = Object.entries(mix).filter(([, weight]) => weight > 0) as [
    'ideal' | 'recovery' | FailureKind,
    number,
  ][];
  const totalWeight = entries.reduce((sum, [, weight]) => sum + weight, 0);
  const random = createRandom((options.seed ^ 0x5bd1e995) >>> 0);
  return generateWorldTasks(options).map((task) => {
    let draw = random() * totalWeight;
    const kind = entries.find(([, weight]) => (draw -= weight) < 0)?.[0] ?? 'ideal';
    if (kind === 'ideal') return runEpisode(task, idealPolicy, options);
    if (kind === 'recovery') return recoveryEpisode(task, random, options);
    const policy = createFailurePolicy(task, kind, random);
    const episode = policy === null ? null : runEpisode(task, policy, options);
    if (episode !== null && !episode.isCorrect) return episode;
    const fallback = createFailurePolicy(task, 'wrongOperand', random);
    return runEpisode(task, fallback ?? idealPolicy, options);
  });
}

/**
 * A takeover episode whose prefix really went wrong (its calls differ from the ideal ones), so
 * that after a correct prefix the only thing ever learnt is to continue; the ideal episode when
 * no failure of the task yields such a prefix.
 */
function recoveryEpisode(task: WorldTask, random: () => number, options: RunEpisodeOptions): Episode {
  const ideal = runEpisode(task, idealPolicy, options);
  const prefixCalls = Math.floor(task.stepBudget / 2);
  const kind = recoverableFailures[Math.floor(random() * recoverableFailures.length)] ?? 'wrongOperand';
  const failure = createFailurePolicy(task, kind, random) ?? createFailurePolicy(task, 'wrongOperand', random);
  if (failure === null) return ideal;
  const episode = runEpisode(task, createRecoveryPolicy(failure, prefixCalls), options);
  const prefix = JSON.stringify(episode.steps.slice(0, prefixCalls).map((step) => step.arguments));
  const idealPrefix = JSON.stringify(ideal.steps.slice(0, prefixCalls).map((step) => step.arguments));
  return episode.isCorrect && prefix !== idealPrefix ? episode : ideal;
}
