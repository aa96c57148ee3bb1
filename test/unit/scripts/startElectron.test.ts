import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingElectronMessage } from '../../../scripts/electronBinary.mjs';
import { sqliteBindingVariable, type RebuildRequest } from '../../../scripts/electronNative.mjs';
import { startElectron } from '../../../scripts/startElectron.mjs';
import { createStandInElectron, useTempFolders } from './standInElectron.ts';

const root = process.cwd();
const temp = useTempFolders('atropos-start-');
const tempFolder = (): string => temp.make();

function setUp() {
  const electron = createStandInElectron({ electron: '45.5.0', modules: '140' });
  temp.keep(electron.dist);
  const rebuilds: RebuildRequest[] = [];
  const builds: string[] = [];
  const errors: string[] = [];
  return {
    electron,
    rebuilds,
    builds,
    errors,
    options: {
      root,
      argv: ['--inspect-nothing'],
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: electron.dist, ELECTRON_RUN_AS_NODE: '1' },
      cacheRoot: tempFolder(),
      stdio: 'ignore' as const,
      error: (line: string) => errors.push(line),
      build: (at: string) => {
        builds.push(at);
        return 0;
      },
      rebuild: (request: RebuildRequest) => {
        rebuilds.push(request);
        writeFileSync(request.outputFile, 'electron build');
        return Promise.resolve();
      },
    },
  };
}

describe('npm start (startElectron) with a stand-in Electron binary', () => {
  it('builds the addon once, then launches the app with the Electron build named', async () => {
    const { electron, rebuilds, builds, errors, options } = setUp();
    // The stand-in exits 7 when launched: npm start ends with the app's exit code.
    await expect(startElectron(options)).resolves.toBe(7);
    expect(rebuilds).toHaveLength(1);
    expect(builds).toEqual([root]);
    const bindingFile = path.join(
      options.cacheRoot,
      `electron-140-${process.platform}-${process.arch}`,
      'better_sqlite3.node',
    );
    // The app gets the repository and the arguments; ELECTRON_RUN_AS_NODE is not passed on.
    expect(electron.launched()).toEqual({ argv: [root, '--inspect-nothing'], binding: bindingFile, runAsNode: null });
    expect(errors).toEqual([]);

    await expect(startElectron(options)).resolves.toBe(7);
    expect(rebuilds).toHaveLength(1);
    expect(electron.launched()?.binding).toBe(bindingFile);
    expect(sqliteBindingVariable).toBe('ATROPOS_SQLITE_BINDING');
  });

  it('says how to get Electron, or to use the browser, when there is no binary', async () => {
    const { rebuilds, builds, errors, options } = setUp();
    const empty = tempFolder();
    await expect(
      startElectron({ ...options, env: { ...options.env, ELECTRON_OVERRIDE_DIST_PATH: empty } }),
    ).resolves.toBe(1);
    expect(errors).toEqual([missingElectronMessage]);
    expect(missingElectronMessage).toMatch(/npm run electron:fetch/);
    expect(missingElectronMessage).toMatch(/npm run start:web/);
    expect([rebuilds, builds]).toEqual([[], []]);
  });

  it('launches nothing when the addon cannot be built, and says why in a sentence', async () => {
    const { electron, builds, errors, options } = setUp();
    const failing = (): Promise<void> => Promise.reject(new Error('no network'));
    await expect(startElectron({ ...options, rebuild: failing })).resolves.toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Could not build better-sqlite3\S* for Electron 45\.5\.0 \(no network\)\./);
    expect(builds).toEqual([]);
    expect(electron.launched()).toBeNull();
  });

  it("ends with the build's exit code when the build fails, without launching", async () => {
    const { electron, options } = setUp();
    await expect(startElectron({ ...options, build: () => 2 })).resolves.toBe(2);
    expect(electron.launched()).toBeNull();
  });
});
