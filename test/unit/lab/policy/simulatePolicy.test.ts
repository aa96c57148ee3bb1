import { describe, expect, it } from 'vitest';
import { buildPolicyTasks, type PolicyTask } from '#lab/policy/PolicyTask.ts';
import { frontierArea } from '#lab/policy/costQualityFrontier.ts';
import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import { priceOf, trajectoryCost } from '#lab/policy/prices.ts';
import { simulatePolicy, type PolicySimulation } from '#lab/policy/simulatePolicy.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { makeRun, makeStep, makeTrajectory } from '../../predictor/makeTrajectory.ts';

// Prices of one USD per input token and nothing per output token keep the sums countable by hand.
const prices = {
  source: { inputPerMillion: 1e6, outputPerMillion: 0 },
  target: { inputPerMillion: 1e6, outputPerMillion: 0 },
};

/**
 * 12 tasks, 3 in each quadrant of (source solved, target solved). Every source run makes two tool
 * calls of 1 token and answers with 1 token: $3 in all, $1 at k = 1 (the answer is not given yet).
 * The target answers at once with 10 tokens on the 3 tasks it rescues and 20 on the others.
 */
function handMadeTasks(): PolicyTask[] {
  const quadrants = [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ] as const;
  const sources = [];
  const targets = [];
  for (const [quadrant, [isSourceSolved, isTargetSolved]] of quadrants.entries()) {
    for (let index = 0; index < 3; index += 1) {
      const task = `d4j/Hand_${quadrant}${index}`;
      const step = makeStep({ tokensIn: 1, tokensOut: 5, args: { signature: `org.x.C${index}.m()` } });
      const run = { ...makeRun(1, [step, step], 'org.x.C.m()'), answerTokensIn: 1 };
      sources.push(makeTrajectory([run], { task, model: 'source', success: isSourceSolved }));
      const rescue = isTargetSolved && !isSourceSolved;
      const answer = { ...makeRun(1, [], 'org.x.C.m()'), answerTokensIn: rescue ? 10 : 20 };
      targets.push(makeTrajectory([answer], { task, model: 'target', success: isTargetSolved }));
    }
  }
  return buildPolicyTasks(sources, targets, { checkpoint: 1, prices });
}

const rowOf = (simulation: PolicySimulation, name: string) => {
  const row = simulation.rows.find((candidate) => candidate.name === name);
  if (row === undefined) throw new Error(`no row ${name}`);
  return row;
};

