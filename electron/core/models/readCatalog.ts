import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CatalogModel } from '#shared/ipc/ModelCatalog.ts';
import { EngineError } from '#core/errors.ts';
import { downloadFileName } from './downloadTarget.ts';

const sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .nullable();
const entry = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['fixture', 'recommended']),
  role: z.string(),
  file: z.string().optional(),
  url: z.string().url().optional(),
  sizeBytes: z.number().int().positive().optional(),
  sizeBytesApprox: z.number().int().positive().optional(),
  sha256,
  licence: z.string(),
  chatFormat: z.string(),
  toolCalling: z.boolean(),
  purpose: z.string(),
});
const catalogFile = z.object({ version: z.literal(1), models: z.array(entry) });

/** A catalog model before the installed check. */
export type CatalogEntry = Omit<CatalogModel, 'installedPath'> & { readonly file: string | null };

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Reads and checks `catalog.json` of the bundled models folder. A broken catalog is a packaging bug. */
export async function readCatalogEntries(bundledModelsDir: string): Promise<CatalogEntry[]> {
  const file = path.join(bundledModelsDir, 'catalog.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    // Test data folders and stripped-down builds have no catalog: an empty list, not an error.
    return [];
  }
  const parsed = catalogFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new EngineError('storage-failed', `The model catalog ${file} is malformed; reinstall Atropos Desktop.`);
  }
  return parsed.data.models.map((model) => ({
    id: model.id,
    name: model.name,
    kind: model.kind,
    role: model.role,
    url: model.url ?? null,
    file: model.file ?? null,
    sizeBytes: model.sizeBytes ?? model.sizeBytesApprox ?? 0,
    isSizeApproximate: model.sizeBytes === undefined,
    sha256: model.sha256,
    licence: model.licence,
    chatFormat: model.chatFormat,
    toolCalling: model.toolCalling,
    purpose: model.purpose,
  }));
}

/**
 * The catalog with where each model is installed: a fixture in the bundled folder, a recommended
 * model under its download name in the person's models folder.
 */
export async function readCatalog(bundledModelsDir: string, userModelsDir: string): Promise<CatalogModel[]> {
  const entries = await readCatalogEntries(bundledModelsDir);
  const models: CatalogModel[] = [];
  for (const { file, ...model } of entries) {
    const candidate =
      file !== null
        ? path.join(bundledModelsDir, file)
        : model.url !== null
          ? path.join(userModelsDir, downloadFileName(model.url))
          : null;
    models.push({ ...model, installedPath: candidate !== null && (await exists(candidate)) ? candidate : null });
  }
  return models;
}
