// Turns the JSON lines of `npm run cli -- predictor eval ... --json` into the Markdown table of
// docs/BENCHMARKS.md:  npx tsx bench/formatPredictorEval.ts < results.jsonl
import { createInterface } from 'node:readline';

type Line = {
  k: number;
  mode: string;
  tasks: number;
  accuracy: number;
  auroc: number;
  aupr: number;
  precision: number;
  recall: number;
  specificity: number;
  fprAt95Tpr: number;
  baselines: { majority: { accuracy: number }; stats: { accuracy: number; auroc: number; aupr: number } };
};

const f = (value: number): string => (Number.isFinite(value) ? value.toFixed(3) : '–');
const mark = (gcn: number, stats: number): string => (gcn > stats ? `**${f(gcn)}**` : f(gcn));

console.log(
  '| mode | k | tasks | GCN acc | GCN ROC-AUC | GCN AUPR | precision | recall | specificity | FPR@95%TPR | majority acc | stats acc | stats ROC-AUC | stats AUPR |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for await (const text of createInterface({ input: process.stdin })) {
  if (text.trim() === '') continue;
  const line = JSON.parse(text) as Line;
  const stats = line.baselines.stats;
  console.log(
    `| ${line.mode} | ${line.k} | ${line.tasks} | ${mark(line.accuracy, stats.accuracy)} | ${mark(line.auroc, stats.auroc)} | ${mark(line.aupr, stats.aupr)} | ${f(line.precision)} | ${f(line.recall)} | ${f(line.specificity)} | ${f(line.fprAt95Tpr)} | ${f(line.baselines.majority.accuracy)} | ${f(stats.accuracy)} | ${f(stats.auroc)} | ${f(stats.aupr)} |`,
  );
}
