// Steps without tools (issue 17.2): a path that reasons in text is cut into sentence steps that
// enter the flow graph as step nodes, so a cut at k steps judges it before its answer, and a GCN
// trained with text steps gives a live tool-less task a failure estimate mid-way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PathSnapshot } from '#core/agent/runTask.ts';
import { buildParallel } from '#core/graph/buildParallel.ts';
import { buildSequential } from '#core/graph/buildSequential.ts';
import { splitTextSteps, textStepTool, withTextSteps } from '#core/graph/textSteps.ts';
import type { GcnPredictor } from '#core/predictor/gcn/GcnPredictor.ts';
import { trainGcnPredictor } from '#core/predictor/gcn/trainGcnPredictor.ts';
import { createHistoryPredictor } from '#core/tasks/historyPredictor.ts';
import { operatingPointNames, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import { run, step } from './flowFixtures.ts';

const points = (value: number) =>
  Object.fromEntries(operatingPointNames.map((name) => [name, value])) as Record<OperatingPointName, number>;

const reasoning = [
  'The lease ends in March, so the notice period starts in December.',
  'Deposits are usually carried over to the renewed contract.',
  'Rent reviews tied to inflation are common in renewals!',
  'Therefore check notice, deposit and rent review before signing.',
].join(' ');

function nodesOf(graph: ReturnType<typeof buildParallel>, kind: 'step' | 'answer'): number {
  return graph.graph.filterNodes((_key, node) => node.kind === kind).length;
}

describe('splitTextSteps', () => {
  it('cuts at sentence ends and line breaks, keeps numbers whole, joins pieces under three words', () => {
    expect(splitTextSteps(reasoning)).toHaveLength(4);
    expect(splitTextSteps('First, 3.5 kg of flour goes in. Then bake it for an hour.')).toEqual([
      'First, 3.5 kg of flour goes in.',
      'Then bake it for an hour.',
    ]);
    expect(splitTextSteps('Steps:\n1. Read the notice clause\n2. Ask about the deposit')).toEqual([
      'Steps: 1. Read the notice clause',
      '2. Ask about the deposit',
    ]);
    expect(splitTextSteps('Yes.')).toEqual(['Yes.']);
    expect(splitTextSteps('  \n ')).toEqual([]);
  });

  it('gives text steps only to paths that answered in two sentences or more without a tool', () => {
    const trajectory: Trajectory = {
      task: 'open/1',
      model: 'test',
      success: null,
      runs: [
        run(1, [], reasoning),
        run(2, [step('calc', { expr: '1+1' })], reasoning),
        run(3, [], '42'),
        run(4, [], null),
      ],
    };
    const [text, tools, short, none] = withTextSteps(trajectory).runs;
    expect(text?.steps.map((item) => item.tool)).toEqual([textStepTool, textStepTool, textStepTool, textStepTool]);
    expect(text?.steps[0]?.args).toEqual({ text: 'The lease ends in March, so the notice period starts in December.' });
    expect(tools?.steps).toHaveLength(1);
    expect(short?.steps).toEqual([]);
    expect(none?.steps).toEqual([]);
  });
});

describe('text steps in the flow graph', () => {
  const oneTextPath: Trajectory = { task: 'open/2', model: 'test', success: null, runs: [run(1, [], reasoning)] };

  it('a tool-less path of N sentences becomes N step nodes, then its answer', () => {
    const graph = buildParallel(oneTextPath, 10, { tools: ['calc'], textSteps: true });
    expect(nodesOf(graph, 'step')).toBe(4);
    expect(nodesOf(graph, 'answer')).toBe(1);
    expect(buildSequential(oneTextPath, 1, { tools: ['calc'], textSteps: true }).graph.order).toBe(6);
  });

  it('is judged mid-way: cut at 2 steps it shows 2 step nodes and no answer yet', () => {
    const graph = buildParallel(oneTextPath, 2, { tools: ['calc'], textSteps: true });
    expect(nodesOf(graph, 'step')).toBe(2);
    expect(nodesOf(graph, 'answer')).toBe(0);
  });

  it('is off by default, so recorded tool data keeps its features', () => {
    const graph = buildParallel(oneTextPath, 2, { tools: ['calc'] });
    expect(nodesOf(graph, 'step')).toBe(0);
    expect(nodesOf(graph, 'answer')).toBe(1);
  });
});

describe('a prediction mid-way for tool-less paths', () => {
  // Succeeding tasks: three paths reason through the same points in other words; failing ones
  // wander off in different directions. Each path has five sentences; the predictor looks at two.
  const topics = ['lease', 'recipe', 'garden', 'invoice', 'holiday', 'printer', 'bicycle', 'passport'];
  const agreeing = (topic: string, variant: number) =>
    [
      `The ${topic} question depends on the first condition${variant}.`,
      `The ${topic} answer also depends on the second condition.`,
      `We compare both conditions for the ${topic} case.`,
      `Both hold here, version ${variant}.`,
      `So the ${topic} plan works as asked.`,
    ].join(' ');
  const wandering = (topic: string, variant: number) =>
    [
      `Perhaps ${['weather', 'colour', 'music'][variant] ?? 'luck'} matters most${variant}.`,
      `Maybe ${['taxes', 'planets', 'coffee'][variant] ?? 'chance'} changes everything here.`,
      `It is hard to say what ${topic} needs.`,
      `Several guesses remain open for now.`,
      `Possibly ${variant * 7} is the answer.`,
    ].join(' ');
  const task = (index: number): Trajectory => {
    const isSuccess = index % 2 === 0;
    const topic = `${topics[index % topics.length] ?? 'thing'}${index}`;
    const runs = [0, 1, 2].map((variant) =>
      run(variant + 1, [], isSuccess ? agreeing(topic, variant) : wandering(topic, variant)),
    );
    return { task: `open/${index}`, model: 'test', success: isSuccess, runs };
  };
  let predictor: GcnPredictor;

  beforeAll(async () => {
    const trained = await trainGcnPredictor(
      Array.from({ length: 24 }, (_, index) => task(index)),
      { k: 2, members: 2, seed: 5, graph: { textSteps: true }, training: { maxEpochs: 20, patience: 8, batchSize: 8 } },
    );
    predictor = trained.predictor;
  }, 120_000);
  afterAll(() => predictor.dispose());

  it('estimates a live task whose paths answered in text from their first two sentences', () => {
    const live = createHistoryPredictor({
      taskId: 'live',
      predictor,
      thresholds: {
        version: 1,
        scoreKind: 'failure',
        checkpoint: 2,
        targetLossRate: 0,
        byPoint: points(0.5),
        stopFailureProbability: null,
        validation: { tasks: 0, costShare: points(0), escalationRate: points(0) },
      },
      decidedBy: 'test predictor',
    });
    const snapshots = (trajectory: Trajectory): PathSnapshot[] =>
      trajectory.runs.map((item, index) => ({
        index,
        transcript: { tools: [], messages: [] },
        steps: 0,
        status: 'answered',
        answer: item.answer,
        providerId: 'local:test',
        calls: [],
      }));
    const good = live.failureProbability(snapshots(task(100)));
    const bad = live.failureProbability(snapshots(task(101)));
    for (const probability of [good, bad]) expect(probability).toBeGreaterThanOrEqual(0);
    expect(good).toBeLessThan(bad);
    expect(predictor.setting.featureConfig.graph.textSteps).toBe(true);
  });
});
