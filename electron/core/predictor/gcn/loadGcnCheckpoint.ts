import { readFile } from 'node:fs/promises';
import { parseGcnCheckpoint } from './GcnCheckpoint.ts';
import { GcnPredictor } from './GcnPredictor.ts';

/**
 * Reads a checkpoint file into a ready predictor (tfjs wasm initialised). The caller disposes it.
 * @throws Error when the file is not JSON or not a version 1 atropos-predictor checkpoint.
 */
export async function loadGcnCheckpoint(file: string): Promise<GcnPredictor> {
  const text = await readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${error instanceof Error ? error.message : String(error)}).`, {
      cause: error,
    });
  }
  return GcnPredictor.fromCheckpoint(parseGcnCheckpoint(value));
}
