// Benchmark of the redactor's speed (issue 6: "redacting a 10 kB document takes under 20 ms median").
//   node --import tsx bench/redactionSpeed.ts [--runs 200]
// Builds 10 kB documents from the evaluation set (entity-dense) and from the negative set (plain
// code and prose), redacts each many times and prints median and p95 per document kind.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { Redactor } from '#core/privacy/Redactor.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
const fixtures = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'redaction');
const texts = (file: string) =>
  readFileSync(path.join(fixtures, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text);

/** Documents of exactly `size` characters made of consecutive texts, starting at different offsets. */
function documents(source: readonly string[], size: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    let document = '';
    for (let cursor = index * 7; document.length < size; cursor++)
      document += `${source[cursor % source.length] ?? ''}\n\n`;
    return document.slice(0, size);
  });
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

// Wall time suffers when other processes share the cores; CPU time (this process's user + system)
// is printed beside it, with the load average, so a busy machine can be told from a slow redactor.
const configurations = [
  ['rule detectors', new Redactor({ detectNames: () => [] })],
  ['rules + name recogniser (default)', new Redactor()],
] as const;
console.log(`${runs} redactions of 10,000-character documents per kind (redact() with a fresh vault each time)`);
console.log(
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')} on ${availableParallelism()} cores`,
);
console.log('| redactor | document | entities per document | median ms | p95 ms | max ms | median CPU ms |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, redactor] of configurations) {
  for (const [kind, file] of [
    ['entity-dense (evaluation texts)', 'eval.jsonl'],
    ['code and prose (negative texts)', 'negatives.jsonl'],
  ] as const) {
    const docs = documents(texts(file), 10_000, 20);
    for (const doc of docs.slice(0, 5)) redactor.redact(doc); // warm up the regex engine
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let entities = 0;
    for (let run = 0; run < runs; run++) {
      const doc = docs[run % docs.length] ?? '';
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      const result = redactor.redact(doc, new RedactionVault());
      times.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuStarted);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      entities += result.spans.length;
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${kind} | ${(entities / runs).toFixed(0)} | ${quantile(times, 0.5).toFixed(2)} | ${quantile(times, 0.95).toFixed(2)} | ${(times.at(-1) ?? 0).toFixed(2)} | ${quantile(cpuTimes, 0.5).toFixed(2)} |`,
    );
  }
}
