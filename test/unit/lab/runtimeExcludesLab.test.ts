import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds what ships (the Electron main bundle and its retrain worker with the project's own build
// script, and the web host's entry bundled the same way) and proves none of it holds lab code:
// no source file under electron/lab in the source maps, and no function or class the lab declares.
// The CLI, which is also the bench harness, is bundled as the control: there the lab must show up.
const labFolder = 'electron/lab';
let outdir: string;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

/** Names of the functions and classes the given files declare at top level. */
function declaredNames(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/^(?:export )?(?:async )?(?:function\*?|class) ([A-Za-z_$][\w$]*)/gm)) {
      if (match[1]) names.add(match[1]);
    }
  }
  return names;
}

async function bundle(entry: string, name: string): Promise<void> {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const packages = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)];
  await build({
    entryPoints: { [name]: entry },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    sourcemap: true,
    logLevel: 'silent',
    external: ['electron', '@node-llama-cpp/*', ...packages.flatMap((name) => [name, `${name}/*`])],
  });
}

function bundleSources(file: string): string[] {
  const map = JSON.parse(readFileSync(path.join(outdir, `${file}.map`), 'utf8')) as { sources: string[] };
  return map.sources.map((source) => path.relative(process.cwd(), path.resolve(outdir, source)));
}

/** Lab names that the bundle declares as a function or class (esbuild keeps names, adding digits on clashes). */
function labDeclarations(file: string, labNames: Set<string>): string[] {
  const code = readFileSync(path.join(outdir, file), 'utf8');
  const declared = declaredNames([path.join(outdir, file)]);
  for (const match of code.matchAll(/(?:function\*?|class) ([A-Za-z_$][\w$]*?)\d*\b/g)) {
    if (match[1]) declared.add(match[1]);
  }
  return [...labNames].filter((name) => declared.has(name));
}

let labNames: Set<string>;

beforeAll(async () => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'atropos-runtime-bundles-'));
  const built = spawnSync(process.execPath, ['scripts/buildElectron.mjs', '--outdir', outdir], { encoding: 'utf8' });
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
  await bundle('electron/web/main.ts', 'web');
  await bundle('electron/cli/main.ts', 'cli');
  // A name both the lab and the runtime declare (each its own) says nothing about the lab.
  const runtimeNames = declaredNames(
    ['electron/core', 'electron/main', 'electron/web', 'electron/host', 'electron/preload', 'shared'].flatMap(
      sourceFiles,
    ),
  );
  labNames = new Set([...declaredNames(sourceFiles(labFolder))].filter((name) => !runtimeNames.has(name)));
}, 120_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

describe('the shipped runtime holds no lab code', () => {
  it('knows the lab by many names (training, GGUF writing, bench world, model server, simulation, evaluation)', () => {
    for (const name of [
      'trainLlama',
      'writeLlamaGguf',
      'benchWorld',
      'createModelServer',
      'simulatePolicy',
      'evaluatePredictor',
    ]) {
      expect(labNames).toContain(name);
    }
  });

  it.each(['main.cjs', 'retrainWorker.cjs', 'web.js'])('%s bundles no file of electron/lab', (file) => {
    const sources = bundleSources(file);
    expect(sources.some((source) => source.startsWith('electron/core/'))).toBe(true);
    expect(sources.filter((source) => source.startsWith(`${labFolder}/`))).toEqual([]);
  });

  it.each(['main.cjs', 'retrainWorker.cjs', 'web.js'])('%s declares none of the lab functions', (file) => {
    expect(labDeclarations(file, labNames)).toEqual([]);
  });

  it('finds the lab in the CLI bundle, the bench harness (the check can fail)', () => {
    expect(bundleSources('cli.js').filter((source) => source.startsWith(`${labFolder}/`)).length).toBeGreaterThan(20);
    expect(labDeclarations('cli.js', labNames)).toEqual(expect.arrayContaining(['benchWorld', 'createModelServer']));
  });
});
