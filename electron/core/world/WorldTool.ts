import type { JsonObject, JsonValue } from '#core/llm/chat/Transcript.ts';

/**
 * A tool of the bench world. `run` is what the engine executes for a call: it never throws for bad
 * input, it returns a result that reads `"error: ..."`, because a model learns from seeing its
 * mistakes answered.
 */
export type WorldTool = {
  /** No spaces, e.g. "calc". */
  readonly name: string;
  readonly description: string;
  /** JSON schema of the arguments object (null: no arguments). */
  readonly parameters: JsonObject | null;
  readonly run: (args: JsonValue) => JsonValue;
};
