// `npm test`: every check the project has, in order, with one closing summary line that CI reads:
//   typecheck -> lint -> format -> build -> unit and end-to-end tests (vitest).
// Every step runs even when an earlier one fails, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { summarizeVitestReport, summaryLine } from './testSummary.mjs';

const artifacts = 'test-artifacts';
const report = path.join(artifacts, 'vitest.json');
mkdirSync(artifacts, { recursive: true });
rmSync(report, { force: true });

const steps = [
  ['typecheck', 'npx', ['tsc', '-b']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['build', 'npm', ['run', '--silent', 'build']],
  ['tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]],
];

const outcomes = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  outcomes.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
}

const tests = existsSync(report) ? summarizeVitestReport(JSON.parse(readFileSync(report, 'utf8'))) : null;
// A failed check (typecheck, lint, ...) counts as a failed test, so the closing line never says
// "0 failed" while something is broken.
const failedChecks = outcomes.filter((outcome) => !outcome.ok && outcome.name !== 'tests');

console.log('\n=== summary');
for (const outcome of outcomes) {
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.name.padEnd(10)} ${outcome.seconds.toFixed(1)} s`);
}
for (const file of tests?.failedFiles ?? []) console.log(`FAIL ${file} (failed outside its tests, e.g. in beforeAll)`);
console.log(summaryLine(tests, failedChecks.length));
process.exit(outcomes.every((outcome) => outcome.ok) && tests !== null && tests.failed === 0 ? 0 : 1);
