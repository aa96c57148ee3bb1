import type { JsonObject, JsonValue } from '#core/llm/chat/Transcript.ts';

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
  readonly run: (args: JsonValue) => JsonValue | Promise<JsonValue>;
};
