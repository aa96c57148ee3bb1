// `npm run cli -- serve` as a real process: it prints its URL once listening, answers the
// OpenAI-compatible provider over HTTP, and stops cleanly (exit code 0) on SIGTERM.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { OpenAiCompatibleProvider } from '#core/llm/providers/OpenAiCompatibleProvider.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';

it('serves the target fixture until SIGTERM', async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'electron/cli/main.ts',
      'serve',
      '--model',
      'models/fixtures/target.gguf',
      '--port',
      '0',
      '--api-key',
      'k',
    ],
    { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /Serving .* at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const tools = createWorldTools();
    const cloud = new OpenAiCompatibleProvider({
      baseUrl: `${url}/v1`,
      apiKey: 'k',
      model: 'target',
      fetch: globalThis.fetch,
    });
    const result = await cloud.continueTranscript(
      {
        tools: tools.definitions,
        messages: [
          { role: 'system', text: worldSystemPrompt },
          { role: 'user', text: 'What is 8*70?' },
        ],
      },
      { tools, stepBudget: 3, seed: 1, temperature: 0 },
    );
    expect(result).toMatchObject({ status: 'answered', answer: '560', steps: 1 });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/SIGTERM: stopping/);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
