import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A `npm run start:web` process and the URL it printed. */
export type StartedWebHost = { url: string; dataDir: string; stop(): Promise<void> };

/**
 * Runs `npm run start:web` exactly as a person would (renderer build included), on a free port
 * with a fresh data folder, and resolves once it prints its URL.
 */
export async function startWebHost(timeoutMs = 180_000): Promise<StartedWebHost> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-web-'));
  const child: ChildProcess = spawn('npm', ['run', 'start:web', '--', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await exited;
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('start:web printed no URL in time')), timeoutMs);
    child.once('exit', (code) => reject(new Error(`start:web exited early with code ${code}`)));
    if (child.stdout === null) throw new Error('no stdout');
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
  return { url, dataDir, stop };
}
