import type { JsonObject, JsonValue } from '#core/llm/chat/Transcript.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';

/** What a policy does next: call a tool (the engine runs it) or give its final answer. */
export type PolicyAction =
  | { readonly kind: 'call'; readonly name: string; readonly arguments: JsonObject }
  | { readonly kind: 'answer'; readonly text: string };

/** One executed tool call with the engine's real result. */
export type EpisodeStep = { readonly name: string; readonly arguments: JsonObject; readonly result: JsonValue };

/**
 * A scripted solver. `decide` sees the task and the calls made so far with their real results and
 * must be a pure function of them, so a replayed episode decides the same way.
 */
export type WorldPolicy = {
  /** "ideal" or the failure it produces, e.g. "loop". */
  readonly name: string;
  readonly decide: (task: WorldTask, steps: readonly EpisodeStep[]) => PolicyAction;
};
