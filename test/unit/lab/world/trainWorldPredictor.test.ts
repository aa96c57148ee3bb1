import { describe, expect, it } from 'vitest';
import type { CheckpointState, PathSnapshot } from '#core/agent/runTask.ts';
import { createPricing } from '#core/budget/priceTable.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { operatingPointNames, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import {
  chooseHotswapMode,
  policyCheckpoint,
  type ModeThresholds,
  type PolicyCheckpointContext,
} from '#core/tasks/policyCheckpoint.ts';
import { calibrateModeChoice, type ModeChoiceTask } from '#lab/world/calibrateModeChoice.ts';
import { fitWorldPredictor, onePathCost, type WorldTrainingTask } from '#lab/world/trainWorldPredictor.ts';
import { worldCheckpointFeatureNames, worldCheckpointFeatures } from '#lab/world/worldCheckpointFeatures.ts';

/** A path that called calc on `calls` and answered `answer` (null: paused). */
function path(index: number, calls: readonly string[], answer: string | null): PathSnapshot {
  const messages: Transcript['messages'][number][] = [
    { role: 'system', text: 'calc' },
    { role: 'user', text: 'What is 12+30*2?' },
  ];
  calls.forEach((expr, step) => {
    const id = `c${step}`;
    messages.push({ role: 'assistant', text: '', toolCalls: [{ id, name: 'calc', arguments: { expr } }] });
    messages.push({
      role: 'tool',
      callId: id,
      name: 'calc',
      result: expr === '30*2' ? 60 : expr === '12+60' ? 72 : 'error: bad',
    });
  });
  if (answer !== null) messages.push({ role: 'assistant', text: answer, toolCalls: [] });
  return {
    index,
    transcript: { tools: [], messages },
    steps: calls.length,
    status: answer === null ? 'paused' : 'answered',
    answer,
    providerId: 'source',
    calls: calls.map((expr) => ({ name: 'calc', arguments: { expr } })),
  };
}

const state = (paths: readonly PathSnapshot[]): CheckpointState => ({
  strategy: 'parallel',
  checkpoint: 2,
  paths,
  stepBudget: 4,
  tokensSoFar: { in: 1000, out: 100 },
});

const agreeing = state([0, 1, 2, 3, 4].map((index) => path(index, ['30*2', '12+60'], 'The answer is 72.')));
const scattered = state([
  path(0, ['30*2', '30*2'], null),
  path(1, ['12+30'], 'The answer is 84.'),
  path(2, ['1/0'], null),
  path(3, ['30*2'], 'It is 61.'),
  path(4, [], null),
]);

/** Training tasks whose failures are the scattered kind, successes the agreeing kind (with some noise). */
function trainingTasks(): WorldTrainingTask[] {
  const good = worldCheckpointFeatures(agreeing);
  const bad = worldCheckpointFeatures(scattered);
  return Array.from({ length: 60 }, (_, index) => {
    const isFailure = index % 3 === 0;
    const isNoisy = index % 10 === 9;
    return {
      taskId: `t${index}`,
      features: (isFailure !== isNoisy ? bad : good).map((value, column) => value + ((index * (column + 1)) % 7) / 100),
      isSourceFailure: isFailure,
      isHotswapSuccess: index % 2 === 0,
      continueCost: 0,
      escalateCost: 0.0003,
      targetCost: 0.001,
    };
  });
}

const context: PolicyCheckpointContext = {
  operatingPoint: 'balanced',
  privacyMode: 'auto-redact',
  remainingBudget: null,
  cloudModel: 'atropos-world-target',
  pricing: createPricing(),
  modes: ['parallel', 'selective'],
  selectCount: 1,
  maxTokens: 256,
};

describe('worldCheckpointFeatures', () => {
  it('reads agreement, statuses, errors, loops and unsupported answers from the checkpoint alone', () => {
    const named = (features: number[]) =>
      Object.fromEntries(worldCheckpointFeatureNames.map((name, column) => [name, features[column]]));
    expect(named(worldCheckpointFeatures(agreeing))).toMatchObject({
      agreement: 1,
      answeredShare: 1,
      toolErrorsPerPath: 0,
      loopingShare: 0,
      operators: 2,
      unsupportedAnswerShare: 0,
    });
    expect(named(worldCheckpointFeatures(scattered))).toMatchObject({
      answeredShare: 0.4,
      pausedShare: 0.6,
      toolErrorsPerPath: 0.4,
      loopingShare: 0.2,
      unsupportedAnswerShare: 0.4,
    });
  });
});

