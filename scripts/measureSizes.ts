// Prints the runtime's files over 400 lines and functions over 120 lines (STYLE.md's limits), the
// measure behind issue 13's "no file of the runtime over 400 lines, no function over 120".
// Run: node --import tsx scripts/measureSizes.ts [folder ...]   (default: the runtime folders)
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const folders =
  process.argv.length > 2
    ? process.argv.slice(2)
    : ['electron/core', 'electron/main', 'electron/web', 'electron/host', 'electron/preload', 'shared', 'renderer'];
const maxFileLines = 400;
const maxFunctionLines = 120;

const files = folders.flatMap((folder) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.join(folder, file)),
);

const longFiles: [string, number][] = [];
const longFunctions: [string, string, number][] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > maxFileLines) longFiles.push([file, lines]);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const length = end - start + 1;
      if (length > maxFunctionLines) {
        const name = node.name !== undefined ? node.name.getText(source) : `(anonymous at line ${start + 1})`;
        longFunctions.push([file, name, length]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

console.log(`${files.length} files in ${folders.join(', ')}`);
console.log(`files over ${maxFileLines} lines: ${longFiles.length}`);
for (const [file, lines] of longFiles.sort((a, b) => b[1] - a[1])) console.log(`  ${lines}\t${file}`);
console.log(`functions over ${maxFunctionLines} lines: ${longFunctions.length}`);
for (const [file, name, lines] of longFunctions.sort((a, b) => b[2] - a[2]))
  console.log(`  ${lines}\t${file}\t${name}`);
