import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseGcnCheckpoint, type GcnCheckpoint } from './GcnCheckpoint.ts';

/**
 * Writes a checkpoint as JSON, creating the folder; the file appears complete or not at all
 * (written beside it, then renamed), so the Predictor screen never reads half a file.
 */
export async function saveGcnCheckpoint(file: string, checkpoint: GcnCheckpoint): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, JSON.stringify(checkpoint), 'utf8');
  await rename(partial, file);
}

/** Reads and checks a checkpoint file without building a model (see `loadGcnCheckpoint` for that). */
export async function loadGcnCheckpointFile(file: string): Promise<GcnCheckpoint> {
  return parseGcnCheckpoint(JSON.parse(await readFile(file, 'utf8')));
}
