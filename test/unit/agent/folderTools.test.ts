import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import type { ToolRunner } from '#core/llm/providers/ChatProvider.ts';

let granted: string;
let outside: string;
let tools: ToolRunner;

beforeAll(async () => {
  const base = await mkdtemp(path.join(os.tmpdir(), 'atropos-folder-tools-'));
  granted = path.join(base, 'granted');
  outside = path.join(base, 'outside');
  await mkdir(path.join(granted, 'notes'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(granted, 'readme.txt'), 'Hello\nThe invoice total is 1124 EUR.\n');
  await writeFile(path.join(granted, 'notes', 'todo.md'), '- pay the INVOICE\n- call Ana\n');
  await writeFile(path.join(granted, 'image.bin'), Buffer.from([1, 0, 2, 3]));
  await writeFile(path.join(granted, 'long.txt'), 'x'.repeat(100));
  await writeFile(path.join(outside, 'secret.txt'), 'invoice password hunter2\n');
  await symlink(outside, path.join(granted, 'escape'));
  await symlink(path.join(outside, 'secret.txt'), path.join(granted, 'secret-link.txt'));
  tools = createToolRegistry(createFolderTools({ roots: [granted], maxReadBytes: 40 }));
});

describe('folder tools over a granted folder', () => {
  it('lists, reads and searches inside the grant', async () => {
    expect(await tools.call('list_files', {})).toEqual([
      'escape',
      'image.bin',
      'long.txt',
      'notes/',
      'readme.txt',
      'secret-link.txt',
    ]);
    expect(await tools.call('read_file', { path: 'readme.txt' })).toBe('Hello\nThe invoice total is 1124 EUR.\n');
    expect(await tools.call('search_files', { query: 'invoice' })).toEqual([
      'notes/todo.md:1: - pay the INVOICE',
      'readme.txt:2: The invoice total is 1124 EUR.',
    ]);
  });

  it('pages a long file by offset', async () => {
    const first = await tools.call('read_file', { path: 'long.txt' });
    expect(first).toBe(`${'x'.repeat(40)}\n[... 60 more bytes; read again with offset 40]`);
    expect(await tools.call('read_file', { path: 'long.txt', offset: 80 })).toBe('x'.repeat(20));
  });

  it('refuses paths outside the grant: .., absolute paths and symlinks', async () => {
    expect(await tools.call('read_file', { path: '../outside/secret.txt' })).toMatch(/outside the granted folders/);
    expect(await tools.call('read_file', { path: path.join(outside, 'secret.txt') })).toMatch(/outside the granted/);
    expect(await tools.call('read_file', { path: 'secret-link.txt' })).toMatch(/outside the granted folders/);
    expect(await tools.call('list_files', { path: 'escape' })).toMatch(/outside the granted folders/);
    // The search walks past symlinks instead of following them.
    expect(await tools.call('search_files', { query: 'hunter2' })).toBe('no line contains "hunter2"');
  });

  it('answers bad calls with readable errors instead of throwing', async () => {
    expect(await tools.call('read_file', { path: 'image.bin' })).toMatch(/not a text file/);
    expect(await tools.call('read_file', { path: 'missing.txt' })).toMatch(/does not exist/);
    expect(await tools.call('read_file', { path: 'notes' })).toMatch(/not a file/);
    expect(await tools.call('search_files', { query: '' })).toMatch(/give a text/);
    expect(await tools.call('delete_file', { path: 'readme.txt' })).toMatch(/unknown tool/);
    const none = createToolRegistry(createFolderTools({ roots: [] }));
    expect(await none.call('list_files', {})).toMatch(/no folder is granted/);
  });
});
