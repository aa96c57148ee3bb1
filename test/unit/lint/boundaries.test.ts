import path from 'node:path';
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
    // Nothing in the engine reaches the network around the egress gate.
    ['electron/core/boundaryProbe.ts', "import { request } from 'node:https';\nexport const probe = request;\n"],
    ['electron/core/boundaryProbe.ts', "import OpenAI from 'openai';\nexport const probe = OpenAI;\n"],
    ['electron/core/tasks/boundaryProbe.ts', "import { connect } from 'node:net';\nexport const probe = connect;\n"],
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
    // The runtime never imports the lab (training, GGUF writing, bench world, model server, evaluation).
    ...[
      'electron/core/boundaryProbe.ts',
      'electron/core/tasks/boundaryProbe.ts',
      'electron/core/llm/providers/OpenAiCompatibleProvider.ts',
      'electron/main/boundaryProbe.ts',
      'electron/web/boundaryProbe.ts',
      'electron/host/boundaryProbe.ts',
      'electron/preload/boundaryProbe.ts',
      'renderer/src/boundaryProbe.ts',
      'shared/boundaryProbe.ts',
    ].flatMap((filePath): [string, string][] => [
      [filePath, "import { benchWorld } from '#lab/world/benchWorld.ts';\nexport const probe = benchWorld;\n"],
      [
        filePath,
        `import { trainLlama } from '${path.posix.relative(path.posix.dirname(filePath), 'electron/lab/llm/training/trainLlama.ts')}';\nexport const probe = trainLlama;\n`,
      ],
    ]),
  ])('refuses the forbidden import in %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).not.toEqual([]);
  });

  it('refuses the global fetch in the engine', async () => {
    const [result] = await eslint.lintText('export const probe = fetch;\n', {
      filePath: 'electron/core/boundaryProbe.ts',
    });
    expect(result?.messages.map((message) => message.ruleId)).toContain('no-restricted-globals');
  });

  it.each([
    ['electron/core/boundaryProbe.ts', "import { ok } from '#shared/result.ts';\nexport const probe = ok;\n"],
    [
      'electron/core/llm/providers/OpenAiCompatibleProvider.ts',
      "import OpenAI from 'openai';\nexport const probe = OpenAI;\n",
    ],
    ['electron/core/privacy/boundaryProbe.ts', "import { isIPv6 } from 'node:net';\nexport const probe = isIPv6;\n"],
    [
      'electron/main/boundaryProbe.ts',
      "import { createEngine } from '#core/engine.ts';\nexport const probe = createEngine;\n",
    ],
    ['renderer/src/boundaryProbe.ts', "import { ok } from '#shared/result.ts';\nexport const probe = ok;\n"],
    [
      'electron/preload/boundaryProbe.ts',
      "import { invokeChannels } from '#shared/ipc/channels.ts';\nexport const probe = invokeChannels;\n",
    ],
    // The lab and the CLI (the bench harness) may use the lab; the lab may use the runtime.
    [
      'electron/cli/boundaryProbe.ts',
      "import { benchWorld } from '#lab/world/benchWorld.ts';\nexport const probe = benchWorld;\n",
    ],
    [
      'electron/lab/boundaryProbe.ts',
      "import { runTask } from '#core/agent/runTask.ts';\nexport const probe = runTask;\n",
    ],
  ])('allows the permitted import in %s', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
