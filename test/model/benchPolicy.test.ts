// bench policy on the real fixture models: the source on llama.cpp in-process, the target behind the
// model server on 127.0.0.1 reached over real HTTP through the egress gate, on a few held-out tasks.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoverKinds, type HandoverKind } from '#shared/taskRequest.ts';
import { defaultHandover } from '#core/agent/handover.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import { benchPolicy, type BenchPolicyResult } from '#lab/world/benchPolicy.ts';
import { createBenchCloud } from '#lab/world/createBenchCloud.ts';
import { benchCommand } from '../../electron/cli/benchCommand.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';

const fixtures = path.join(repositoryRoot, 'models', 'fixtures');
const clock = { now: () => Date.now() };
let source: LocalLlamaProvider;
let target: LocalLlamaProvider;
let server: ModelServer;
let requestsServed = 0;

beforeAll(async () => {
  source = await LocalLlamaProvider.load({ modelPath: path.join(fixtures, 'source.gguf'), cores: 2 });
  target = await LocalLlamaProvider.load({ modelPath: path.join(fixtures, 'target.gguf'), cores: 2 });
  server = await createModelServer({ responder: target, clock, concurrency: 2 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await target?.dispose();
  await source?.dispose();
});

/** Counts what reaches the network from the egress gate (the real fetch does the sending). */
const countingFetch: typeof globalThis.fetch = async (input, init) => {
  requestsServed += 1;
  return await globalThis.fetch(input, init);
};

async function bench(
  privacyMode: 'auto-redact' | 'local-only',
  tasks: number,
  handover?: HandoverKind,
): Promise<BenchPolicyResult> {
  const cloud = createBenchCloud({ baseUrl: `${server.url}/v1`, privacyMode, fetch: countingFetch, clock });
  try {
    return await benchPolicy({
      source,
      cloud,
      tasks,
      paths: 5,
      clock,
      ...(handover === undefined ? {} : { handover }),
    });
  } finally {
    await cloud.dispose();
  }
}

const row = (result: BenchPolicyResult, name: string) => {
  const found = result.rows.find((item) => item.name === name);
  if (found === undefined) throw new Error(`no row ${name}`);
  return found;
};

describe('bench policy on the fixture models', () => {
  it('prints one JSON object with the rows, their denominator and the local price', async () => {
    const lines: string[] = [];
    await benchCommand.run({
      args: ['policy', '--tasks', '3', '--json'],
      print: (line) => lines.push(line),
      openEngine: () => {
        throw new Error('bench policy needs no engine');
      },
    });
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0] ?? '') as {
      rows: {
        name: string;
        success: number;
        costUsd: number;
        costRelative: number | null;
        localTokens: number;
        rescueRate?: number | null;
      }[];
      onePathUsd: number;
      localUsdPerMillion: number;
      frontierArea: number;
      policyHandover: string;
      handoverRescues: { kind: string; targetTokens: number | null }[];
    };
    expect(Object.keys(printed)).toEqual([
      'rows',
      'tasks',
      'sourceFailures',
      'onePathUsd',
      'localUsdPerMillion',
      'randomDraws',
      'againstOracle',
      'againstOracleBestOf',
      'frontierArea',
      'policyHandover',
      'handoverRescues',
    ]);
    // The live run's own handover is the app's default, and each kind is counted per rescued task.
    expect(printed.policyHandover).toBe(defaultHandover);
    const rescues = printed.handoverRescues;
    expect(rescues.map((entry) => entry.kind)).toEqual([...handoverKinds]);
    for (const entry of rescues) expect(entry.targetTokens).toBeGreaterThan(0);
    const names = printed.rows.map((item) => item.name);
    // The local variants of item 6 (prune@<point>, esc) come right after always-local.
    const variants = names.filter((name) => name.startsWith('prune@') || name === 'esc');
    expect(names.slice(1, 1 + variants.length)).toEqual(variants);
    expect(names.filter((name) => !variants.includes(name))).toEqual([
      'always-local',
      'target-one-path',
      'target-vote',
      ...handoverKinds.map((kind) => `handover:${kind}`),
      ...operatingPointNames.flatMap((point) => [`policy@${point}`, `random@${point}`]),
      'oracle',
      'oracle-best-of',
    ]);
    for (const item of printed.rows) {
      expect(item.success).toBeGreaterThanOrEqual(0);
      expect(item.success).toBeLessThanOrEqual(1);
      expect(typeof item.costUsd).toBe('number');
      expect(typeof item.costRelative).toBe('number');
      expect(Number.isInteger(item.localTokens)).toBe(true);
      if (item.name.startsWith('policy@') || item.name.startsWith('handover:'))
        expect(item).toHaveProperty('rescueRate');
    }
    expect(printed.rows.find((item) => item.name === 'target-one-path')).toMatchObject({
      costRelative: 1,
      localTokens: 0,
    });
    expect(printed.rows[0]).toMatchObject({ name: 'always-local', costUsd: 0, costRelative: 0 });
    expect(printed.rows[0]?.localTokens).toBeGreaterThan(0);
    expect(printed.onePathUsd).toBeGreaterThan(0);
    expect(printed.localUsdPerMillion).toBe(0.08);
    expect(typeof printed.frontierArea).toBe('number');
  }, 120_000);

  it('refuses an unknown handover before loading a model', async () => {
    const run = benchCommand.run({
      args: ['policy', '--handover', 'note'],
      print: () => undefined,
      openEngine: () => {
        throw new Error('bench policy needs no engine');
      },
    });
    await expect(run).rejects.toThrow(/--handover is one of transcript, restart, digest, transcript-full/);
  });

  it('builds every row from the measured branches, and bills what the ledger settled', async () => {
    const sentBefore = requestsServed;
    const result = await bench('auto-redact', 4, 'restart');
    expect(result.perTask).toHaveLength(4);
    expect(row(result, 'target-one-path').costRelative).toBeCloseTo(1, 12);
    expect(row(result, 'always-local').costRelative).toBe(0);
    expect(result.requestsSent).toBeGreaterThan(0);
    expect(requestsServed - sentBefore).toBe(result.requestsSent);
    const targetCost = result.perTask.reduce((sum, task) => sum + task.target.costUsd, 0);
    expect(targetCost).toBeGreaterThan(0);
    // One target path per task costs a fifth of the five paths' vote on average.
    expect(result.onePathUsd).toBeCloseTo(targetCost / 5, 12);
    // Every cloud charge the ledger settled is one branch's cost, and nothing else was billed.
    const branchCloud = result.perTask.reduce(
      (sum, task) =>
        sum +
        task.target.costUsd +
        (task.branches.parallel?.costUsd ?? 0) +
        (task.branches.selective?.costUsd ?? 0) +
        // The handovers other than the bench's own (restart here) ran as branches of their own.
        handoverKinds
          .filter((kind) => kind !== 'restart')
          .reduce((more, kind) => more + (task.handovers?.[kind]?.costUsd ?? 0), 0),
      0,
    );
    expect(result.ledgerUsd).toBeCloseTo(branchCloud, 12);
    const sourceFailures = result.perTask.filter((task) => !task.branches.continue.isCorrect);
    for (const point of operatingPointNames) {
      const taken = result.perTask.map((task) => ({ task, outcome: task.branches[task.decisions[point]] }));
      expect(taken.every(({ outcome }) => outcome !== undefined)).toBe(true);
      const solved = taken.filter(({ outcome }) => outcome?.isCorrect).length;
      const cost = taken.reduce((sum, { task, outcome }) => sum + task.checkpoint.costUsd + (outcome?.costUsd ?? 0), 0);
      const escalated = taken.filter(({ task }) => ['parallel', 'selective'].includes(task.decisions[point]));
      const rescued = escalated.filter(({ task, outcome }) => !task.branches.continue.isCorrect && outcome?.isCorrect);
      const policy = row(result, `policy@${point}`);
      expect(policy.success).toBeCloseTo(solved / 4, 9);
      expect(policy.costRelative).toBeCloseTo(cost / result.onePathUsd, 9);
      expect(policy.escalatedPct).toBeCloseTo((100 * escalated.length) / 4, 9);
      expect(policy.rescueRate).toBe(sourceFailures.length === 0 ? null : rescued.length / sourceFailures.length);
      expect(policy.rescuedOfEscalated).toBe(escalated.length === 0 ? null : rescued.length / escalated.length);
      // A decision is only taken where some path paused at the checkpoint.
      for (const { task } of escalated) expect(task.checkpoint.isReached).toBe(true);
      // Random escalation spends what the point spent: nothing where it escalated nothing, else at
      // most one hotswap more than the point (it stops once it has spent as much, or runs out of tasks).
      const random = row(result, `random@${point}`);
      const dearest = Math.max(
        ...result.perTask.map((task) =>
          Math.max(task.branches.selective?.costUsd ?? 0, task.branches.parallel?.costUsd ?? 0),
        ),
      );
      if (escalated.length === 0) expect(random).toMatchObject({ escalatedPct: 0, costUsd: 0 });
      else expect(random.costUsd).toBeLessThanOrEqual(policy.costUsd + dearest + 1e-12);
    }
    const oracle = row(result, 'oracle');
    expect(oracle.success).toBeGreaterThanOrEqual(row(result, 'always-local').success);
    // The oracle hands exactly the source's failures over by the run's own selective hotswap; the
    // best-of oracle may pick another hotswap after seeing its ending, so it is never below it.
    const failures = result.perTask.filter((task) => !task.branches.continue.isCorrect && task.checkpoint.isReached);
    expect(oracle.escalatedPct).toBeCloseTo((100 * failures.length) / result.perTask.length, 9);
    expect(oracle.costUsd).toBeCloseTo(
      result.perTask.reduce(
        (sum, task) =>
          sum +
          task.checkpoint.costUsd +
          (failures.includes(task) ? (task.branches.selective?.costUsd ?? 0) : task.branches.continue.costUsd),
        0,
      ),
      12,
    );
    expect(row(result, 'oracle-best-of').success).toBeGreaterThanOrEqual(oracle.success);
    for (const task of result.perTask) {
      // The bench's own handover is its selective branch, measured once.
      expect(task.handovers?.restart).toBe(task.branches.selective);
      // Each path's end is recorded, and the paths' costs make up the branch's.
      const selective = task.branches.selective;
      expect(selective?.paths).toHaveLength(5);
      expect(selective?.paths?.reduce((sum, item) => sum + item.costUsd, 0)).toBeCloseTo(selective?.costUsd ?? -1, 12);
      // The restart handover: the handed-over path starts afresh on the target with the same
      // seed as the target's own path of that index, so it is that path, at the same cost.
      const chosen = task.selected?.[0] ?? -1;
      const handed = selective?.paths?.[chosen];
      const own = task.target.paths?.[chosen];
      expect(handed?.isCloud).toBe(true);
      expect({ answer: handed?.answer, costUsd: handed?.costUsd }).toEqual({
        answer: own?.answer,
        costUsd: own?.costUsd,
      });
    }
  }, 120_000);

  it('sends nothing when the profile is local-only: the policy stays local and forced hotswaps fall back', async () => {
    const sentBefore = requestsServed;
    const result = await bench('local-only', 3);
    expect(result.requestsSent).toBe(0);
    expect(requestsServed).toBe(sentBefore);
    expect(result.ledgerUsd).toBe(0);
    for (const point of operatingPointNames) expect(row(result, `policy@${point}`).escalatedPct).toBe(0);
    // The target row could not reach the cloud: each of its paths fell back to the source.
    for (const task of result.perTask) {
      expect(task.target).toMatchObject({ cloudPaths: 0, fallbacks: 5, costUsd: 0 });
      if (task.branches.parallel !== undefined) expect(task.branches.parallel.cloudPaths).toBe(0);
    }
    expect(row(result, 'target-one-path').costRelative).toBeNull();
    expect(row(result, 'target-vote').localTokens).toBeGreaterThan(0);
  }, 120_000);
});
