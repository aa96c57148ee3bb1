import { access, copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { InvalidRequestError } from '#core/errors.ts';
import { checkGgufFile } from '#core/llm/providers/checkGgufFile.ts';

/**
 * Copies a GGUF file the person chose into the models folder, after checking it is a complete
 * GGUF model (so the page cannot use this to copy any other file). The copy is written as
 * `.part` and renamed, so a half-copied file never looks like a model. Returns the new path.
 */
export async function importModel(source: string, modelsDir: string, signal?: AbortSignal): Promise<string> {
  if (!path.isAbsolute(source))
    throw new InvalidRequestError(`Give the full path of the .gguf file (from the file's folder), not "${source}".`);
  if (!source.toLowerCase().endsWith('.gguf'))
    throw new InvalidRequestError('Only .gguf model files can be imported; choose a file ending in .gguf.');
  await checkGgufFile(source);
  const target = path.join(modelsDir, path.basename(source));
  if (path.resolve(source) === path.resolve(target))
    throw new InvalidRequestError(`${target} is already in your models folder.`);
  let isTaken = true;
  try {
    await access(target);
  } catch {
    isTaken = false;
  }
  if (isTaken)
    throw new InvalidRequestError(
      `A model named ${path.basename(source)} is already in your models folder; rename the file or delete the old one first.`,
    );
  await mkdir(modelsDir, { recursive: true });
  const part = `${target}.import-part`;
  try {
    signal?.throwIfAborted();
    await copyFile(source, part);
    await rename(part, target);
  } finally {
    await rm(part, { force: true });
  }
  return target;
}
