// Benchmark of the predictor's speed (issue: "one decision for 10 paths of 20 steps under 2 ms
// median; training all k checkpoints on the D4J file under 5 minutes").
//   npm run bench:predictor -- [--data FILE] [--k 1,2,3,4,5,10] [--skip-training]
// Prints a table of decision times and of training time per checkpoint k.
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FlowStep } from '#core/graph/FlowStep.ts';
import { SemanticFlowGraph } from '#core/graph/SemanticFlowGraph.ts';
import { trainGcnPredictor } from '#core/predictor/gcn/trainGcnPredictor.ts';
import { readTrajectoriesJsonl } from '#lab/predictor/readTrajectories.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.join('..', 'shared', 'data', 'autofl-d4j-gpt35.jsonl') },
    k: { type: 'string', default: '1,2,3,4,5,10' },
    paths: { type: 'string', default: '10' },
    steps: { type: 'string', default: '20' },
    'skip-training': { type: 'boolean', default: false },
  },
});
const pathCount = Number(values.paths);
const stepCount = Number(values.steps);
const ks = values.k.split(',').map(Number);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const trajectories = await readTrajectoriesJsonl(values.data);
console.log(`data: ${values.data} (${trajectories.length} tasks)`);

// Real steps to replay: path p of the synthetic task takes the steps of recorded runs in turn,
// so the graph sees real tools, signatures and results, as many as 10 x 20 asks for.
const allSteps: FlowStep[] = trajectories.flatMap((trajectory) => trajectory.runs.flatMap((run) => run.steps));

const training = performance.now();
const { predictor } = await trainGcnPredictor(trajectories, { k: 5, mode: 'parallel', seed: 42 });
console.log(`trained the k=5 predictor used for decisions in ${((performance.now() - training) / 1000).toFixed(1)} s`);

const decisionTimes: number[] = [];
const updateTimes: number[] = [];
for (let trial = 0; trial < 5; trial++) {
  const flow = new SemanticFlowGraph(predictor.setting.featureConfig.graph);
  let cursor = trial * 997;
  for (let step = 0; step < stepCount; step++) {
    for (let pathIndex = 0; pathIndex < pathCount; pathIndex++) {
      const next = allSteps[cursor++ % allSteps.length];
      if (next === undefined) throw new Error('no steps in the data');
      const started = performance.now();
      flow.apply({ pathId: String(pathIndex), type: 'step', step: next });
      const updated = performance.now();
      predictor.predictFlow(flow, { pathCount });
      const decided = performance.now();
      updateTimes.push(updated - started);
      decisionTimes.push(decided - started);
    }
  }
}
predictor.dispose();
const decisions = [...decisionTimes].sort((a, b) => a - b);
const updates = [...updateTimes].sort((a, b) => a - b);
console.log(
  `\ndecision = graph update for one new step + GCN forward (5-member ensemble), ${pathCount} paths x ${stepCount} steps, 5 trials`,
);
console.log('| measure | median ms | p90 ms | max ms | decisions |');
console.log('|---|---|---|---|---|');
console.log(
  `| graph update only | ${quantile(updates, 0.5).toFixed(3)} | ${quantile(updates, 0.9).toFixed(3)} | ${(updates.at(-1) ?? 0).toFixed(3)} | ${updates.length} |`,
);
console.log(
  `| update + forward | ${quantile(decisions, 0.5).toFixed(3)} | ${quantile(decisions, 0.9).toFixed(3)} | ${(decisions.at(-1) ?? 0).toFixed(3)} | ${decisions.length} |`,
);

if (!values['skip-training']) {
  console.log('\ntraining every checkpoint on all tasks (5 members each):');
  console.log('| k | seconds | out-of-fold ROC-AUC |');
  console.log('|---|---|---|');
  const all = performance.now();
  for (const k of ks) {
    const started = performance.now();
    const trained = await trainGcnPredictor(trajectories, { k, mode: 'parallel', seed: 42 });
    trained.predictor.dispose();
    console.log(
      `| ${k} | ${((performance.now() - started) / 1000).toFixed(1)} | ${trained.outOfFold.rocAuc.toFixed(3)} |`,
    );
  }
  console.log(`| all | ${((performance.now() - all) / 1000).toFixed(1)} | |`);
}
