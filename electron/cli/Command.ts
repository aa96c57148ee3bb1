import type { Engine } from '#core/engine.ts';

/** What a command gets to work with. The engine is opened only for commands that ask for it. */
export type CommandContext = {
  readonly args: readonly string[];
  readonly openEngine: () => Engine;
  readonly print: (line: string) => void;
};

/** One `npm run cli -- <name>` command. */
export type Command = {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(context: CommandContext): Promise<void> | void;
};
