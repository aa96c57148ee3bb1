import { describe, expect, it } from 'vitest';
import { costAt } from '#core/budget/priceTable.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { runEpisode } from '#lab/world/runEpisode.ts';
import { createChainPolicy, drawSlipPlan } from '#lab/world/long/chainSolver.ts';
import { checkLongWorld, handoverArms } from '#lab/world/long/checkLongWorld.ts';
import { formatLongWorldCheck } from '#lab/world/long/formatLongWorldCheck.ts';
import { generateLongTasks } from '#lab/world/long/generateLongTasks.ts';
import { handLongPath, runTakeover } from '#lab/world/long/runTakeover.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';

const arm = (check: ReturnType<typeof checkLongWorld>, name: string) =>
  check.arms.find((entry) => entry.name === name)!;

describe('checkLongWorld', () => {
  it('with a flawless source every handover but a redo squeezed into the rest of the budget is right', () => {
    const check = checkLongWorld({ seed: 3, count: 60, source: { easy: 0, hard: 0 }, target: { easy: 0, hard: 0 } });
    expect(check.sourceSuccess).toBe(1);
    expect(check.sourceFailures).toBe(0);
    expect(check.meanSoundHanded).toBe(check.meanHandedCalls);
    for (const entry of check.arms) expect(entry.success, entry.name).toBe(entry.name === 'transcript/redo' ? 0 : 1);
  });

  it('with a flawless target: restart and continuing rescue every failure, trust almost none of the misled', () => {
    const check = checkLongWorld({
      seed: 4,
      count: 200,
      source: { easy: 0.2, hard: 0.4 },
      target: { easy: 0, hard: 0 },
    });
    expect(check.misledFailures).toBeGreaterThan(50);
    expect(arm(check, 'restart').rescueRate).toBe(1);
    expect(arm(check, 'transcript-full/continue').rescueRate).toBe(1);
    expect(arm(check, 'digest/continue').rescueRate).toBe(1);
    // Only where two slips happen to cancel out (94-47=47, 47+36=83 for 94-74=20, 20+63=83).
    expect(arm(check, 'transcript/trust').rescueOfMisled).toBeLessThan(0.05);
    expect(arm(check, 'transcript-full/continue').keptOnFailures).toBeGreaterThan(0);
    expect(arm(check, 'restart').rescuePerDollarVsRestart).toBe(1);
  });

  it('sums the restart arm from the same paths as runTakeover gives them one by one', () => {
    const seed = 9;
    const check = checkLongWorld({ seed, count: 40 });
    const price = { inputPerMillion: 1, outputPerMillion: 4 };
    let failures = 0;
    let rescued = 0;
    let usd = 0;
    let tokens = 0;
    for (const [index, task] of generateLongTasks({ seed, count: 40 }).entries()) {
      const sourcePlan = drawSlipPlan(
        task,
        { easy: 0.05, hard: 0.28 },
        createRandom((seed + 10_000 * index + 1) >>> 0),
      );
      const targetPlan = drawSlipPlan(
        task,
        { easy: 0.025, hard: 0.17 },
        createRandom((seed + 10_000 * index + 2) >>> 0),
      );
      const source = runEpisode(task, createChainPolicy('source', sourcePlan), { tools: createWorldTools() });
      if (source.isCorrect) continue;
      failures += 1;
      const run = runTakeover(task, handLongPath(task, source, 'restart'), 'redo', targetPlan);
      usd += costAt(price, run.tokensIn, run.tokensOut);
      tokens += run.tokensIn + run.tokensOut;
      if (run.isCorrect) rescued += 1;
    }
    const restart = arm(check, 'restart');
    expect(check.sourceFailures).toBe(failures);
    expect(restart.rescued).toBe(rescued);
    expect(restart.tokensPerRescue).toBeCloseTo(tokens / rescued, 9);
    expect(restart.usdPerRescue).toBeCloseTo(usd / rescued, 12);
  });

  it('is the same from the same seed and prints one row per arm', () => {
    const check = checkLongWorld({ seed: 5, count: 50 });
    expect(checkLongWorld({ seed: 5, count: 50 })).toEqual(check);
    const text = formatLongWorldCheck(check, 5);
    for (const entry of handoverArms) expect(text).toContain(entry.name);
    expect(text).toContain('seed 5, 50 tasks');
  });
});
