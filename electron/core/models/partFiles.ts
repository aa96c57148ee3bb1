import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * What a download writes beside its `.part` file, so that it can resume after the app restarts:
 * where it came from and what the server said about the file the first time.
 */
export type PartMeta = {
  readonly id: string;
  readonly url: string;
  readonly catalogId: string | null;
  readonly fileName: string;
  /** From the catalog; wins over the server's. */
  readonly catalogSha256: string | null;
  /** From the server (X-Linked-Etag or ETag) once it answered. */
  readonly serverSha256: string | null;
  readonly totalBytes: number | null;
  /** The model for the audit log: the catalog id or the file name. */
  readonly label: string;
};

const partMeta = z.object({
  id: z.string().min(1),
  url: z.string().url(),
  catalogId: z.string().nullable(),
  fileName: z.string().regex(/\.gguf$/i),
  catalogSha256: z.string().nullable(),
  serverSha256: z.string().nullable(),
  totalBytes: z.number().int().nonnegative().nullable(),
  label: z.string(),
});

/** The files of one download in `modelsDir`. */
export function partPaths(modelsDir: string, fileName: string): { part: string; meta: string; final: string } {
  const final = path.join(modelsDir, fileName);
  return { final, part: `${final}.part`, meta: `${final}.part.json` };
}

/** Writes the sidecar. */
export async function writePartMeta(modelsDir: string, meta: PartMeta): Promise<void> {
  await writeFile(partPaths(modelsDir, meta.fileName).meta, `${JSON.stringify(meta, null, 2)}\n`);
}

/** Deletes a download's `.part` and sidecar, whichever exist. */
export async function removePartFiles(modelsDir: string, fileName: string): Promise<void> {
  const { part, meta } = partPaths(modelsDir, fileName);
  await rm(part, { force: true });
  await rm(meta, { force: true });
}

/** Bytes in the `.part` file; 0 when there is none. */
export async function partSize(modelsDir: string, fileName: string): Promise<number> {
  try {
    return (await stat(partPaths(modelsDir, fileName).part)).size;
  } catch {
    return 0;
  }
}

/** One sidecar, or undefined when it is missing or unreadable (a stale part then starts over). */
export async function readPartMeta(modelsDir: string, fileName: string): Promise<PartMeta | undefined> {
  try {
    const parsed = partMeta.safeParse(JSON.parse(await readFile(partPaths(modelsDir, fileName).meta, 'utf8')));
    return parsed.success && parsed.data.fileName === fileName ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Every resumable download in `modelsDir`, from its sidecar. */
export async function listPartMetas(modelsDir: string): Promise<PartMeta[]> {
  let names: string[];
  try {
    names = await readdir(modelsDir);
  } catch {
    return [];
  }
  const metas: PartMeta[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.gguf.part.json')).sort()) {
    const meta = await readPartMeta(modelsDir, name.slice(0, -'.part.json'.length));
    if (meta !== undefined) metas.push(meta);
  }
  return metas;
}
