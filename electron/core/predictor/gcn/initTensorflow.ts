import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let initialising: Promise<typeof tf> | undefined;

/**
 * Switches TensorFlow.js to its WebAssembly backend (SIMD, one thread: Node has no wasm threads,
 * see ../shared/notes/dependencies.md §3), loading the .wasm files from the installed package
 * rather than a CDN. Idempotent: every call returns the same promise.
 * @returns The tfjs namespace, ready on the wasm backend.
 */
export function initTensorflow(): Promise<typeof tf> {
  initialising ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    setWasmPaths(path.dirname(wasmFile) + path.sep);
    const isReady = await tf.setBackend('wasm');
    if (!isReady) throw new Error('The TensorFlow.js wasm backend did not initialise.');
    return tf;
  })();
  return initialising;
}
