import type { JsonValue, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { calcTool } from './calcTool.ts';
import type { WorldTool } from './WorldTool.ts';

/** The tool registry of a bench world: what the engine executes when a model calls a tool. */
export type WorldTools = {
  readonly tools: readonly WorldTool[];
  /** The tools as a transcript lists them (what the model is told). */
  readonly definitions: readonly TranscriptTool[];
  /** Runs one call; an unknown tool is an error result, not an exception. */
  readonly call: (name: string, args: JsonValue) => JsonValue;
};

/** Builds the registry; defaults to the calculator alone. */
export function createWorldTools(tools: readonly WorldTool[] = [calcTool]): WorldTools {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return {
    tools,
    definitions: tools.map(({ name, description, parameters }) => ({ name, description, parameters })),
    call(name, args) {
      const tool = byName.get(name);
      return tool ? tool.run(args) : `error: unknown tool "${name}"`;
    },
  };
}
