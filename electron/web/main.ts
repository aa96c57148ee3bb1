import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '#core/engine.ts';
import { EngineError } from '#core/errors.ts';
import { defaultDataDir, readAppVersion, repositoryRoot, sourceWorkers } from '../host/appPaths.ts';
import { createNodePorts } from '../host/createNodePorts.ts';
import { describeFailure } from '../host/describeFailure.ts';
import { lockDataFolder } from '../host/lockDataFolder.ts';
import { secureDataFolder } from '../host/secureDataFolder.ts';
import { createWebHost } from './createWebHost.ts';

/** The data folder of this run, for failure messages; set once the arguments are read. */
let dataDirOfRun = 'the data folder';

const usage = `Usage: npm run start:web -- [--port N] [--data-dir DIR]

Serves Atropos Desktop's renderer on http://127.0.0.1:PORT with the same engine and IPC
contract as the Electron app, over a WebSocket guarded by a per-launch token.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EngineError('invalid-request', `--port must be a whole number from 0 to 65535, not ${values.port}.`);
  }
  const dataDir = values['data-dir'] === undefined ? defaultDataDir() : path.resolve(values['data-dir']);
  dataDirOfRun = dataDir;
  // One app at a time per data folder; everything it creates there is this user's only.
  process.umask(0o077);
  const lock = lockDataFolder(dataDir, 'web');
  secureDataFolder(dataDir);
  const rendererDir = path.join(repositoryRoot, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new EngineError(
      'not-found',
      `The renderer is not built (${rendererDir} is missing). Run \`npm run build:renderer\` first.`,
    );
  }
  const ports = createNodePorts({
    kind: 'web',
    appVersion: readAppVersion(),
    dataDir,
    bundledModelsDir: path.join(repositoryRoot, 'models'),
    workers: sourceWorkers(),
  });
  const engine = createEngine(ports);
  const host = await createWebHost({ engine, logger: ports.logger, rendererDir, port });
  // The URL line is read by people and by the end-to-end tests: keep its shape.
  console.log(`Atropos Desktop (web) is running at ${host.url}`);
  console.log("Open that exact address (it carries this launch's token). Press Ctrl+C to stop.");

  let isClosing = false;
  const shutdown = (): void => {
    if (isClosing) return;
    isClosing = true;
    host
      .close()
      .then(() => engine.dispose())
      .then(() => lock.release())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(describeFailure(error, dataDir).message);
        process.exit(1);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // A sentence and what to do, never a stack (unless asked for with ATROPOS_DEBUG=1).
  console.error(describeFailure(error, dataDirOfRun).message);
  if (process.env.ATROPOS_DEBUG === '1') console.error(error);
  process.exit(1);
});