describe('fitWorldPredictor', () => {
  it('scores the scattered state as the likelier failure and calibrates monotone thresholds', () => {
    const predictor = fitWorldPredictor(trainingTasks());
    expect(predictor.estimate(scattered).failureProbability).toBeGreaterThan(
      predictor.estimate(agreeing).failureProbability,
    );
    const thresholds = operatingPointNames.map((point) => predictor.thresholds.byPoint[point]);
    thresholds.slice(1).forEach((value, index) => expect(value).toBeLessThanOrEqual(thresholds[index] as number));
  });

  it('makes policyCheckpoint decide by the predictor, and by agreement without one', () => {
    const predictor = fitWorldPredictor(trainingTasks());
    const trained = policyCheckpoint(agreeing, { ...context, operatingPoint: 'save-most', predictor });
    expect(trained.explanation.decidedBy).toBe('predictor');
    expect(trained.action).toBe('continue');
    expect(policyCheckpoint(scattered, { ...context, operatingPoint: 'save-most', predictor }).action).toBe(
      'escalate-selective',
    );
    expect(policyCheckpoint(agreeing, context).explanation.decidedBy).toBe('cold-start: agreement across paths');
  });
});

describe('onePathCost', () => {
  it("reads the points' cost shares in one target path per task, not the target's vote of R paths", () => {
    const pathOf = (costUsd: number) => ({
      status: 'answered' as const,
      answer: null,
      isCorrect: true,
      isCloud: true,
      costUsd,
      steps: 2,
    });
    const vote = {
      isCorrect: true,
      answer: null,
      costUsd: 10,
      localTokens: 0,
      milliseconds: 1,
      cloudPaths: 4,
      fallbacks: 0,
    };
    expect(onePathCost({ ...vote, paths: [1, 2, 3, 4].map(pathOf) })).toBe(2.5);
    expect(onePathCost(vote)).toBe(10);
  });
});

describe('calibrateModeChoice', () => {
  /** Failures the selective hotswap fixes (cheap), failures only the parallel one fixes (dear), and successes. */
  const tasks = (): ModeChoiceTask[] =>
    Array.from({ length: 30 }, (_, index) => {
      const kind = index % 3;
      return {
        failureProbability: kind === 2 ? 0.1 : 0.9,
        modeSuccess: { selective: kind === 0 ? 0.9 : 0.1, parallel: 0.9 },
        continueCost: 0,
        isSourceSuccess: kind === 2,
        modeCost: { selective: 0.1, parallel: 0.5 },
        isModeSuccess: { selective: kind !== 1, parallel: true },
        targetCost: 1,
      };
    });

  it('hands one path over where that suffices and every path only where the point can pay for it', () => {
    const thresholds = calibrateModeChoice(tasks(), { modes: ['selective', 'parallel'] });
    const order = ['selective', 'parallel'] as const;
    const take = (point: OperatingPointName, task: ModeChoiceTask) =>
      chooseHotswapMode(task.failureProbability, task.modeSuccess, thresholds[point], order);
    const [selectiveFix, parallelFix, success] = tasks() as [ModeChoiceTask, ModeChoiceTask, ModeChoiceTask];
    // save-most (15% of the target's bill): the ten selective escalations cost 3.3%, the parallel ones 16.7% more.
    expect([take('save-most', selectiveFix), take('save-most', parallelFix), take('save-most', success)]).toEqual([
      'selective',
      null,
      null,
    ]);
    expect([take('save-more', selectiveFix), take('save-more', parallelFix), take('save-more', success)]).toEqual([
      'selective',
      'parallel',
      null,
    ]);
  });

  it('trains the parallel output and per-point mode thresholds with modeChoice', () => {
    const withParallel = trainingTasks().map((task, index) => ({
      ...task,
      parallel: { isSuccess: index % 4 !== 1, cost: 0.0009 },
    }));
    const predictor = fitWorldPredictor(withParallel, { modeChoice: true });
    expect(Object.keys(predictor.modeThresholds ?? {})).toEqual([...operatingPointNames]);
    expect(Object.keys(predictor.estimate(scattered).modeSuccessProbabilities ?? {})).toEqual([
      'selective',
      'parallel',
    ]);
    expect(fitWorldPredictor(trainingTasks()).modeThresholds).toBeUndefined();
  });

  it('makes policyCheckpoint escalate in the mode the predictor picks for the task', () => {
    const base = fitWorldPredictor(trainingTasks());
    const predictor = {
      ...base,
      estimate: () => ({
        failureProbability: 0.9,
        targetSuccessProbability: 0.1,
        modeSuccessProbabilities: { selective: 0.1, parallel: 0.9 },
      }),
      modeThresholds: Object.fromEntries(
        operatingPointNames.map((point) => [point, { selective: 0.5, parallel: 0.5 }]),
      ) as ModeThresholds,
    };
    const decision = policyCheckpoint(scattered, { ...context, operatingPoint: 'save-most', predictor });
    expect(decision.action).toBe('escalate-parallel');
    expect(decision.explanation.facts).toMatchObject({ chosenMode: 'parallel', scoreKind: 'rescue' });
    const unlikely = { ...predictor, estimate: () => ({ ...predictor.estimate(), failureProbability: 0.2 }) };
    expect(
      policyCheckpoint(scattered, { ...context, operatingPoint: 'save-most', predictor: unlikely }).action,
    ).not.toMatch(/^escalate/);
  });
});
