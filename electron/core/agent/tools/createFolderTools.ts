import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject, JsonValue } from '#core/llm/chat/Transcript.ts';
import type { PlacedRedaction } from '#core/llm/providers/ToolCallContext.ts';
import type { AgentTool } from './AgentTool.ts';

/** Options of {@link createFolderTools}. */
export type FolderToolsOptions = {
  /** Folders the person granted, read-only. Paths outside them are refused, symlinks included. */
  readonly roots: readonly string[];
  /** Bytes `read_file` returns at most per call. Defaults to 16 384. */
  readonly maxReadBytes?: number;
  /** Matches `search_files` returns at most. Defaults to 50. */
  readonly maxMatches?: number;
  /** Files `search_files` looks at at most. Defaults to 2 000. */
  readonly maxFilesSearched?: number;
};

type Refusal = { readonly error: string };

/**
 * Read-only tools over the folders a person granted: `list_files`, `read_file` and `search_files`.
 * Paths are relative to a granted folder (or absolute inside one); every path is resolved with
 * `realpath` before use, so `..` and symlinks cannot leave the grant. Nothing here writes.
 */
export function createFolderTools(options: FolderToolsOptions): AgentTool[] {
  const roots = options.roots.map((root) => path.resolve(root));
  const maxReadBytes = options.maxReadBytes ?? 16_384;
  const maxMatches = options.maxMatches ?? 50;
  const maxFiles = options.maxFilesSearched ?? 2_000;
  let realRoots: Promise<string[]> | null = null;
  const grantedRoots = (): Promise<string[]> =>
    (realRoots ??= Promise.all(roots.map((root) => realpath(root).catch(() => root))));

  /** The real path of `requested` inside a grant, or a refusal the model can read. */
  const resolveInGrant = async (requested: JsonValue | undefined): Promise<string | Refusal> => {
    const granted = await grantedRoots();
    if (granted.length === 0) return { error: 'error: no folder is granted to this task' };
    const text = typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : '.';
    const candidate = path.isAbsolute(text) ? text : path.resolve(granted[0] ?? '.', text);
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      return { error: `error: ${text} does not exist` };
    }
    const isInside = granted.some((root) => real === root || real.startsWith(`${root}${path.sep}`));
    return isInside ? real : { error: `error: ${text} is outside the granted folders` };
  };

  const shown = async (real: string): Promise<string> => {
    const granted = await grantedRoots();
    const root = granted.find((item) => real === item || real.startsWith(`${item}${path.sep}`)) ?? '';
    return granted.length === 1 ? path.relative(root, real) || '.' : real;
  };

  const argsOf = (args: JsonValue): JsonObject =>
    typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as JsonObject) : {};

  const listFiles: AgentTool = {
    name: 'list_files',
    description: 'list the files and folders in a granted folder',
    parameters: { type: 'object', properties: { path: { type: 'string' } } },
    acceptsOriginals: true,
    async run(args) {
      const target = await resolveInGrant(argsOf(args)['path']);
      if (typeof target !== 'string') return target.error;
      if (!(await stat(target)).isDirectory()) return `error: ${await shown(target)} is not a folder`;
      const entries = await readdir(target, { withFileTypes: true });
      return entries
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, 500)
        .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    },
  };

  const readFile: AgentTool = {
    name: 'read_file',
    description: 'read a text file in a granted folder, from a byte offset',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' }, offset: { type: 'integer' } },
      required: ['path'],
    },
    acceptsOriginals: true,
    async run(args, context) {
      const { offset } = argsOf(args);
      const target = await resolveInGrant(argsOf(args)['path']);
      if (typeof target !== 'string') return target.error;
      const status = await stat(target);
      if (!status.isFile()) return `error: ${await shown(target)} is not a file`;
      const start = typeof offset === 'number' && Number.isInteger(offset) && offset > 0 ? offset : 0;
      // For a cloud model the chunk is cut from the redacted document, with context on both sides.
      const margin = context === undefined ? 0 : documentMargin;
      const windowStart = Math.max(0, start - margin);
      const window = await readSlice(target, windowStart, start - windowStart + maxReadBytes + margin);
      const bytes = window.subarray(start - windowStart, start - windowStart + maxReadBytes);
      if (bytes.includes(0)) return `error: ${await shown(target)} is not a text file`;
      const end = start + bytes.length;
      const more = end < status.size ? `\n[... ${status.size - end} more bytes; read again with offset ${end}]` : '';
      const text =
        context === undefined
          ? bytes.toString('utf8')
          : redactedPiece(window, start - windowStart, end - windowStart, context.redactDocument);
      return text + more;
    },
  };

  const searchFiles: AgentTool = {
    name: 'search_files',
    description: 'find lines containing a text (any case) in the text files of a granted folder',
    parameters: {
      type: 'object',
      properties: { query: { type: 'string' }, path: { type: 'string' } },
      required: ['query'],
    },
    acceptsOriginals: true,
    async run(args) {
      const { query } = argsOf(args);
      if (typeof query !== 'string' || query.trim() === '') return 'error: give a text to search for';
      const target = await resolveInGrant(argsOf(args)['path']);
      if (typeof target !== 'string') return target.error;
      const needle = query.toLowerCase();
      const matches: string[] = [];
      let files = 0;
      const visit = async (folder: string): Promise<void> => {
        for (const entry of await readdir(folder, { withFileTypes: true })) {
          if (matches.length >= maxMatches || files >= maxFiles) return;
          if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
          const full = path.join(folder, entry.name);
          if (entry.isDirectory()) await visit(full);
          else if (entry.isFile()) {
            files += 1;
            const bytes = await readSlice(full, 0, 1_048_576);
            if (bytes.includes(0)) continue;
            const lines = bytes.toString('utf8').split('\n');
            for (const [index, line] of lines.entries()) {
              if (!line.toLowerCase().includes(needle)) continue;
              matches.push(`${await shown(full)}:${index + 1}: ${line.trim().slice(0, 200)}`);
              if (matches.length >= maxMatches) break;
            }
          }
        }
      };
      if ((await stat(target)).isDirectory()) await visit(target);
      else return 'error: search_files takes a folder';
      return matches.length === 0 ? `no line contains "${query}"` : matches;
    },
  };

  return [listFiles, readFile, searchFiles];
}

/** Bytes of document read on each side of a chunk for a cloud model, so entities across the cut are whole. */
const documentMargin = 65_536;

/**
 * The chunk `[from, to)` of `window`, cut from the window's redaction: an entity that straddles a
 * cut is replaced by its placeholder on each side, so no half of it leaves.
 */
function redactedPiece(
  window: Buffer,
  from: number,
  to: number,
  redactDocument: (document: string) => readonly PlacedRedaction[],
): string {
  const document = window.toString('utf8');
  const first = window.subarray(0, from).toString('utf8').length;
  const last = window.subarray(0, to).toString('utf8').length;
  let piece = '';
  let cursor = first;
  for (const span of [...redactDocument(document)].sort((a, b) => a.start - b.start)) {
    if (span.end <= cursor || span.start >= last) continue;
    piece += document.slice(cursor, Math.max(cursor, span.start)) + span.placeholder;
    cursor = Math.min(last, span.end);
  }
  return piece + document.slice(cursor, last);
}

async function readSlice(file: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
