// `npm start`: runs the app in Electron, with better-sqlite3 built for Electron's ABI (once, beside
// node_modules' Node build; see electronNative.mjs). Without an Electron binary (offline machines
// cannot download one) it explains what to do instead and exits 1.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startElectron } from './startElectron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = await startElectron({ root, argv: process.argv.slice(2) });
