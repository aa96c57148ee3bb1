import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the packaged (or source-run) app keeps the files main needs. */
export type AppLocations = {
  /** The renderer's entry page, loaded with `loadFile`. */
  readonly indexFile: string;
  /** The same page as a file:// URL: the only page allowed to navigate to or call IPC. */
  readonly indexUrl: string;
  /** The sandboxed preload bundle. */
  readonly preloadFile: string;
  /** The models shipped with the app. */
  readonly bundledModelsDir: string;
  /** The bundled worker thread that retrains the failure predictor. */
  readonly retrainWorkerFile: string;
};

/** What `resolveAppLocations` needs to know about the running app. */
export type AppLocationInputs = {
  /** `app.getAppPath()`: the repository when run from source, `resources/app.asar` when packaged. */
  readonly appPath: string;
  /** `app.isPackaged`. */
  readonly isPackaged: boolean;
  /** `process.resourcesPath`: where extraResources land in a packaged app. */
  readonly resourcesPath: string;
};

/**
 * Derives every path from the app path rather than `import.meta.url` or `__dirname`, so it is the
 * same whether main runs from the esbuild bundle in dist-electron/ or from inside app.asar.
 */
export function resolveAppLocations(inputs: AppLocationInputs): AppLocations {
  const indexFile = path.join(inputs.appPath, 'dist', 'renderer', 'index.html');
  return {
    indexFile,
    indexUrl: pathToFileURL(indexFile).href,
    preloadFile: path.join(inputs.appPath, 'dist-electron', 'preload.cjs'),
    retrainWorkerFile: path.join(inputs.appPath, 'dist-electron', 'retrainWorker.cjs'),
    // extraResources copies models/ beside app.asar: native code (node-llama-cpp) cannot read
    // from inside the archive.
    bundledModelsDir: inputs.isPackaged
      ? path.join(inputs.resourcesPath, 'models')
      : path.join(inputs.appPath, 'models'),
  };
}

/**
 * Whether `candidate` is the app's own index page. Query and fragment are ignored (the renderer
 * may route with them); scheme, host and path must match exactly.
 */
export function isAppIndexUrl(candidate: string | null | undefined, appIndexUrl: string): boolean {
  if (typeof candidate !== 'string' || candidate === '') {
    return false;
  }
  let parsed: URL;
  let expected: URL;
  try {
    parsed = new URL(candidate);
    expected = new URL(appIndexUrl);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'file:' &&
    expected.protocol === 'file:' &&
    parsed.host === expected.host &&
    parsed.pathname === expected.pathname
  );
}
