import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createFailurePolicy, type FailureKind } from './createFailurePolicy.ts';
import type { Episode } from './Episode.ts';
import { generateWorldTasks, type WorldTaskOptions } from '#core/world/generateWorldTasks.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { runEpisode, type RunEpisodeOptions } from './runEpisode.ts';
import { idealPolicy } from './solveTask.ts';
import { takeoverEpisode } from './takeoverEpisode.ts';

/** Relative weights of the ideal policy and each failure; missing entries weigh 0. */
export type PolicyMix = { readonly [name in 'ideal' | 'takeover' | FailureKind]?: number };

/** The weak solvers a takeover episode starts from, drawn uniformly (as the weak mix fails most often). */
const takeoverPrefixes: readonly ('ideal' | FailureKind)[] = [
  'wrongOperand',
  'wrongOperand',
  'wrongOperand',
  'loop',
  'prematureAnswer',
  'skippedStep',
  'leftToRight',
  'ideal',
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
  // The target model's: ideal transcripts plus takeovers of a weak solver's transcript at the
  // midpoint of the step budget, marked by the handoff note (see takeoverEpisode).
  target: { ideal: 0.7, takeover: 0.3 },
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
    'ideal' | 'takeover' | FailureKind,
    number,
  ][];
  const totalWeight = entries.reduce((sum, [, weight]) => sum + weight, 0);
  const random = createRandom((options.seed ^ 0x5bd1e995) >>> 0);
  return generateWorldTasks(options).map((task) => {
    let draw = random() * totalWeight;
    const kind = entries.find(([, weight]) => (draw -= weight) < 0)?.[0] ?? 'ideal';
    if (kind === 'ideal') return runEpisode(task, idealPolicy, options);
    if (kind === 'takeover') return takeover(task, random, options);
    const policy = createFailurePolicy(task, kind, random);
    const episode = policy === null ? null : runEpisode(task, policy, options);
    if (episode !== null && !episode.isCorrect) return episode;
    const fallback = createFailurePolicy(task, 'wrongOperand', random);
    return runEpisode(task, fallback ?? idealPolicy, options);
  });
}

/** A takeover of a weak solver drawn from {@link takeoverPrefixes} (ideal when that failure cannot happen). */
function takeover(task: WorldTask, random: () => number, options: RunEpisodeOptions): Episode {
  const kind = takeoverPrefixes[Math.floor(random() * takeoverPrefixes.length)] ?? 'ideal';
  const prefix = kind === 'ideal' ? idealPolicy : (createFailurePolicy(task, kind, random) ?? idealPolicy);
  return takeoverEpisode(task, prefix, options);
}
