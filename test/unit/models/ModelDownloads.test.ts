// The model download manager against real HTTP servers on 127.0.0.1 serving the source fixture
// GGUF, and fault servers that cut the connection, ignore Range or serve wrong bytes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';
import { startGgufServer, type GgufServer, type GgufServerOptions } from '../../helpers/startGgufServer.ts';
import { createTestPorts } from '../../helpers/createTestEngine.ts';

const fixture = readFileSync(path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf'));
const opened: { close(): Promise<void> | void }[] = [];

afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

async function serve(options: Partial<GgufServerOptions> = {}): Promise<GgufServer> {
  const server = await startGgufServer({ bytes: fixture, ...options });
  opened.push(server);
  return server;
}

type Harness = { engine: Engine; events: ModelDownload[]; modelsDir: string; sent: () => number };

/** The engine on ports whose fetch (the one the egress gate sends through) counts what it sends. */
function openEngine(
  base: ReturnType<typeof createTestPorts> = createTestPorts(),
): Harness & { ports: ReturnType<typeof createTestPorts> } {
  let sent = 0;
  const ports = {
    ...base,
    fetch: ((input, init) => {
      sent += 1;
      return globalThis.fetch(input, init);
    }) as typeof fetch,
  };
  const engine = createEngine(ports, { databaseFile: ':memory:' });
  opened.push({ close: () => engine.dispose() });
  const events: ModelDownload[] = [];
  engine.onEvent((event) => {
    if (event.channel === 'model:download-progress') events.push(event.payload);
  });
  return { engine, events, modelsDir: path.join(ports.paths.dataDir, 'models'), ports, sent: () => sent };
}

async function download(harness: Harness, url: string): Promise<ModelDownload> {
  const { downloadId } = await harness.engine.downloadModel({ url });
  return await settled(harness, downloadId);
}

const busyStates = new Set(['downloading', 'verifying']);

/** The download's last progress event once it stops (finished, paused, failed), as a person sees it. */
async function settled(harness: Harness, downloadId: string): Promise<ModelDownload> {
  for (let tries = 0; tries < 3000; tries += 1) {
    const last = harness.events.filter((event) => event.id === downloadId).at(-1);
    if (last !== undefined && !busyStates.has(last.state)) return last;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`download ${downloadId} did not settle`);
}

describe('downloading a model', () => {
  it('downloads through the egress gate in a local-only profile, checks the ETag sha256 and installs it', async () => {
    const server = await serve({ hasShaEtag: true, chunkBytes: 64 * 1024 });
    const harness = openEngine();
    expect(harness.engine.getPrivacyPolicy().mode).toBe('local-only');
    const done = await download(harness, server.url('source-copy.gguf'));
    expect(done).toMatchObject({ state: 'completed', checksum: 'verified', sha256: server.sha256, error: null });
    const installed = path.join(harness.modelsDir, 'source-copy.gguf');
    expect(done.path).toBe(installed);
    expect(readFileSync(installed).equals(fixture)).toBe(true);
    expect(existsSync(`${installed}.part`) || existsSync(`${installed}.part.json`)).toBe(false);
    // Progress went out while it ran, with the total and growing byte counts.
    const downloading = harness.events.filter((event) => event.state === 'downloading');
    expect(downloading.at(-1)?.totalBytes).toBe(fixture.length);
    expect(harness.events.map((event) => event.state)).toContain('verifying');
    expect(harness.events.at(-1)?.state).toBe('completed');
    // Audited like every request that leaves, allowed by the person.
    const [audit] = harness.engine.listEgress({});
    expect(audit).toMatchObject({
      provider: 'model-download',
      endpoint: server.url('source-copy.gguf'),
      allowedBy: 'user',
      bytesSent: 0,
    });
    expect(harness.sent()).toBe(1);
    expect((await harness.engine.listModels()).some((model) => model.path === installed && model.problem === null)).toBe(
      true,
    );
  });

  it('follows a redirect hop by hop, auditing each, and verifies against its X-Linked-Etag', async () => {
    const server = await serve();
    const harness = openEngine();
    const done = await download(harness, server.url('linked.gguf', { viaRedirect: true }));
    expect(done).toMatchObject({ state: 'completed', checksum: 'verified', expectedSha256: server.sha256 });
    expect(server.requests.map((request) => request.status)).toEqual([302, 200]);
    expect(harness.engine.listEgress({}).map((record) => record.endpoint)).toEqual([
      server.url('linked.gguf'),
      server.url('linked.gguf', { viaRedirect: true }),
    ]);
  });

  it('without a published sha256 installs the file as unverified and shows its computed hash', async () => {
    const server = await serve();
    const harness = openEngine();
    const done = await download(harness, server.url());
    expect(done).toMatchObject({ state: 'completed', checksum: 'unverified', sha256: server.sha256 });
  });
});

describe('interruptions and resume', () => {
  it('a fault server that cuts the connection mid-body leaves a .part, and Resume asks for the rest', async () => {
    const server = await serve({ faults: ['cut'], faultAt: 300_000, hasShaEtag: true });
    const harness = openEngine();
    const cut = await download(harness, server.url());
    expect(cut.state).toBe('paused');
    expect(cut.error?.code).toBe('provider-unavailable');
    expect(cut.error?.message).toMatch(/cut off after .* Press Resume/);
    const part = path.join(harness.modelsDir, 'model.gguf.part');
    // Everything that arrived before the cut is kept (the server stops at byte 300,000).
    const kept = statSync(part).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(300_000);
    const resumed = await download(harness, server.url());
    expect(resumed).toMatchObject({ state: 'completed', checksum: 'verified', id: cut.id });
    expect(server.requests.map((request) => [request.range, request.status])).toEqual([
      [null, 200],
      [`bytes=${kept}-`, 206],
    ]);
    expect(readFileSync(path.join(harness.modelsDir, 'model.gguf')).equals(fixture)).toBe(true);
  });

  it('resumes after a restart: a new engine finds the .part and its sidecar', async () => {
    const server = await serve({ faults: ['cut'], faultAt: 500_000, hasShaEtag: true });
    const first = openEngine();
    const cut = await download(first, server.url());
    expect(cut.state).toBe('paused');
    await first.engine.dispose();
    const kept = statSync(path.join(first.modelsDir, 'model.gguf.part')).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(500_000);

    const second = openEngine(first.ports);
    const catalog = await second.engine.getModelCatalog();
    expect(catalog.downloads).toEqual([
      expect.objectContaining({ id: cut.id, state: 'paused', receivedBytes: kept, totalBytes: fixture.length }),
    ]);
    const resumed = await download(second, server.url());
    expect(resumed).toMatchObject({ id: cut.id, state: 'completed', checksum: 'verified' });
    expect(server.requests.at(-1)).toEqual({ path: '/files/model.gguf', range: `bytes=${kept}-`, status: 206 });
    expect((await second.engine.getModelCatalog()).downloads).toEqual([]);
  });

  it('a fault server that ignores Range (200 to a range request) makes the resume start over from zero', async () => {
    const server = await serve({ faults: ['cut', 'ignore-range'], faultAt: 250_000, hasShaEtag: true });
    const harness = openEngine();
    expect((await download(harness, server.url())).state).toBe('paused');
    // The server cuts after writing 250 000 bytes; under load fewer may reach the client before the
    // socket closes, and the resume asks from what was kept.
    const kept = statSync(path.join(harness.modelsDir, 'model.gguf.part')).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(250_000);
    const done = await download(harness, server.url());
    expect(done).toMatchObject({ state: 'completed', checksum: 'verified' });
    expect(server.requests.map((request) => [request.range, request.status])).toEqual([
      [null, 200],
      [`bytes=${kept}-`, 200],
    ]);
    // Not the old part with the whole file appended: exactly the file.
    expect(readFileSync(path.join(harness.modelsDir, 'model.gguf')).equals(fixture)).toBe(true);
  });

  it('a part from another link is not trusted: the download starts afresh', async () => {
    const first = await serve({ faults: ['cut'], faultAt: 200_000 });
    const harness = openEngine();
    expect((await download(harness, first.url())).state).toBe('paused');
    const second = await serve();
    expect((await download(harness, second.url())).state).toBe('completed');
    expect(second.requests.map((request) => request.range)).toEqual([null]);
    expect(readFileSync(path.join(harness.modelsDir, 'model.gguf')).equals(fixture)).toBe(true);
  });

  it('cancel keeps the .part for Resume; discard deletes it', async () => {
    const server = await serve({ faults: ['stall'], faultAt: 400_000 });
    const harness = openEngine();
    const { downloadId } = await harness.engine.downloadModel({ url: server.url() });
    await server.whenStalled();
    const part = path.join(harness.modelsDir, 'model.gguf.part');
    await waitFor(() => existsSync(part) && statSync(part).size >= 400_000);
    expect(await harness.engine.cancelModelDownload(downloadId)).toBe(true);
    const paused = await settled(harness, downloadId);
    expect(paused).toMatchObject({ state: 'paused', error: null, receivedBytes: 400_000 });
    expect(statSync(part).size).toBe(400_000);
    expect((await harness.engine.getModelCatalog()).downloads).toEqual([
      expect.objectContaining({ id: downloadId, state: 'paused' }),
    ]);
    expect(await harness.engine.cancelModelDownload(downloadId, true)).toBe(false);
    expect(existsSync(part)).toBe(false);
    expect(harness.events.at(-1)?.state).toBe('discarded');
    expect((await harness.engine.getModelCatalog()).downloads).toEqual([]);
    server.cutStalled();
  });
});

describe('checks before a file is installed', () => {
  it('a fault server that serves wrong bytes fails the checksum, and the file is deleted', async () => {
    const server = await serve({ faults: ['wrong-bytes'], hasShaEtag: true });
    const harness = openEngine();
    const done = await download(harness, server.url());
    expect(done).toMatchObject({ state: 'failed', checksum: 'mismatch' });
    expect(done.error).toMatchObject({ code: 'model-missing' });
    expect(done.error?.message).toMatch(/sha256 is [0-9a-f]{64}, expected [0-9a-f]{64}\. It was deleted/);
    expect(existsSync(path.join(harness.modelsDir, 'model.gguf'))).toBe(false);
    expect(existsSync(path.join(harness.modelsDir, 'model.gguf.part'))).toBe(false);
    expect((await harness.engine.getModelCatalog()).downloads).toEqual([expect.objectContaining({ state: 'failed' })]);
  });

  it('a file that is not a GGUF model is refused by the header check and deleted', async () => {
    const server = await startGgufServer({ bytes: Buffer.from('<html>Sign in to download</html>') });
    opened.push(server);
    const harness = openEngine();
    const done = await download(harness, server.url());
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/not a usable GGUF model, so it was deleted/);
    expect(existsSync(path.join(harness.modelsDir, 'model.gguf'))).toBe(false);
  });

  it('a missing file fails with not-found and leaves nothing behind', async () => {
    const server = await serve();
    const harness = openEngine();
    const done = await download(harness, `${server.origin}/nothing/gone.gguf`);
    expect(done).toMatchObject({ state: 'failed', error: { code: 'not-found' } });
    expect(existsSync(path.join(harness.modelsDir, 'gone.gguf.part.json'))).toBe(false);
  });

  it.each([
    ['plain http to the internet', 'http://example.com/model.gguf', /must use https/],
    ['a link that is not a .gguf file', 'https://example.com/model.bin', /must end in a \.gguf file name/],
    ['a link with a password', 'https://user:secret@example.com/model.gguf', /user name and password/],
    ['not a link', 'model.gguf', /not a web address/],
  ])('refuses %s before anything is sent', async (_label, url, message) => {
    const harness = openEngine();
    await expect(harness.engine.downloadModel({ url })).rejects.toThrow(message);
    expect(harness.sent()).toBe(0);
  });

  it('refuses to download over a model that is already installed', async () => {
    const server = await serve();
    const harness = openEngine();
    await download(harness, server.url());
    await expect(harness.engine.downloadModel({ url: server.url() })).rejects.toThrow(/already in your models folder/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
