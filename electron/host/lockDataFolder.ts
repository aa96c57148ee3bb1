import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '#core/errors.ts';
import type { HostInfo } from '#core/ports.ts';
import { FileLock } from './FileLock.ts';

/** Who holds a data folder, as its lock's note says. */
export type LockHolder = {
  readonly pid: number;
  readonly host: HostInfo['kind'];
  readonly command: string;
  readonly startedAt: string;
};

/** A held data folder; `release` lets the next process in. */
export type DataFolderLock = { readonly holder: LockHolder; release(): void };

const hostNames: Record<HostInfo['kind'], string> = {
  electron: 'the desktop app',
  web: 'the web version (npm run start:web)',
  cli: 'a command-line command (npm run cli)',
};

/**
 * Options whose value the note never holds: secrets, and what a person wrote or chose (a task's text,
 * a granted folder), which a protected profile keeps only in its encrypted history.
 */
const hiddenOption = /^--?(task|grant|[\w-]*(passphrase|password|key|token)[\w-]*)$/i;

/**
 * The command line for the note: the program's name, the script relative to the working folder,
 * and the arguments, with the value of a hidden option (`--task TEXT` or `--task=TEXT`) as ***.
 */
export function describeCommand(argv: readonly string[]): string {
  const [program = 'node', script, ...rest] = argv;
  const hidden = rest.map((arg, index) => {
    const equals = arg.indexOf('=');
    if (arg.startsWith('-') && equals !== -1 && hiddenOption.test(arg.slice(0, equals)))
      return `${arg.slice(0, equals)}=***`;
    return hiddenOption.test(rest[index - 1] ?? '') && !arg.startsWith('-') ? '***' : arg;
  });
  const parts = [
    path.basename(program),
    ...(script === undefined ? [] : [path.relative(process.cwd(), script) || script]),
    ...hidden,
  ];
  const text = parts.join(' ');
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(noteFile: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(noteFile, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string' || typeof parsed.command !== 'string')
      return null;
    return { pid: parsed.pid, host: parsed.host, command: parsed.command, startedAt: String(parsed.startedAt) };
  } catch {
    return null;
  }
}

/** The sentence a refused process shows: who holds the folder and what to do. */
export function busyMessage(dataDir: string, holder: LockHolder | null): string {
  const who =
    holder === null
      ? 'another Atropos Desktop process'
      : `${hostNames[holder.host] ?? holder.host}, pid ${holder.pid} ("${holder.command}"), started ${holder.startedAt}`;
  return (
    `The data folder ${dataDir} is in use by ${who}. One app at a time writes a data folder: ` +
    'close that one first, or give this one another folder (--data-dir, or ATROPOS_DATA_DIR).'
  );
}

/**
 * Takes the data folder for this process, or throws a storage-failed EngineError naming the process
 * that has it (pid, host and command line). The lock is `atropos.lock` (held through SQLite's file
 * locking, so the operating system frees it when the holder dies, however it dies); the note
 * beside it, `atropos.lock.json`, only says who holds it.
 */
export function lockDataFolder(
  dataDir: string,
  host: HostInfo['kind'],
  options: { argv?: readonly string[]; now?: () => number } = {},
): DataFolderLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const noteFile = path.join(dataDir, 'atropos.lock.json');
  const lock = FileLock.acquire(path.join(dataDir, 'atropos.lock'));
  if (lock === null) {
    const holder = readHolder(noteFile);
    throw new EngineError(
      'storage-failed',
      busyMessage(dataDir, holder !== null && isAlive(holder.pid) ? holder : null),
    );
  }
  const holder: LockHolder = {
    pid: process.pid,
    host,
    command: describeCommand(options.argv ?? process.argv),
    startedAt: new Date((options.now ?? Date.now)()).toISOString(),
  };
  const temporary = `${noteFile}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, JSON.stringify(holder), { mode: 0o600 });
  renameSync(temporary, noteFile);
  return {
    holder,
    release() {
      if (!lock.isHeld) return;
      // The note goes first: a process that takes the lock next writes its own.
      if (readHolder(noteFile)?.pid === process.pid) unlinkSync(noteFile);
      lock.release();
    },
  };
}
