import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** file -> the project files it imports (type-only imports included: a type is a dependency too). */
export type ImportGraph = Map<string, string[]>;

const aliases: [prefix: string, folder: string][] = [
  ['#core/', 'electron/core/'],
  ['#lab/', 'electron/lab/'],
  ['#shared/', 'shared/'],
];

function resolveImport(from: string, specifier: string): string | undefined {
  const alias = aliases.find(([prefix]) => specifier.startsWith(prefix));
  let target: string;
  if (alias) target = alias[1] + specifier.slice(alias[0].length);
  else if (specifier.startsWith('.')) target = path.posix.join(path.posix.dirname(from), specifier);
  else return undefined;
  return [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((candidate) => existsSync(candidate));
}

/** The source files (.ts, .tsx) under the given folders, as repository-relative POSIX paths. */
export function sourceFilesUnder(folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
      .map((file) => path.posix.join(folder, file.split(path.sep).join('/'))),
  );
}

/** Reads every file's imports with TypeScript's own pre-processor (no type checking). */
export function readImportGraph(files: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((imported) => resolveImport(file, imported.fileName))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Groups the nodes of a graph (e.g. files into folders), dropping edges inside a group. */
export function groupGraph(graph: ImportGraph, groupOf: (file: string) => string): ImportGraph {
  const grouped: ImportGraph = new Map();
  for (const [file, targets] of graph) {
    const from = groupOf(file);
    const edges = new Set(grouped.get(from) ?? []);
    for (const target of targets) {
      const to = groupOf(target);
      if (to !== from) edges.add(to);
    }
    grouped.set(from, [...edges]);
  }
  return grouped;
}

/** The cycles of a graph: its strongly connected components with more than one node (Tarjan), sorted. */
export function findCycles(graph: ImportGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}
