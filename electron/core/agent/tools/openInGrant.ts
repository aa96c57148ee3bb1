import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** A file or folder opened inside a grant: the descriptor, where it really is, and its status. */
export type OpenedInGrant = { readonly handle: FileHandle; readonly real: string; readonly stats: Stats };

/** Why something was not opened, as the model reads it (without the "error: " prefix). */
export type OpenRefusal = { readonly refusal: string };

/** Whether `real` is a granted root or lies under one. */
export function isInsideGrant(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => real === root || real.startsWith(`${root}${path.sep}`));
}

/**
 * Where the open descriptor really is. On Linux the kernel says it (/proc/self/fd/N names the file
 * the descriptor refers to, whatever happened to the path since). Elsewhere the path is resolved
 * again and must still name the very file opened (same device and inode), so a symlink swapped in
 * between cannot pass.
 */
async function realPathOf(handle: FileHandle, opened: string, stats: Stats): Promise<string | null> {
  try {
    const named = await readlink(`/proc/self/fd/${handle.fd}`);
    // A file removed since it was opened reads "/path (deleted)": not a path inside anything.
    if (path.isAbsolute(named) && !named.endsWith(' (deleted)')) return named;
  } catch {
    // No /proc (macOS, Windows, a container without it): compare identities instead.
  }
  try {
    const resolved = await realpath(opened);
    const now = await lstat(resolved);
    return now.dev === stats.dev && now.ino === stats.ino ? resolved : null;
  } catch {
    return null;
  }
}

/**
 * Opens `file` read-only and only then checks what it opened: the descriptor's real path must lie
 * inside a granted root, a file must be a regular file with one hard link (a second link could be
 * anywhere, outside the grant included), a folder must be a folder. Opening never blocks on a FIFO
 * or takes a terminal. The caller closes `handle`.
 */
export async function openInGrant(
  file: string,
  roots: readonly string[],
  kind: 'file' | 'folder',
): Promise<OpenedInGrant | OpenRefusal> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch {
    return { refusal: 'does not exist or cannot be read' };
  }
  const refuse = async (refusal: string): Promise<OpenRefusal> => {
    await handle.close();
    return { refusal };
  };
  const stats = await handle.stat();
  const real = await realPathOf(handle, file, stats);
  if (real === null || !isInsideGrant(real, roots)) return await refuse('is outside the granted folders');
  if (kind === 'folder') return stats.isDirectory() ? { handle, real, stats } : await refuse('is not a folder');
  if (!stats.isFile()) return await refuse('is not a file');
  if (stats.nlink > 1)
    return await refuse(
      `has ${stats.nlink} hard links; only files with one link are read, since another link may lie outside the granted folders`,
    );
  return { handle, real, stats };
}

/**
 * The entries of a folder opened by {@link openInGrant}: read through its descriptor on Linux, so
 * the listing is of the folder that was checked; elsewhere by its real path, checked again after.
 */
export async function readOpenedFolder(opened: OpenedInGrant): Promise<Dirent[] | null> {
  try {
    return await readdir(`/proc/self/fd/${opened.handle.fd}`, { withFileTypes: true });
  } catch {
    const entries = await readdir(opened.real, { withFileTypes: true });
    const now = await lstat(opened.real);
    return now.dev === opened.stats.dev && now.ino === opened.stats.ino ? entries : null;
  }
}

/** Up to `length` bytes of an opened file from byte `start`. */
export async function readOpened(opened: OpenedInGrant, start: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await opened.handle.read(buffer, 0, length, start);
  return buffer.subarray(0, bytesRead);
}
