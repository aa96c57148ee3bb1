// `npm test`: every check the project has, in order, with one closing summary line that CI reads:
//   typecheck -> lint -> format -> build -> unit and end-to-end tests (vitest).
// Every step runs even when an earlier one fails, so one run shows everything that is wrong.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

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

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
}
// A failed check (typecheck, lint, ...) counts as a failed test, so the closing line never says
// "0 failed" while something is broken.
const failedChecks = outcomes.filter((outcome) => !outcome.ok && outcome.name !== 'tests');
if (!existsSync(report)) failed += 1;

console.log('\n=== summary');
for (const outcome of outcomes) {
  console.log(`${outcome.ok ? 'ok  ' : 'FAIL'} ${outcome.name.padEnd(10)} ${outcome.seconds.toFixed(1)} s`);
}
console.log(`tests: ${passed} passed, ${failed + failedChecks.length} failed, ${skipped} skipped`);
process.exit(outcomes.every((outcome) => outcome.ok) ? 0 : 1);
