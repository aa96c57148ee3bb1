// A chat under attack, for model tests: the whole engine (fixture model, auto-redact, SQLite in a
// file of a temporary data folder) and a hostile cloud on 127.0.0.1 (test/unit/egress/attackerCloud.ts).
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { TaskRequest } from '#shared/taskRequest.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';
import { startAttackerCloud, type AttackerCloud, type AttackScript } from '../unit/egress/attackerCloud.ts';

const model = 'atropos-world-target';

export type ThreadAttack = {
  /** The engine open now (a new one after `reopen`). */
  readonly engine: Engine;
  readonly cloud: AttackerCloud;
  /** The engine's database file (another connection may seed it). */
  readonly databaseFile: string;
  /** A turn's request: one path, escalated at the first checkpoint to the attacker. */
  readonly task: (prompt: string, extra?: Partial<TaskRequest>) => TaskRequest;
  /** Resolves once the thread's turn at `position` has finished. */
  readonly finished: (threadId: string, position: number) => Promise<void>;
  /** Closes the engine and opens a new one on the same data folder, as a restart of the app does. */
  reopen(): Promise<Engine>;
  dispose(): Promise<void>;
};

export async function openThreadAttack(script: AttackScript): Promise<ThreadAttack> {
  const cloud = await startAttackerCloud(script, model);
  const ports = createTestPorts({ clock: { now: () => Date.now() } });
  const bundledModelsDir = path.join(repositoryRoot, 'models');
  const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
  const open = (): Engine => createEngine({ ...ports, paths: { ...ports.paths, bundledModelsDir } }, { databaseFile });
  let engine = open();
  engine.setPrivacyMode('auto-redact');
  return {
    get engine() {
      return engine;
    },
    cloud,
    databaseFile,
    task: (prompt, extra = {}) => ({
      prompt,
      paths: 1,
      escalation: 'always',
      checkpoint: 1,
      cloudProviderId: null,
      cloud: { api: 'openai', baseUrl: cloud.baseUrl, model, apiKey: 'none' },
      ...extra,
    }),
    finished: async (threadId, position) =>
      await expect
        .poll(() => [null, 'running'].includes(engine.getThread(threadId).turns[position]?.status ?? null), {
          timeout: 90_000,
        })
        .toBe(false),
    async reopen() {
      await engine.dispose();
      engine = open();
      return engine;
    },
    async dispose() {
      await engine.dispose();
      await cloud.close();
      rmSync(ports.paths.dataDir, { recursive: true, force: true });
    },
  };
}
