import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a serialised GGUF, creating the folder. The file appears complete or not at all (written
 * beside it as `.partial`, then renamed), so a loader never maps half a model.
 */
export async function saveGgufFile(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
}
