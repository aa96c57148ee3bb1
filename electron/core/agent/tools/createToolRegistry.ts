import type { ToolRunner } from '#core/llm/providers/ChatProvider.ts';
import { assert } from '#core/errors.ts';
import type { AgentTool } from './AgentTool.ts';

/** The runner's tool registry: what the model is told, and the one place calls are executed. */
export function createToolRegistry(tools: readonly AgentTool[]): ToolRunner {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  assert(byName.size === tools.length, 'tool names must be unique');
  return {
    definitions: tools.map(({ name, description, parameters }) => ({ name, description, parameters })),
    async call(name, args, context) {
      const tool = byName.get(name);
      return tool === undefined ? `error: unknown tool "${name}"` : await tool.run(args, context);
    },
    acceptsOriginals: (name) => byName.get(name)?.acceptsOriginals === true,
    readsLocalData: (name) => byName.get(name)?.readsLocalData === true,
  };
}
