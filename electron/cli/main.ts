import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine } from '#core/engine.ts';
import { defaultDataDir, readAppVersion, repositoryRoot, sourceWorkers } from '../host/appPaths.ts';
import { createNodePorts } from '../host/createNodePorts.ts';
import { lockDataFolder, type DataFolderLock } from '../host/lockDataFolder.ts';
import { secureDataFolder } from '../host/secureDataFolder.ts';
import { commands } from './commands.ts';
import { commandHelp, isHelpRequest } from './commandHelp.ts';
import { describeFailure } from '../host/describeFailure.ts';

/** Why a passphrase given as an argument is refused, and how to give it instead. */
const passphraseArgumentRefusal =
  'A passphrase is not taken as an argument, where other users can see it in the process list; put it on the first line of a file only you can read and pass --passphrase-file FILE, or set $ATROPOS_PASSPHRASE.';

/** The data folder of this run, for failure messages; set once the arguments are read. */
let dataDirOfRun = 'the data folder';

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'Atropos Desktop command line: npm run cli -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Global options: --data-dir DIR (default: the app data folder, or $ATROPOS_DATA_DIR), --help,',
    '  --passphrase-file FILE (its first line unlocks the active profile when it is protected; or $ATROPOS_PASSPHRASE)',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  let dataDir = defaultDataDir();
  const dataDirAt = args.indexOf('--data-dir');
  if (dataDirAt !== -1) {
    const value = args[dataDirAt + 1];
    if (value === undefined) {
      console.error('--data-dir needs a folder.');
      return 2;
    }
    dataDir = path.resolve(value);
    args.splice(dataDirAt, 2);
  }
  dataDirOfRun = dataDir;
  // A protected active profile's history and keys open only with its passphrase: read from a file
  // (not an argument, which other users can see in the process list) or the environment.
  let passphrase = process.env.ATROPOS_PASSPHRASE;
  if (args.some((arg) => arg === '--passphrase' || arg.startsWith('--passphrase='))) {
    console.error(`Error: ${passphraseArgumentRefusal}`);
    return 2;
  }
  const passphraseAt = args.indexOf('--passphrase-file');
  if (passphraseAt !== -1) {
    const file = args[passphraseAt + 1];
    if (file === undefined) {
      console.error('--passphrase-file needs a file whose first line is the passphrase.');
      return 2;
    }
    passphrase = readFileSync(path.resolve(file), 'utf8').split(/\r?\n/)[0];
    args.splice(passphraseAt, 2);
  }
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    console.error(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  if (isHelpRequest(rest)) {
    console.log(commandHelp(command));
    return 0;
  }
  const ports = createNodePorts({
    kind: 'cli',
    appVersion: readAppVersion(),
    dataDir,
    bundledModelsDir: path.join(repositoryRoot, 'models'),
    workers: sourceWorkers(),
  });
  let lock = null as DataFolderLock | null;
  const openEngine = ({ isReadOnly = false, unlock = true }: { isReadOnly?: boolean; unlock?: boolean } = {}) => {
    if (!isReadOnly) lock ??= lockDataFolder(dataDir, 'cli');
    secureDataFolder(dataDir);
    const engine = createEngine(ports);
    const locked = engine.listProfileListings().find((profile) => profile.isLocked);
    if (unlock && locked !== undefined && passphrase !== undefined && passphrase !== '') {
      try {
        engine.switchProfileWithPassphrase(locked.id, passphrase);
      } catch (error) {
        void engine.dispose();
        throw error;
      }
    }
    return engine;
  };
  try {
    await command.run({ args: rest, openEngine, passphrase, print: (line) => console.log(line) });
  } finally {
    lock?.release();
  }
  return 0;
}

// Everything this process creates (database, -wal, -shm, keys) is readable by this user only.
process.umask(0o077);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A sentence and what to do, never a stack (unless asked for with ATROPOS_DEBUG=1).
    console.error(describeFailure(error, dataDirOfRun).message);
    if (process.env.ATROPOS_DEBUG === '1') console.error(error);
    process.exitCode = 1;
  },
);
