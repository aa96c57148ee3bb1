import path from 'node:path';
import { createEngine, type Engine } from '#core/engine.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

/** The repository's models folder (the fixture GGUFs under fixtures/). */
export const modelsDir = path.join(repositoryRoot, 'models');

/** An engine on an in-memory database, the real clock and the repository's models; the caller disposes it. */
export function createModelEngine(): Engine {
  const ports = createTestPorts({ clock: { now: () => Date.now() } });
  return createEngine(
    { ...ports, paths: { ...ports.paths, bundledModelsDir: modelsDir } },
    { databaseFile: ':memory:' },
  );
}
