import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { EnginePorts, HostInfo, Logger, ProcessInfo, SecretStore, WorkerScript } from '#core/ports.ts';
import { createFileKeyCipher, createFileSecretStore } from './createFileSecretStore.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
const levels: readonly Level[] = ['debug', 'info', 'warn', 'error'];

/** A logger that writes one JSON line per record to stderr, from `minimum` up. */
export function createStderrLogger(minimum: Level = 'info'): Logger {
  const threshold = levels.indexOf(minimum);
  const write = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (levels.indexOf(level) >= threshold) {
      process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
    }
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** What differs between the Node hosts (Electron main, web host, CLI). */
export type NodePortsOptions = {
  readonly kind: HostInfo['kind'];
  readonly appVersion: string;
  readonly dataDir: string;
  readonly bundledModelsDir: string;
  /** Defaults to a stderr JSON-lines logger at ATROPOS_LOG_LEVEL (or info). */
  readonly logger?: Logger;
  /** Electron's own versions; null outside Electron. */
  readonly electronVersions?: { readonly electron: string; readonly chrome: string } | null;
  /** Where API keys live. Defaults to `secrets.json` in the data folder, sealed with a key file beside it. */
  readonly secrets?: SecretStore;
  /** Where the engine's worker threads start. */
  readonly workers: { readonly predictorRetraining: WorkerScript };
};

/** This Node process; another is alive when signal 0 reaches it (EPERM: it runs under another user). */
export const nodeProcess: ProcessInfo = {
  pid: process.pid,
  token: randomUUID(),
  isAlive(pid) {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

/** The real ports for a Node process: wall clock, random UUIDs, stderr logs. */
export function createNodePorts(options: NodePortsOptions): EnginePorts {
  const envLevel = process.env['ATROPOS_LOG_LEVEL'];
  const level = levels.find((candidate) => candidate === envLevel) ?? 'info';
  return {
    clock: { now: () => Date.now() },
    logger: options.logger ?? createStderrLogger(level),
    paths: { dataDir: options.dataDir, bundledModelsDir: options.bundledModelsDir },
    newId: () => randomUUID(),
    fetch: globalThis.fetch,
    secrets:
      options.secrets ??
      createFileSecretStore(
        path.join(options.dataDir, 'secrets.json'),
        createFileKeyCipher(path.join(options.dataDir, 'secrets.key')),
      ),
    workers: options.workers,
    process: nodeProcess,
    host: {
      kind: options.kind,
      appVersion: options.appVersion,
      versions: {
        node: process.versions.node,
        electron: options.electronVersions?.electron ?? null,
        chrome: options.electronVersions?.chrome ?? null,
      },
      cores: os.availableParallelism(),
    },
  };
}
