import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppIndexUrl, resolveAppLocations } from '../../../electron/main/appLocations.ts';

describe('resolveAppLocations', () => {
  it('finds the bundled models in the repository when run from source', () => {
    const locations = resolveAppLocations({
      appPath: '/repo',
      isPackaged: false,
      resourcesPath: '/electron/resources',
    });
    expect(locations).toEqual({
      indexFile: path.join('/repo', 'dist', 'renderer', 'index.html'),
      indexUrl: pathToFileURL(path.join('/repo', 'dist', 'renderer', 'index.html')).href,
      preloadFile: path.join('/repo', 'dist-electron', 'preload.cjs'),
      retrainWorkerFile: path.join('/repo', 'dist-electron', 'retrainWorker.cjs'),
      bundledModelsDir: path.join('/repo', 'models'),
    });
  });

  it('finds the bundled models beside app.asar when packaged', () => {
    const locations = resolveAppLocations({
      appPath: '/opt/Atropos Desktop/resources/app.asar',
      isPackaged: true,
      resourcesPath: '/opt/Atropos Desktop/resources',
    });
    expect(locations.bundledModelsDir).toBe(path.join('/opt/Atropos Desktop/resources', 'models'));
    expect(locations.indexFile).toBe(
      path.join('/opt/Atropos Desktop/resources/app.asar', 'dist', 'renderer', 'index.html'),
    );
    expect(locations.indexUrl).toBe('file:///opt/Atropos%20Desktop/resources/app.asar/dist/renderer/index.html');
  });
});

describe('isAppIndexUrl', () => {
  const index = 'file:///repo/dist/renderer/index.html';

  it.each([
    index,
    `${index}#/settings`,
    `${index}?tab=budget`,
    'file:///repo/dist/renderer/../renderer/index.html',
    'FILE:///repo/dist/renderer/index.html',
  ])('accepts %s', (url) => {
    expect(isAppIndexUrl(url, index)).toBe(true);
  });

  it.each([
    'file:///repo/dist/renderer/other.html',
    'file:///repo/dist/renderer/index.html.evil',
    'file://attacker/repo/dist/renderer/index.html',
    'file:///etc/passwd',
    'https://repo/dist/renderer/index.html',
    'http://localhost:5173/index.html',
    'about:blank',
    'not a url',
    '',
    null,
    undefined,
  ])('rejects %s', (url) => {
    expect(isAppIndexUrl(url, index)).toBe(false);
  });
});
