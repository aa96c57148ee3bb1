import type { Engine } from '#core/engine.ts';

/** What a command gets to work with. The engine is opened only for commands that ask for it. */
export type CommandContext = {
  readonly args: readonly string[];
  /**
   * Opens the engine on the data folder. A command that writes takes the folder's lock first and is
   * refused, with the holder named, while another Atropos process has it; `isReadOnly` commands
   * (listing, info) read beside a running app. Defaults to writing.
   */
  readonly openEngine: (options?: { isReadOnly?: boolean }) => Engine;
  readonly print: (line: string) => void;
};

/** One `npm run cli -- <name>` command. */
export type Command = {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(context: CommandContext): Promise<void> | void;
};
