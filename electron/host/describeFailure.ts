import { EngineError } from '#core/errors.ts';

/** What the command line prints for a failure: one sentence and what to do, and whether it is a bug. */
export type FailureReport = { readonly message: string; readonly isBug: boolean };

type CodedError = Error & { readonly code?: unknown };

/** SQLite result codes (better-sqlite3's SqliteError.code, extended codes included) to what to do. */
function describeSqlite(code: string, detail: string, dataDir: string): string {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return 'The database is busy: another Atropos process is writing to it. Wait for it to finish (or close it) and run the command again.';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return `The database in ${dataDir} is damaged or is not an Atropos database. Move atropos.sqlite aside (keep the copy) and run the command again to start a new one, or restore it from a backup.`;
  if (code === 'SQLITE_FULL')
    return `The disk holding ${dataDir} is full, so the database could not be written. Free some space and run the command again.`;
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return `Atropos cannot open or write its database in ${dataDir}. Check that the folder exists and that you may write to it, or pass another folder with --data-dir.`;
  if (code.startsWith('SQLITE_IOERR'))
    return `Reading or writing the database in ${dataDir} failed (${code}). Check the disk, then run the command again.`;
  return `The database reported an error (${code}: ${detail}). Run the command again; if it happens again, report this message.`;
}

/** Node system errors about files to what to do. */
function describeSystem(code: string, error: CodedError, dataDir: string): string | null {
  const file = 'path' in error && typeof error.path === 'string' ? error.path : dataDir;
  switch (code) {
    case 'ENOSPC':
      return `The disk holding ${file} is full. Free some space and run the command again.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `Atropos may not write ${file}. Check its permissions, or pass another folder with --data-dir.`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `${file} is a file where Atropos needs a folder. Pass a folder with --data-dir.`;
    case 'ENOENT':
      return `${file} does not exist. Check the path and run the command again.`;
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many files are open on this machine. Close some programs and run the command again.';
    default:
      return null;
  }
}

/** node:util parseArgs' errors (an unknown option, a missing value) to the option and what to do. */
function describeArguments(code: string, message: string): string | null {
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? 'an option';
  const help = 'Run the command with --help to see its options.';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${option} is not an option of this command. Run it with --help to see its options.`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /'([^']*)'/.exec(message)?.[1] ?? '';
      return `This command takes no argument "${argument}". Run it with --help to see its options.`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('does not take an argument')) return `${option} takes no value. ${help}`;
      if (message.includes('ambiguous'))
        return `${option} needs a value (one that starts with a dash is written ${option}=VALUE). ${help}`;
      return `${option} needs a value. ${help}`;
    default:
      return null;
  }
}

/**
 * Turns anything a command threw into what a person reads: an EngineError's own message, a
 * database or file error as a sentence and an action, and anything else as a bug report line.
 * Never a stack: that is printed only with ATROPOS_DEBUG=1 (the caller decides).
 */
export function describeFailure(error: unknown, dataDir: string): FailureReport {
  if (error instanceof EngineError) return { message: `Error: ${error.message}`, isBug: false };
  if (error instanceof Error) {
    const code = (error as CodedError).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_'))
      return { message: `Error: ${describeSqlite(code, error.message, dataDir)}`, isBug: false };
    const argument = typeof code === 'string' ? describeArguments(code, error.message) : null;
    if (argument !== null) return { message: `Error: ${argument}`, isBug: false };
    const system = typeof code === 'string' ? describeSystem(code, error, dataDir) : null;
    if (system !== null) return { message: `Error: ${system}`, isBug: false };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    message: `Error: something went wrong inside Atropos (${detail}). This is a bug: run the command again with ATROPOS_DEBUG=1 to see the details, and report them.`,
    isBug: true,
  };
}
