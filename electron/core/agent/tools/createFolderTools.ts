import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject, JsonValue } from '#core/llm/chat/Transcript.ts';
import type { PlacedRedaction, ToolCallContext } from '#core/llm/providers/ToolCallContext.ts';
import type { AgentTool } from './AgentTool.ts';
import { isInsideGrant, openInGrant, readOpened, readOpenedFolder, type OpenedInGrant } from './openInGrant.ts';

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
 * `realpath`, then opened, and what was opened is checked again through its descriptor
 * (openInGrant), so neither `..`, nor a symlink, nor one swapped in between check and open, nor a
 * hard link can leave the grant. Nothing here writes.
 */
export function createFolderTools(options: FolderToolsOptions): AgentTool[] {
  const grant = folderGrant(options.roots);
  return [
    listFilesTool(grant),
    readFileTool(grant, options.maxReadBytes ?? 16_384),
    searchFilesTool(grant, { maxMatches: options.maxMatches ?? 50, maxFiles: options.maxFilesSearched ?? 2_000 }),
  ];
}

/** The granted folders, and how a path the model asked for is resolved, opened and shown inside them. */
type FolderGrant = {
  /** The granted folders' real paths (resolved once). */
  readonly roots: () => Promise<string[]>;
  /**
   * The real path of `requested` inside a grant, or a refusal the model can read. With `context`
   * (a cloud model's call), a path is found only as the cloud was shown it: one that spells out what
   * redaction hides (a name guessed in full) answers as a missing one, so paths confirm no guess.
   */
  readonly resolve: (requested: JsonValue | undefined, context?: ToolCallContext) => Promise<string | Refusal>;
  /** `requested` resolved, opened and checked as a file or a folder; the caller closes it. */
  readonly open: (
    requested: JsonValue | undefined,
    kind: 'file' | 'folder',
    context?: ToolCallContext,
  ) => Promise<OpenedInGrant | Refusal>;
  /** A real path as the model is shown it: relative to the only grant, absolute with several. */
  readonly shown: (real: string) => Promise<string>;
};

function folderGrant(rootPaths: readonly string[]): FolderGrant {
  const resolvedRoots = rootPaths.map((root) => path.resolve(root));
  let realRoots: Promise<string[]> | null = null;
  const roots = (): Promise<string[]> =>
    (realRoots ??= Promise.all(resolvedRoots.map((root) => realpath(root).catch(() => root))));

  const resolve = async (requested: JsonValue | undefined, context?: ToolCallContext): Promise<string | Refusal> => {
    const granted = await roots();
    if (granted.length === 0) return { error: 'error: no folder is granted to this task' };
    const text = typeof requested === 'string' && requested.trim() !== '' ? requested.trim() : '.';
    if (context !== undefined) {
      const sent = context.sentArguments === undefined ? requested : argsOf(context.sentArguments)['path'];
      const sentText = typeof sent === 'string' && sent.trim() !== '' ? sent.trim() : '.';
      if (redactedWhole(text, context.redactDocument) !== sentText)
        return { error: `error: ${sentText} does not exist` };
    }
    const candidate = path.isAbsolute(text) ? text : path.resolve(granted[0] ?? '.', text);
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      return { error: `error: ${text} does not exist` };
    }
    return isInsideGrant(real, granted) ? real : { error: `error: ${text} is outside the granted folders` };
  };

  const shown = async (real: string): Promise<string> => {
    const granted = await roots();
    const root = granted.find((item) => real === item || real.startsWith(`${item}${path.sep}`)) ?? '';
    return granted.length === 1 ? path.relative(root, real) || '.' : real;
  };

  const open = async (
    requested: JsonValue | undefined,
    kind: 'file' | 'folder',
    context?: ToolCallContext,
  ): Promise<OpenedInGrant | Refusal> => {
    const target = await resolve(requested, context);
    if (typeof target !== 'string') return target;
    const opened = await openInGrant(target, await roots(), kind);
    return 'refusal' in opened ? { error: `error: ${await shown(target)} ${opened.refusal}` } : opened;
  };

  return { roots, resolve, open, shown };
}

const argsOf = (args: JsonValue): JsonObject =>
  typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as JsonObject) : {};

