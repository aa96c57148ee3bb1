// Speed of the learned name recogniser alone (issue 15): loading the model, and detectNames on
// 10,000-character documents cut from the evaluation set and the negative set.
//   node --import tsx bench/nameRecogniserSpeed.ts [--runs 200]
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
const fixtures = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'redaction');
const texts = (file: string) =>
  readFileSync(path.join(fixtures, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text);

const importStarted = performance.now();
const { defaultNameTagger, detectNames } = await import('#core/privacy/names/detectNames.ts');
const imported = performance.now();
defaultNameTagger();
const built = performance.now();
console.log(
  `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores; model import ${(imported - importStarted).toFixed(0)} ms (JSON parse and module load), tagger build ${(built - imported).toFixed(0)} ms`,
);
console.log(`${runs} calls of detectNames on 10,000-character documents per kind`);
// CPU time (user + system of this process) as well as wall time: on a shared machine the wall time
// includes waiting for a core.
console.log('| document | names per document | median ms | p95 ms | median CPU ms |');
console.log('|---|---|---|---|---|');
for (const [kind, file] of [
  ['entity-dense (evaluation texts)', 'eval.jsonl'],
  ['code and prose (negative texts)', 'negatives.jsonl'],
] as const) {
  const source = texts(file);
  const documents = Array.from({ length: 20 }, (_, index) => {
    let document = '';
    for (let cursor = index * 7; document.length < 10_000; cursor++)
      document += `${source[cursor % source.length]}\n\n`;
    return document.slice(0, 10_000);
  });
  for (const document of documents.slice(0, 5)) detectNames(document);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let names = 0;
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    names += detectNames(documents[run % documents.length] ?? '').length;
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const at = (values: number[], q: number) =>
    ([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0).toFixed(2);
  console.log(
    `| ${kind} | ${(names / runs).toFixed(0)} | ${at(times, 0.5)} | ${at(times, 0.95)} | ${at(cpuTimes, 0.5)} |`,
  );
}
