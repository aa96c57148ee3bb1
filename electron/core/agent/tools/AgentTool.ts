import type { JsonObject, JsonValue } from '#core/llm/chat/Transcript.ts';
import type { ToolCallContext } from '#core/llm/providers/ToolCallContext.ts';

/**
 * A tool the agent runner offers a model. `run` never throws for bad input or a refused request:
 * it answers `"error: ..."`, which the model reads like any result.
 */
export type AgentTool = {
  /** No spaces, e.g. "read_file". */
  readonly name: string;
  readonly description: string;
  /** JSON schema of the arguments object (null: no arguments). */
  readonly parameters: JsonObject | null;
  /** `context` is there when a cloud model made the call: cut pieces of documents redacted whole. */
  readonly run: (args: JsonValue, context?: ToolCallContext) => JsonValue | Promise<JsonValue>;
  /**
   * Whether the tool gets real values where a cloud model wrote placeholders (a path naming a
   * person). Leave it off for tools whose output repeats their input. Defaults to false.
   */
  readonly acceptsOriginals?: boolean;
  /** Whether the result carries the person's own data (see ToolRunner.readsLocalData). Defaults to false. */
  readonly readsLocalData?: boolean;
};