function listFilesTool(grant: FolderGrant): AgentTool {
  return {
    name: 'list_files',
    description: 'list the files and folders in a granted folder',
    parameters: { type: 'object', properties: { path: { type: 'string' } } },
    acceptsOriginals: true,
    readsLocalData: true,
    async run(args, context) {
      const folder = await grant.open(argsOf(args)['path'], 'folder', context);
      if ('error' in folder) return folder.error;
      const entries = await readOpenedFolder(folder).finally(() => folder.handle.close());
      if (entries === null) return 'error: the folder changed while it was being read; try again';
      return entries
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, 500)
        .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
    },
  };
}

function readFileTool(grant: FolderGrant, maxReadBytes: number): AgentTool {
  /** One chunk of an opened file from `offset`, with how to read on. */
  const readChunk = async (
    file: OpenedInGrant,
    offset: JsonValue | undefined,
    context: Parameters<AgentTool['run']>[1],
  ): Promise<string> => {
    const status = file.stats;
    const requested = typeof offset === 'number' && Number.isInteger(offset) && offset > 0 ? offset : 0;
    // For a cloud model the chunk is cut from the redacted document, with context on both sides; a
    // local read keeps a little on each side so that no chunk starts or ends inside a word.
    const margin = context === undefined ? lineLookback : documentMargin;
    const windowStart = Math.max(0, requested - margin);
    const window = await readOpened(file, windowStart, requested - windowStart + maxReadBytes + margin);
    const [from, to] = wholeWords(window, requested - windowStart, maxReadBytes, {
      isFileStart: windowStart === 0,
      isFileEnd: windowStart + window.length >= status.size,
    });
    const bytes = window.subarray(from, to);
    if (bytes.includes(0)) return `error: ${await grant.shown(file.real)} is not a text file`;
    const end = windowStart + to;
    const more = end < status.size ? `\n[... ${status.size - end} more bytes; read again with offset ${end}]` : '';
    const text =
      context === undefined ? bytes.toString('utf8') : redactedPiece(window, from, to, context.redactDocument);
    return text + more;
  };

  return {
    name: 'read_file',
    description: 'read a text file in a granted folder, from a byte offset',
    parameters: {
      type: 'object',
      properties: { path: { type: 'string' }, offset: { type: 'integer' } },
      required: ['path'],
    },
    acceptsOriginals: true,
    readsLocalData: true,
    async run(args, context) {
      const { offset } = argsOf(args);
      const file = await grant.open(argsOf(args)['path'], 'file', context);
      if ('error' in file) return file.error;
      try {
        return await readChunk(file, offset, context);
      } finally {
        await file.handle.close();
      }
    },
  };
}

function searchFilesTool(grant: FolderGrant, limits: { maxMatches: number; maxFiles: number }): AgentTool {
  return {
    name: 'search_files',
    description: 'find lines containing a text (any case) in the text files of a granted folder',
    parameters: {
      type: 'object',
      properties: { query: { type: 'string' }, path: { type: 'string' } },
      required: ['query'],
    },
    acceptsOriginals: true,
    readsLocalData: true,
    async run(args, context) {
      const { query } = argsOf(args);
      if (typeof query !== 'string' || query.trim() === '') return 'error: give a text to search for';
      const granted = await grant.roots();
      const target = await grant.resolve(argsOf(args)['path'], context);
      if (typeof target !== 'string') return target.error;
      const start = await openInGrant(target, granted, 'folder');
      if ('refusal' in start)
        return start.refusal === 'is not a folder'
          ? 'error: search_files takes a folder'
          : `error: ${await grant.shown(target)} ${start.refusal}`;
      const matches = await searchFolder(start, lineMatcher(query, context), grant, granted, limits);
      return matches.length === 0 ? `no line contains "${query}"` : matches;
    },
  };
}

/** A line as search_files shows it when it matches the query, else null. */
type LineMatcher = (line: string) => string | null;

/**
 * How search_files matches a line (any case). For a cloud model it matches what the cloud would be
 * shown: the query as the cloud wrote it (placeholders) in the line redacted whole, and it shows that
 * redacted line. So the search is no oracle on redacted values (`password: tr0u` finds nothing,
 * however right the guess), and a long line is not cut through a secret before it is redacted.
 * Only lines holding the query with its names and e-mails restored are redacted (the cost).
 */
