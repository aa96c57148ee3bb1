import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelEntry } from '#shared/domain.ts';

type Folder = { readonly dir: string; readonly source: ModelEntry['source'] };

async function findGgufFiles(dir: string, depth = 2): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && depth > 0) {
      files.push(...(await findGgufFiles(full, depth - 1)));
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.gguf')) {
      files.push(full);
    }
  }
  return files;
}

async function describe(file: string, source: ModelEntry['source']): Promise<ModelEntry> {
  const { size } = await stat(file);
  const base = { path: file, fileName: path.basename(file), sizeBytes: size, source };
  try {
    // Loaded on demand: node-llama-cpp is large, and most screens never need it.
    const { readGgufFileInfo } = await import('node-llama-cpp');
    const { tensorDataEnd } = await import('#core/llm/providers/checkGgufFile.ts');
    const info = await readGgufFileInfo(file, { readTensorInfo: true, sourceType: 'filesystem', logWarnings: false });
    const metadata = info.metadata as { general?: { architecture?: string; name?: string } };
    const architecture = metadata.general?.architecture ?? null;
    const contextLength = (info.architectureMetadata as { context_length?: number } | undefined)?.context_length ?? null;
    // The reader pads a short file with zeros instead of failing, so a truncated download parses
    // as an empty model: check that there is a model and that its tensors end inside the file (as
    // loading it checks: a task may name only a model listed without a problem).
    const problem =
      architecture === null || Number(info.tensorCount) === 0
        ? 'The file holds no model (no architecture or no tensors): it is truncated or not a GGUF model. Replace it with a complete download, or remove it.'
        : tensorDataEnd(info) > size
          ? `The file is shorter than its header says (${size} bytes): the download was cut off. Download it again.`
          : null;
    return { ...base, architecture, name: metadata.general?.name ?? null, contextLength, problem };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ...base,
      architecture: null,
      name: null,
      contextLength: null,
      problem: `Not a readable GGUF model (${reason}). Replace the file with a complete download, or remove it.`,
    };
  }
}

/**
 * Every GGUF file in the bundled models folder and the user's models folder, with what its header
 * says. Unreadable files are listed with the problem rather than hidden, so the person can act.
 */
export async function listModels(folders: readonly Folder[]): Promise<ModelEntry[]> {
  const entries: ModelEntry[] = [];
  for (const folder of folders) {
    const files = (await findGgufFiles(folder.dir)).sort();
    for (const file of files) {
      entries.push(await describe(file, folder.source));
    }
  }
  return entries;
}
