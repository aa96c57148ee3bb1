import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Lints made-up files in each folder with the project's real ESLint config, to prove that the
// folder boundaries of STYLE.md fail the build rather than relying on review. The probe files do
// not exist on disk, so the type-aware rules (which need a file in a tsconfig) are switched off.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('folder boundaries', () => {
  it.each([
    ['electron/core/boundaryProbe.ts', "import { app } from 'electron';\nexport const probe = app;\n"],
    ['electron/core/boundaryProbe.ts', "import { useState } from 'react';\nexport const probe = useState;\n"],
    ['shared/boundaryProbe.ts', "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n"],
    [
      'shared/boundaryProbe.ts',
      "import { createEngine } from '#core/engine.ts';\nexport const probe = createEngine;\n",
    ],
    [
      'renderer/src/boundaryProbe.ts',
      "import { createEngine } from '#core/engine.ts';\nexport const probe = createEngine;\n",
    ],
    ['renderer/src/boundaryProbe.ts', "import { ipcRenderer } from 'electron';\nexport const probe = ipcRenderer;\n"],
    [
      'electron/main/boundaryProbe.ts',
      "import { openDatabase } from '#core/db/openDatabase.ts';\nexport const probe = openDatabase;\n",
    ],
    [
      'electron/preload/boundaryProbe.ts',
      "import { requestSchemas } from '#shared/ipc/schemas.ts';\nexport const probe = requestSchemas;\n",
    ],
  ])('refuses the forbidden import in %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it.each([
    ['electron/core/boundaryProbe.ts', "import { ok } from '#shared/result.ts';\nexport const probe = ok;\n"],
    [
      'electron/main/boundaryProbe.ts',
      "import { createEngine } from '#core/engine.ts';\nexport const probe = createEngine;\n",
    ],
    ['renderer/src/boundaryProbe.ts', "import { ok } from '#shared/result.ts';\nexport const probe = ok;\n"],
    [
      'electron/preload/boundaryProbe.ts',
      "import { invokeChannels } from '#shared/ipc/channels.ts';\nexport const probe = invokeChannels;\n",
    ],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
