// Bundles the Electron main process and preload with esbuild:
//   electron/main/index.ts    -> dist-electron/main.cjs     (package.json "main")
//   electron/preload/index.ts -> dist-electron/preload.cjs  (sandboxed: one file, only 'electron' external)
// `#shared/*` and `#core/*` resolve through package.json "imports".
// Run: node scripts/buildElectron.mjs [--outdir <folder>]   (tests build into a temp folder)
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = path.resolve(root, values.outdir ?? 'dist-electron');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// Main keeps every runtime dependency as a require() from node_modules: electron-builder ships
// them there anyway, native modules (better-sqlite3, node-llama-cpp's binaries) cannot be bundled,
// and large ones (@tensorflow/*) would only slow the build. Only our own code is bundled.
const runtimeDependencies = Object.keys(manifest.dependencies ?? {});
const mainExternal = [
  'electron',
  ...runtimeDependencies.flatMap((name) => [name, `${name}/*`]),
  '@node-llama-cpp/*',
  '@tensorflow/*',
];

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Keeps stack traces and logs readable; the app is not shipped over a network.
  minify: false,
  legalComments: 'none',
};

const started = performance.now();
rmSync(outdir, { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    // The predictor's retraining runs in a worker thread of main: its entry is bundled beside it.
    entryPoints: { main: 'electron/main/index.ts', retrainWorker: 'electron/core/predictor/retrainWorker.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    target: 'node22',
    external: mainExternal,
    // Core is ESM and may use import.meta.url (e.g. to find tfjs's wasm files); in a CJS bundle
    // that is the bundle file's own URL.
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "const __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  build({
    ...common,
    entryPoints: { preload: 'electron/preload/index.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    // Electron 45's Chromium; the sandboxed preload offers require('electron') and little else.
    target: ['chrome140', 'node22'],
    external: ['electron'],
  }),
]);
console.log(
  `build:electron: ${path.relative(root, outdir) || '.'}/{main,retrainWorker,preload}.cjs in ${Math.round(performance.now() - started)} ms`,
);