function lineMatcher(query: string, context: ToolCallContext | undefined): LineMatcher {
  const needle = query.toLowerCase();
  const shown = (line: string) => wholeWordsUpTo(line.trim(), 200);
  if (context === undefined) return (line) => (line.toLowerCase().includes(needle) ? shown(line) : null);
  const sent = context.sentArguments === undefined ? query : argsOf(context.sentArguments)['query'];
  const sentNeedle = (typeof sent === 'string' ? sent : query).toLowerCase();
  return (line) => {
    if (!line.toLowerCase().includes(needle)) return null;
    const redacted = redactedWhole(line, context.redactDocument);
    return redacted.toLowerCase().includes(sentNeedle) ? shown(redacted) : null;
  };
}

/**
 * Lines `match` accepts under an opened folder, as `path:line: text`. Every folder and file is
 * opened and checked like a single read: one swapped for a symlink or hard-linked from outside is
 * passed over.
 */
async function searchFolder(
  top: OpenedInGrant,
  match: LineMatcher,
  grant: FolderGrant,
  granted: string[],
  limits: { maxMatches: number; maxFiles: number },
): Promise<string[]> {
  const matches: string[] = [];
  let files = 0;
  const visit = async (folder: OpenedInGrant): Promise<void> => {
    const entries = await readOpenedFolder(folder).finally(() => folder.handle.close());
    for (const entry of entries ?? []) {
      if (matches.length >= limits.maxMatches || files >= limits.maxFiles) return;
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const full = path.join(folder.real, entry.name);
      if (entry.isDirectory()) {
        const inner = await openInGrant(full, granted, 'folder');
        if (!('refusal' in inner)) await visit(inner);
      } else if (entry.isFile()) {
        files += 1;
        const opened = await openInGrant(full, granted, 'file');
        if ('refusal' in opened) continue;
        const bytes = await readOpened(opened, 0, 1_048_576).finally(() => opened.handle.close());
        if (bytes.includes(0)) continue;
        for (const [index, line] of bytes.toString('utf8').split('\n').entries()) {
          const text = match(line);
          if (text === null) continue;
          matches.push(`${await grant.shown(full)}:${index + 1}: ${text}`);
          if (matches.length >= limits.maxMatches) break;
        }
      }
    }
  };
  await visit(top);
  return matches;
}

/**
 * At most `length` characters of a line, cut after the last space within the last half when it is
 * longer, so that no word (half of a key a local path found, later handed over) is cut.
 */
function wholeWordsUpTo(line: string, length: number): string {
  if (line.length <= length) return line;
  const space = line.lastIndexOf(' ', length);
  return line.slice(0, space >= length / 2 ? space : length);
}

/** `text` with every entity the task's redaction finds in it replaced by its placeholder. */
function redactedWhole(text: string, redactDocument: ToolCallContext['redactDocument']): string {
  return redactedPiece(Buffer.from(text), 0, Buffer.byteLength(text), redactDocument);
}

/**
 * How far back a chunk's end looks for a line break, and its start (and end, failing that) for a
 * space; at most a quarter of the chunk each, so every read ends past its offset (paging goes on).
 */
const lineLookback = 4_096;
const wordLookback = 256;
const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;

/**
 * The chunk `[from, to)` of `window` for a read from `at` of at most `maxBytes`: it starts at the
 * beginning of the word `at` falls in and ends after the last line break (else space) before the
 * limit, so no chunk holds half a word, such as half of a key no detector would know by its half
 * (a local path's chunks leave whole when its transcript is handed over to a cloud). A word longer
 * than the look-back is cut where it falls.
 */
function wholeWords(
  window: Buffer,
  at: number,
  maxBytes: number,
  edges: { readonly isFileStart: boolean; readonly isFileEnd: boolean },
): [number, number] {
  const lines = Math.min(lineLookback, Math.floor(maxBytes / 4));
  const words = Math.min(wordLookback, Math.floor(maxBytes / 4));
  let from = at;
  while (from > 0 && at - from < words && !isSpace(window[from - 1])) from--;
  if (!isSpace(window[from - 1]) && !(from === 0 && edges.isFileStart)) from = at;
  const limit = Math.min(window.length, from + maxBytes);
  if (limit === window.length && edges.isFileEnd) return [from, limit];
  for (let index = limit - 1; index > from && index >= limit - lines; index--)
    if (window[index] === 0x0a) return [from, index + 1];
  for (let index = limit - 1; index > from && index >= limit - words; index--)
    if (isSpace(window[index])) return [from, index + 1];
  return [from, limit];
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
