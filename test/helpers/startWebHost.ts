import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** A `npm run start:web` process and the URL it printed. */
export type StartedWebHost = { url: string; dataDir: string; stop(): Promise<void> };

/**
 * Runs `npm run start:web` exactly as a person would (renderer build included), on a free port
 * with a fresh data folder (or `seededDataDir`, one a test has filled first), and resolves once it
 * prints its URL.
 */
export async function startWebHost(timeoutMs = 180_000, seededDataDir?: string): Promise<StartedWebHost> {
  const dataDir = seededDataDir ?? mkdtempSync(path.join(os.tmpdir(), 'atropos-web-'));
  const child: ChildProcess = spawn('npm', ['run', 'start:web', '--', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  // The host runs in its own process group (npm, then node): kill the group, also when this test
  // process exits without stopping it.
  const killGroup = (): void => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
  };
  process.once('exit', killGroup);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killGroup);
    if (child.exitCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup();
    await exited;
  };
  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
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
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, stop };
}
