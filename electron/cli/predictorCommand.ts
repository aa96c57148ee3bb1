import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import { evaluatePredictor, type CheckpointEvaluation, type PredictorMode } from '#lab/predictor/evaluatePredictor.ts';
import { saveGcnCheckpoint } from '#core/predictor/gcn/saveGcnCheckpoint.ts';
import { trainGcnPredictor } from '#core/predictor/gcn/trainGcnPredictor.ts';
import { readTrajectoriesJsonl } from '#lab/predictor/readTrajectories.ts';
import type { Command } from './Command.ts';
import { wholeNumber } from './options.ts';
import { createProgressLine } from './progressLine.ts';

const usage = `predictor eval --data FILE [--mode parallel|sequential] [--k 1,2,3,4,5,10] [--folds 5] [--seed 42] [--members 5] [--json]
  predictor eval --train FILE --test FILE2 [same options]
  predictor train --data FILE --out DIR [--mode ...] [--k ...] [--seed 42] [--members 5] [--evaluate [--folds 5]]`;

function parseKs(value: string): number[] {
  const ks = value.split(',').map((part) => Number(part.trim()));
  if (ks.length === 0 || ks.some((k) => !Number.isInteger(k) || k < 0 || k > 100)) {
    throw new InvalidRequestError(`--k takes whole numbers from 0 to 100 separated by commas, not "${value}".`);
  }
  return ks;
}

function parseMode(value: string): PredictorMode {
  if (value !== 'parallel' && value !== 'sequential') {
    throw new InvalidRequestError(`--mode is parallel or sequential, not "${value}".`);
  }
  return value;
}

/** The JSON line the scripts read, with every metric. */
function toJsonLine(evaluation: CheckpointEvaluation): string {
  const { gcn, baselines } = evaluation;
  return JSON.stringify({
    k: evaluation.k,
    mode: evaluation.mode,
    tasks: evaluation.tasks,
    failureRate: evaluation.failureRate,
    accuracy: gcn.accuracy,
    auroc: gcn.rocAuc,
    aupr: gcn.averagePrecision,
    precision: gcn.precision,
    recall: gcn.recall,
    specificity: gcn.specificity,
    fprAt95Tpr: gcn.falsePositiveRateAt95Recall,
    calibration: gcn.calibration,
    baselines: {
      majority: { accuracy: baselines.majority.accuracy },
      stats: {
        accuracy: baselines.stats.accuracy,
        auroc: baselines.stats.rocAuc,
        aupr: baselines.stats.averagePrecision,
      },
    },
  });
}

const header = 'k   tasks  acc    auroc  aupr   prec   recall spec   | majority acc | stats acc  auroc';
function toTableRow(evaluation: CheckpointEvaluation): string {
  const { gcn, baselines } = evaluation;
  const f = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : '  -  ').padEnd(6);
  return `${String(evaluation.k).padEnd(3)} ${String(evaluation.tasks).padEnd(6)} ${f(gcn.accuracy)} ${f(gcn.rocAuc)} ${f(gcn.averagePrecision)} ${f(gcn.precision)} ${f(gcn.recall)} ${f(gcn.specificity)} | ${f(baselines.majority.accuracy)}       | ${f(baselines.stats.accuracy)}     ${f(baselines.stats.rocAuc)}`;
}

/** `npm run cli -- predictor ...`: evaluate and train the failure predictor on recorded runs. */
export const predictorCommand: Command = {
  name: 'predictor',
  summary: 'Evaluate (cross-validated, with baselines) or train the GCN failure predictor on trajectory JSONL.',
  usage,
  async run({ args, print }) {
    const { positionals, values } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        train: { type: 'string' },
        test: { type: 'string' },
        out: { type: 'string' },
        mode: { type: 'string', default: 'parallel' },
        k: { type: 'string', default: '1,2,3,4,5,10' },
        folds: { type: 'string', default: '5' },
        seed: { type: 'string', default: '42' },
        members: { type: 'string', default: '5' },
        json: { type: 'boolean', default: false },
        evaluate: { type: 'boolean', default: false },
      },
    });
    const [verb] = positionals;
    const mode = parseMode(values.mode);
    const ks = parseKs(values.k);
    const seed = wholeNumber(values.seed, 'seed', 1);
    const members = wholeNumber(values.members, 'members', 1);
    const progress = createProgressLine();
    if (verb === 'eval') {
      const trainFile = values.data ?? values.train;
      if (trainFile === undefined)
        throw new InvalidRequestError(`predictor eval needs --data FILE (or --train FILE --test FILE2).\n${usage}`);
      const trajectories = await readTrajectoriesJsonl(trainFile);
      const testSet = values.test === undefined ? undefined : await readTrajectoriesJsonl(values.test);
      const folds = testSet === undefined ? wholeNumber(values.folds, 'folds', 1) : 1;
      const total = ks.length * folds;
      let done = 0;
      if (!values.json) print(header);
      await evaluatePredictor(
        trajectories,
        {
          mode,
          ks,
          folds,
          seed,
          testSet,
          gcn: { members },
          onProgress: ({ k, fold }) => progress.update(++done, total, `k=${k} fold ${fold}/${folds}`),
        },
        (evaluation) => print(values.json ? toJsonLine(evaluation) : toTableRow(evaluation)),
      );
      progress.done();
    } else if (verb === 'train') {
      if (values.data === undefined || values.out === undefined)
        throw new InvalidRequestError(`predictor train needs --data FILE and --out DIR.\n${usage}`);
      const trajectories = await readTrajectoriesJsonl(values.data);
      mkdirSync(values.out, { recursive: true });
      progress.update(0, ks.length, 'training');
      const folds = wholeNumber(values.folds, 'folds', 1);
      for (const [index, k] of ks.entries()) {
        // With --evaluate, the same configuration is first cross-validated on the file (test folds
        // pooled), and the scores and ROC curve are stored with the checkpoint for the app to show.
        const [scored] = values.evaluate
          ? await evaluatePredictor(trajectories, { mode, ks: [k], folds, seed, gcn: { members } })
          : [];
        const { predictor, outOfFold } = await trainGcnPredictor(trajectories, { k, mode, seed, members });
        const file = path.join(values.out, `${mode}-k${k}.json`);
        try {
          await saveGcnCheckpoint(file, {
            ...predictor.toCheckpoint(new Date().toISOString()),
            ...(scored === undefined
              ? {}
              : {
                  evaluation: {
                    data: `${path.basename(values.data)}, ${folds} folds by task, seed ${seed}`,
                    tasks: scored.tasks,
                    accuracy: scored.gcn.accuracy,
                    rocAuc: scored.gcn.rocAuc,
                    averagePrecision: scored.gcn.averagePrecision,
                    precision: scored.gcn.precision,
                    recall: scored.gcn.recall,
                    statsBaselineAccuracy: scored.baselines.stats.accuracy,
                    majorityAccuracy: scored.baselines.majority.accuracy,
                    rocCurve: scored.gcn.rocCurve,
                  },
                }),
          });
        } finally {
          predictor.dispose();
        }
        progress.update(index + 1, ks.length, `k=${k} saved ${file}`);
        print(JSON.stringify({ k, mode, file, outOfFold }));
      }
      progress.done();
    } else {
      throw new InvalidRequestError(`Usage: ${usage}`);
    }
  },
};
