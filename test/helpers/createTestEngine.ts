import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '#core/engine.ts';
import type { EnginePorts, Logger } from '#core/ports.ts';
import { sourceWorkers } from '../../electron/host/appPaths.ts';
import { createFileKeyCipher, createFileSecretStore } from '../../electron/host/createFileSecretStore.ts';
import { nodeProcess } from '../../electron/host/createNodePorts.ts';

/** A logger that keeps its records, so tests can assert on what was logged. */
export function createMemoryLogger(): Logger & {
  records: { level: string; message: string; fields?: Record<string, unknown> }[];
} {
  const records: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    records.push(fields === undefined ? { level, message } : { level, message, fields });
  };
  return { records, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Deterministic ports: a settable clock, counting ids, a temp data folder. */
export function createTestPorts(overrides: Partial<EnginePorts> = {}): EnginePorts & { setNow(ms: number): void } {
  let now = Date.UTC(2026, 10, 15, 12, 0, 0);
  let nextId = 1;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-test-'));
  return {
    clock: { now: () => now },
    logger: createMemoryLogger(),
    paths: { dataDir, bundledModelsDir: path.join(dataDir, 'bundled-models') },
    host: {
      kind: 'cli',
      appVersion: '0.0.0-test',
      versions: { node: process.versions.node, electron: null, chrome: null },
      cores: 2,
    },
    newId: () => `id-${nextId++}`,
    // The real network: tests reach only servers they start on 127.0.0.1, through the egress gate.
    fetch: globalThis.fetch,
    secrets: createFileSecretStore(
      path.join(dataDir, 'secrets.json'),
      createFileKeyCipher(path.join(dataDir, 'secrets.key')),
    ),
    workers: sourceWorkers(),
    process: nodeProcess,
    setNow(ms: number) {
      now = ms;
    },
    ...overrides,
  };
}

/** An engine on a private in-memory database. */
export function createTestEngine(options: EngineOptions = {}): {
  engine: Engine;
  ports: ReturnType<typeof createTestPorts>;
} {
  const ports = createTestPorts();
  return { engine: createEngine(ports, { databaseFile: ':memory:', ...options }), ports };
}
