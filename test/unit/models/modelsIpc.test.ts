// Models and cloud providers over the IPC router: catalog, import, the local source (and that
// tasks use it), and the cloud connection test against a real HTTP server on 127.0.0.1.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter, type IpcRouter } from '#core/ipcRouter.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';
import { createMemoryLogger, createTestPorts } from '../../helpers/createTestEngine.ts';
import { createEngine } from '#core/engine.ts';

const fixture = path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(bundledModelsDir = path.join(repositoryRoot, 'models')): { engine: Engine; router: IpcRouter } {
  const ports = createTestPorts();
  const engine = createEngine(
    { ...ports, paths: { dataDir: ports.paths.dataDir, bundledModelsDir } },
    { databaseFile: ':memory:' },
  );
  cleanups.push(() => engine.dispose());
  return { engine, router: createIpcRouter(createIpcHandlers(engine), createMemoryLogger()) };
}

async function value(router: IpcRouter, channel: string, request: unknown): Promise<unknown> {
  const result = await router.handle(channel, request);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe('the model catalog', () => {
  it('lists the fixtures as installed (bundled) and the recommended models as downloadable', async () => {
    const { router } = setup();
    const catalog = (await value(router, 'model:catalog', {})) as Awaited<ReturnType<Engine['getModelCatalog']>>;
    const source = catalog.models.find((model) => model.id === 'atropos-world-source');
    expect(source).toMatchObject({ kind: 'fixture', installedPath: fixture, isSizeApproximate: false });
    const qwen = catalog.models.find((model) => model.id === 'qwen2.5-1.5b-instruct-q4_k_m');
    expect(qwen).toMatchObject({ kind: 'recommended', installedPath: null, isSizeApproximate: true, sha256: null });
    expect(qwen?.url).toMatch(/^https:\/\/huggingface\.co\//);
    expect(catalog).toMatchObject({ downloads: [], localSource: null });
  });

  it('refuses to download a fixture or an unknown catalog id, and a request naming both or neither', async () => {
    const { router } = setup();
    await expect(value(router, 'model:download', { catalogId: 'atropos-world-source' })).rejects.toThrow(
      /ships with the app/,
    );
    await expect(value(router, 'model:download', { catalogId: 'nope' })).rejects.toThrow(/^not-found/);
    await expect(value(router, 'model:download', {})).rejects.toThrow(/exactly one/);
    await expect(
      value(router, 'model:download', { catalogId: 'x', url: 'https://example.com/a.gguf' }),
    ).rejects.toThrow(/exactly one/);
  });
});

describe('importing a GGUF and choosing the local source', () => {
  it('imports a checked GGUF, refuses other files and duplicates, and tasks run on the chosen source', async () => {
    const { engine, router } = setup();
    const outside = mkdtempSync(path.join(os.tmpdir(), 'atropos-import-'));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    const copy = path.join(outside, 'my-model.gguf');
    copyFileSync(fixture, copy);
    const imported = (await value(router, 'model:import', { path: copy })) as { path: string; source: string };
    expect(imported).toMatchObject({ fileName: 'my-model.gguf', source: 'user', problem: null });
    await expect(value(router, 'model:import', { path: copy })).rejects.toThrow(/already in your models folder/);
    const notModel = path.join(outside, 'notes.gguf');
    writeFileSync(notModel, 'hello');
    await expect(value(router, 'model:import', { path: notModel })).rejects.toThrow(/^model-missing: Not a GGUF file/);
    await expect(value(router, 'model:import', { path: '/etc/passwd' })).rejects.toThrow(/Only \.gguf model files/);
    await expect(value(router, 'model:import', { path: 'relative.gguf' })).rejects.toThrow(/full path/);

    expect(await value(router, 'model:set-source', { path: imported.path })).toEqual({ localSource: imported.path });
    expect(engine.getSettings()).toBeDefined();
    await expect(value(router, 'model:set-source', { path: notModel })).rejects.toThrow(/not among the models/);
    expect((await engine.getModelCatalog()).localSource).toBe(imported.path);

    // A task without a local model of its own loads the chosen source: with the file gone, it says so.
    rmSync(imported.path);
    await expect(engine.runTask({ worldTask: 1, paths: 1, escalation: 'never' })).rejects.toThrow(
      new RegExp(`not found or not readable: ${imported.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    );
    expect(await value(router, 'model:set-source', { path: null })).toEqual({ localSource: null });
  });
});

describe('cloud providers over IPC', () => {
  async function startModelList(): Promise<{ url: string; seen: string[] }> {
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      const key = request.headers.authorization ?? request.headers['x-api-key'] ?? '';
      seen.push(`${request.method} ${request.url} ${String(key)}`);
      const isGood =
        request.headers.authorization === 'Bearer sk-good' || request.headers['x-api-key'] === 'sk-ant-good';
      if (!isGood) {
        response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"bad key"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: [{ id: 'small-model' }, { id: 'big-model' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  it('saves with a write-only key, tests the connection through the gate, and deletes', async () => {
    const { engine, router } = setup();
    const server = await startModelList();
    const saved = (await value(router, 'cloud:save', {
      name: 'Local endpoint',
      api: 'openai',
      baseUrl: `${server.url}/v1`,
      model: 'small-model',
      apiKey: 'sk-good',
      inputPerMillion: 0.1,
      outputPerMillion: 0.4,
    })) as { id: string; hasKey: boolean };
    expect(saved.hasKey).toBe(true);
    expect(JSON.stringify(await value(router, 'cloud:list', {}))).not.toContain('sk-good');

    // Local-only: nothing leaves, not even a test.
    await expect(value(router, 'cloud:test', { id: saved.id })).rejects.toThrow(/^policy-denied: .*local-only/);
    expect(server.seen).toEqual([]);

    await value(router, 'privacy:set-policy', { mode: 'ask' });
    expect(await value(router, 'cloud:test', { id: saved.id })).toMatchObject({ modelCount: 2, isModelListed: true });
    expect(server.seen).toEqual(['GET /v1/models Bearer sk-good']);
    expect(engine.listEgress({})[0]).toMatchObject({ provider: 'openai:small-model', allowedBy: 'user', bytesSent: 0 });

    // A wrong key comes back as the engine's message; an edit without apiKey keeps the stored key.
    await value(router, 'cloud:save', { id: saved.id, name: 'Local endpoint', api: 'openai', baseUrl: `${server.url}/v1`, model: 'small-model', apiKey: 'sk-bad' });
    await expect(value(router, 'cloud:test', { id: saved.id })).rejects.toThrow(/^provider-rejected: .*refused the key/);
    await value(router, 'cloud:save', { id: saved.id, name: 'Renamed', api: 'openai', baseUrl: `${server.url}/v1`, model: 'other' });
    expect(await value(router, 'cloud:list', {})).toEqual([expect.objectContaining({ name: 'Renamed', hasKey: true })]);

    expect(await value(router, 'cloud:delete', { id: saved.id })).toEqual({ id: saved.id });
    expect(await value(router, 'cloud:list', {})).toEqual([]);
  });

  it('tests an Anthropic endpoint with its own headers, and says when the server is unreachable', async () => {
    const { router } = setup();
    const server = await startModelList();
    await value(router, 'privacy:set-policy', { mode: 'auto-redact' });
    const anthropic = (await value(router, 'cloud:save', {
      name: 'Claude',
      api: 'anthropic',
      baseUrl: server.url,
      model: 'missing-model',
      apiKey: 'sk-ant-good',
    })) as { id: string };
    expect(await value(router, 'cloud:test', { id: anthropic.id })).toMatchObject({ modelCount: 2, isModelListed: false });
    expect(server.seen).toEqual(['GET /v1/models sk-ant-good']);
    const gone = (await value(router, 'cloud:save', {
      name: 'Gone',
      api: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'x',
    })) as { id: string };
    await expect(value(router, 'cloud:test', { id: gone.id })).rejects.toThrow(/^provider-unavailable: Could not reach/);
  });
});
