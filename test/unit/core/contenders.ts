import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';

/** What one contender printed last and how it exited. */
export type ContenderResult = { readonly code: number | null; readonly last: string; readonly stderr: string };

/**
 * Starts one real child process per argument list of test/fixtures/dataFolderContender.ts, waits
 * until all have loaded, then releases them at the same moment and collects their results.
 */
export async function runContenders(argLists: readonly (readonly string[])[]): Promise<ContenderResult[]> {
  const script = path.join(repositoryRoot, 'test', 'fixtures', 'dataFolderContender.ts');
  const children = argLists.map((args) =>
    spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repositoryRoot, stdio: 'pipe' }),
  );
  const lines = children.map((child) => createInterface({ input: child.stdout })[Symbol.asyncIterator]());
  const stderrs = children.map((child) => {
    let text = '';
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return () => text;
  });
  const exits = children.map(
    (child) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))),
  );
  const ready = await Promise.all(lines.map((iterator) => iterator.next()));
  for (const [index, line] of ready.entries()) {
    if (line.value !== 'ready') throw new Error(`contender ${index} did not start: ${stderrs[index]?.() ?? ''}`);
  }
  for (const child of children) child.stdin.end('go\n');
  return await Promise.all(
    children.map(async (_child, index) => {
      let last = '';
      for (;;) {
        const next = await lines[index]!.next();
        if (next.done === true) break;
        last = next.value;
      }
      return { code: await exits[index]!, last, stderr: stderrs[index]!() };
    }),
  );
}
