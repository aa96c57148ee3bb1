// `npm start`: builds the app and runs it in Electron. Without an Electron binary (offline
// machines cannot download one) it explains what to do instead and exits 1.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronExecutable, missingElectronMessage } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const executable = electronExecutable();
if (executable === null) {
  console.error(missingElectronMessage);
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (built.status !== 0) {
  process.exit(built.status ?? 1);
}

// ELECTRON_RUN_AS_NODE (set by some tools) would make Electron behave as plain Node.
const env = { ...process.env };
delete env['ELECTRON_RUN_AS_NODE'];
const child = spawn(executable, [root, ...process.argv.slice(2)], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === null ? 0 : 1));
});
child.on('error', (error) => {
  console.error(`Could not start Electron (${executable}): ${error.message}`);
  process.exit(1);
});