describe('simulatePolicy accounting', () => {
  const tasks = handMadeTasks();
  const simulation = simulatePolicy(tasks, { checkpoint: 1, folds: 2, seed: 1 });

  it('prices the recorded calls, in full and up to the checkpoint', () => {
    expect(tasks.map((task) => task.sourceCost)).toEqual(new Array(12).fill(3));
    expect(tasks.map((task) => task.sourceCostAtCheckpoint)).toEqual(new Array(12).fill(1));
    expect(tasks.filter((task) => task.targetCost === 10)).toHaveLength(3);
    // List prices: 1000 x 1.50 + 100 x 2.00 per million tokens.
    const run = {
      ...makeRun(1, [makeStep({ tokensIn: 1000, tokensOut: 100 })], null),
      answerTokensIn: 0,
      answerTokensOut: 0,
    };
    expect(trajectoryCost(makeTrajectory([run]), priceOf('gpt-3.5-turbo-0613'))).toBeCloseTo(0.0017, 10);
    expect(() => priceOf('unknown-model')).toThrow(/No price is known/);
  });

  it('gives the hand-computed baselines and oracle', () => {
    // Target alone: 6 solved, 3 x $10 + 9 x $20 = $210. Source alone: 6 solved, 12 x $3 = $36.
    expect(rowOf(simulation, 'always-target')).toMatchObject({ perfPct: 100, costPct: 100, escalatedPct: 100 });
    const source = rowOf(simulation, 'always-source');
    expect(source.perfPct).toBeCloseTo(100);
    expect(source.costPct).toBeCloseTo((100 * 36) / 210);
    // The oracle escalates the 3 rescues at k = 1: 9 solved; 9 x $3 + 3 x ($1 + $10) = $60.
    const oracle = rowOf(simulation, 'oracle');
    expect(oracle.perfPct).toBeCloseTo(150);
    expect(oracle.costPct).toBeCloseTo((100 * 60) / 210);
    expect(oracle.escalatedPct).toBeCloseTo(25);
  });

  it('accounts every decider row from its decisions, and random at the policy rate', () => {
    const byTask = new Map(tasks.map((task) => [task.task, task]));
    for (const point of operatingPointNames) {
      let solved = 0;
      let cost = 0;
      let escalated = 0;
      for (const decision of simulation.decisions) {
        const task = byTask.get(decision.task);
        if (task === undefined) throw new Error('unknown task');
        if (decision.escalated.policy[point]) {
          escalated += 1;
          solved += Number(task.isTargetSolved);
          cost += 1 + task.targetCost;
        } else {
          solved += Number(task.isSourceSolved);
          cost += 3;
        }
      }
      const policy = rowOf(simulation, `policy@${point}`);
      expect(policy.perfPct).toBeCloseTo((100 * solved) / 6);
      expect(policy.costPct).toBeCloseTo((100 * cost) / 210);
      // Random at rate r: every task is solved by one model or the other 6 times in 12, so 100%;
      // the bill is (1 - r) x $36 + r x (12 x $1 + $210).
      const rate = escalated / 12;
      const random = rowOf(simulation, `random@${point}`);
      expect(random.perfPct).toBeCloseTo(100);
      expect(random.costPct).toBeCloseTo((100 * ((1 - rate) * 36 + rate * 222)) / 210);
    }
  });

  it('measures the frontier area on the hand-computable staircase', () => {
    // (0.4, 0.4) is dominated; 0.5 from cost 0.2 to 0.6, then 1 from 0.6 to 1: 0.5 x 0.4 + 1 x 0.4.
    expect(
      frontierArea([
        { cost: 0.2, quality: 0.5 },
        { cost: 0.6, quality: 1 },
        { cost: 0.4, quality: 0.4 },
      ]),
    ).toBeCloseTo(0.6);
  });
});

describe('simulatePolicy leakage', () => {
  /** Synthetic tasks whose features carry some signal about both outcomes. */
  function syntheticTasks(): PolicyTask[] {
    const random = createRandom(11);
    return Array.from({ length: 80 }, (_, index) => {
      const hardness = random();
      const features = [hardness + 0.3 * random(), random(), random()];
      return {
        task: `synthetic/${index}`,
        isSourceSolved: random() > hardness,
        isTargetSolved: random() > hardness * 0.7,
        sourceCost: 0.05 + 0.02 * random(),
        sourceCostAtCheckpoint: 0.02,
        targetCost: 0.5 + random(),
        promptTokens: 500 + Math.round(1000 * random()),
        checkpointFeatures: features,
        textFeatures: [features[1] ?? 0],
        pathValues: random() < hardness ? ['a', 'b', 'c'] : ['a', 'a', 'a'],
      };
    });
  }

  it("never lets a test fold's target outcomes or costs change that fold's decisions", () => {
    const tasks = syntheticTasks();
    const before = simulatePolicy(tasks, { checkpoint: 5, folds: 4, seed: 3 });
    const foldZero = new Set(
      before.decisions.filter((decision) => decision.fold === 0).map((decision) => decision.task),
    );
    const perturbed = tasks.map((task) =>
      foldZero.has(task.task)
        ? { ...task, isTargetSolved: !task.isTargetSolved, targetCost: task.targetCost * 3 + 1 }
        : task,
    );
    const after = simulatePolicy(perturbed, { checkpoint: 5, folds: 4, seed: 3 });
    const afterByTask = new Map(after.decisions.map((decision) => [decision.task, decision]));
    for (const decision of before.decisions.filter((candidate) => foldZero.has(candidate.task))) {
      expect(afterByTask.get(decision.task)).toEqual(decision);
    }
    // The perturbation is real: the other folds trained on it, so their scores moved.
    const moved = before.decisions.filter(
      (decision) =>
        !foldZero.has(decision.task) && afterByTask.get(decision.task)?.scores.policy !== decision.scores.policy,
    );
    expect(moved.length).toBeGreaterThan(0);
  });
});
