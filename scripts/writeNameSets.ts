// Writes the multi-script name set: test/fixtures/redaction/names/multiscript.jsonl.
//   node --import tsx scripts/writeNameSets.ts [--count 600 --seed 2026]
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { multiScriptNameSet } from '#lab/redaction/multiScriptNameSet.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '600' }, seed: { type: 'string', default: '2026' } },
});
const folder = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'redaction', 'names');
mkdirSync(folder, { recursive: true });
const rows = multiScriptNameSet(Number(values.count), Number(values.seed));
writeFileSync(path.join(folder, 'multiscript.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
console.log(
  `${rows.length} sentences, ${rows.reduce((sum, row) => sum + row.spans.length, 0)} names -> ${folder}/multiscript.jsonl`,
);
