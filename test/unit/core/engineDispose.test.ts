// Engine.dispose() aborts what runs, waits for its clean-up, and only then closes the database:
// a download stalled by a real HTTP server on 127.0.0.1 must still record its pause.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import { createEngine } from '#core/engine.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';
import { createTestPorts } from '../../helpers/createTestEngine.ts';
import { startGgufServer, type GgufServer } from '../../helpers/startGgufServer.ts';

const fixture = readFileSync(path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf'));
let server: GgufServer | undefined;

afterEach(async () => {
  server?.cutStalled();
  await server?.close();
  server = undefined;
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 500 && !condition(); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(condition()).toBe(true);
}

describe('Engine.dispose()', () => {
  it('stops a running download, lets it record its pause, then closes the database', async () => {
    server = await startGgufServer({ bytes: fixture, faults: ['stall'], faultAt: 400_000 });
    const ports = createTestPorts();
    const engine = createEngine(ports);
    const events: ModelDownload[] = [];
    engine.onEvent((event) => {
      if (event.channel === 'model:download-progress') events.push(event.payload);
    });
    await engine.downloadModel({ url: server.url() });
    await server.whenStalled();
    const part = path.join(ports.paths.dataDir, 'models', 'model.gguf.part');
    await waitFor(() => existsSync(part) && statSync(part).size >= 400_000);

    await engine.dispose();
    // The download ended as a pause (its .part kept for Resume) before the listeners went away.
    expect(events.at(-1)).toMatchObject({ state: 'paused', receivedBytes: 400_000, error: null });
    expect(statSync(part).size).toBe(400_000);
    // The database is closed now, and a second dispose is the same one.
    expect(() => engine.listTasks({})).toThrow(/database connection is not open/);
    await expect(engine.dispose()).resolves.toBeUndefined();

    // What the download wrote stays consistent: a new engine on the folder sees its audit and its pause.
    const reopened = createEngine(ports);
    try {
      expect(reopened.listEgress({})).toEqual([
        expect.objectContaining({ provider: 'model-download', endpoint: server.url() }),
      ]);
      expect((await reopened.getModelCatalog()).downloads).toEqual([expect.objectContaining({ state: 'paused' })]);
    } finally {
      await reopened.dispose();
    }
  });
});
