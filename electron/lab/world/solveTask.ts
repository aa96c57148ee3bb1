import type { Episode } from './Episode.ts';
import { createReplayPolicy } from './createReplayPolicy.ts';
import { runEpisode, type RunEpisodeOptions } from './runEpisode.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';

/** The reference policy: one calc call per operator in precedence order, then the number. */
export const idealPolicy = createReplayPolicy('ideal');

/**
 * The ideal transcript of a task: `calc` once per operator (products first, then sums and
 * differences, left to right), each call on the previous real results, then the final result as the
 * answer, e.g. `98+27*38`: `calc("27*38")` -> 1026, `calc("98+1026")` -> 1124, answer "1124".
 */
export function solveTask(task: WorldTask, options: RunEpisodeOptions = {}): Episode {
  return runEpisode(task, idealPolicy, options);
}
