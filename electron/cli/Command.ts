import type { Engine } from '#core/engine.ts';

/** What a command gets to work with. The engine is opened only for commands that ask for it. */
export type CommandContext = {
  readonly args: readonly string[];
  /**
   * Opens the engine on the data folder. A command that writes takes the folder's lock first and is
   * refused, with the holder named, while another Atropos process has it; `isReadOnly` commands
   * (listing, info) read beside a running app. Defaults to writing. A locked active profile is
   * unlocked with `passphrase` unless `unlock` is false (a command whose passphrase is another's).
   */
  readonly openEngine: (options?: { isReadOnly?: boolean; unlock?: boolean }) => Engine;
  /** From --passphrase-file's first line or $ATROPOS_PASSPHRASE; never from an argument. */
  readonly passphrase?: string | undefined;
  readonly print: (line: string) => void;
};

/** One `npm run cli -- <name>` command. */
export type Command = {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(context: CommandContext): Promise<void> | void;
};
