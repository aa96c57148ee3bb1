import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Lints made-up files with the project's real ESLint config to prove STYLE.md's size limits fail
// lint in the runtime (files up to 400 lines, functions up to 120) and leave the lab alone. The
// probe files do not exist on disk, so the type-aware rules are switched off.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] });

async function sizeRules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .map((message) => message.ruleId ?? '')
    .filter((rule) => rule === 'max-lines' || rule === 'max-lines-per-function');
}

/** A file of `lines` lines: constants, with a blank line and a comment among them (both counted). */
function fileOf(lines: number): string {
  const body = Array.from({ length: lines - 2 }, (_, index) => `export const c${index} = ${index};`);
  return ['// a comment', '', ...body].join('\n') + '\n';
}

/** A file holding one function of `lines` lines, braces included. */
function functionOf(lines: number): string {
  const body = Array.from({ length: lines - 4 }, (_, index) => `  total += ${index};`);
  return ['export function probe(): number {', '  let total = 0;', ...body, '  return total;', '}'].join('\n') + '\n';
}

const runtime = [
  'electron/core/sizeProbe.ts',
  'electron/core/tasks/sizeProbe.ts',
  'electron/main/sizeProbe.ts',
  'electron/web/sizeProbe.ts',
  'electron/cli/sizeProbe.ts',
  'shared/sizeProbe.ts',
  'renderer/src/sizeProbe.ts',
  'renderer/src/screens/SizeProbe.tsx',
];

describe('size limits', () => {
  it.each(runtime)('refuses a 401-line file and a 121-line function in %s', async (filePath) => {
    expect(await sizeRules(filePath, fileOf(401))).toEqual(['max-lines']);
    expect(await sizeRules(filePath, functionOf(121))).toEqual(['max-lines-per-function']);
  });

  it.each(runtime)('accepts a 400-line file and a 120-line function in %s', async (filePath) => {
    expect(await sizeRules(filePath, fileOf(400))).toEqual([]);
    expect(await sizeRules(filePath, functionOf(120))).toEqual([]);
  });

  it('leaves the lab alone', async () => {
    expect(await sizeRules('electron/lab/sizeProbe.ts', fileOf(401))).toEqual([]);
    expect(await sizeRules('electron/lab/llm/sizeProbe.ts', functionOf(121))).toEqual([]);
  });
});
