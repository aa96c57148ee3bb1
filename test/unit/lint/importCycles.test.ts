import { describe, expect, it } from 'vitest';
import { findCycles, groupGraph, readImportGraph, sourceFilesUnder, type ImportGraph } from './importGraph.ts';

// STYLE.md: no import cycles between the runtime's folders or files; a type two folders need lives
// in the lower one. Type-only imports count. The lab (electron/lab), the CLI and the tests are
// outside the rule.
const runtimeFolders = [
  'electron/core',
  'electron/main',
  'electron/web',
  'electron/host',
  'electron/preload',
  'shared',
  'renderer',
];

/** A file's folder: an engine domain (electron/core/privacy, with its subfolders) or its directory. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'electron' && parts[1] === 'core') return parts.length > 3 ? parts.slice(0, 3).join('/') : file;
  return parts.slice(0, -1).join('/');
}

const graph = readImportGraph(sourceFilesUnder(runtimeFolders));

describe('import cycles in the runtime', () => {
  it('reads the whole runtime', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('electron/core/ipcRouter.ts')).toContain('electron/core/errors.ts');
  });

  it('has no cycle between files', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('has no cycle between folders', () => {
    expect(findCycles(groupGraph(graph, folderOf))).toEqual([]);
  });
});

describe('findCycles (the check can fail)', () => {
  it('finds a cycle through three files, including one made of type imports', () => {
    const cyclic: ImportGraph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(findCycles(cyclic)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('finds a cycle between folders that no two files form', () => {
    const files: ImportGraph = new Map([
      ['electron/core/graph/a.ts', ['electron/core/predictor/b.ts']],
      ['electron/core/predictor/b.ts', []],
      ['electron/core/predictor/c.ts', ['electron/core/graph/d.ts']],
      ['electron/core/graph/d.ts', []],
    ]);
    expect(findCycles(files)).toEqual([]);
    expect(findCycles(groupGraph(files, folderOf))).toEqual([['electron/core/graph', 'electron/core/predictor']]);
  });
});
