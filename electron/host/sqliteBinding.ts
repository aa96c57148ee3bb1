/**
 * The environment variable through which `npm start` names better-sqlite3's addon built for
 * Electron's ABI, kept apart from node_modules' Node build (scripts/electronNative.mjs sets it under
 * the same name; test/unit/main/sqliteBinding.test.ts checks that the two agree).
 */
export const sqliteBindingVariable = 'ATROPOS_SQLITE_BINDING';

/**
 * better-sqlite3's options naming the addon this process loads: the Electron build when `npm start`
 * set the variable, else none (node_modules' own build: the CLI, the web host, the tests, and the
 * packaged app, whose node_modules electron-builder rebuilt for Electron).
 */
export function sqliteBindingOptions(env: NodeJS.ProcessEnv = process.env): { nativeBinding?: string } {
  const file = env[sqliteBindingVariable];
  return file === undefined || file === '' ? {} : { nativeBinding: file };
}
