// Entry of a worker thread that runs a TypeScript module from source (web host, CLI, tests):
// Node 20 ignores `--import tsx` in a Worker's execArgv, so the worker registers tsx itself and
// then imports the module named by its first argument.
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (entry === undefined) {
  throw new Error('typeScriptWorker.mjs needs the URL of the module to run as its first argument.');
}
await import(entry);
