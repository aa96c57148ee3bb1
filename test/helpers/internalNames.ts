import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Names that belong to the code, not to the screen, derived from the shared types. */
export type InternalNames = {
  /** camelCase property names of the shared types and schemas (`operatingPoint`, `costUsd`). */
  readonly identifiers: ReadonlySet<string>;
  /** Hyphenated string literals of the shared types (`policy-denied`, `save-most`). */
  readonly codes: ReadonlySet<string>;
};

/** Every .ts file under a folder. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(folder, file));
}

/**
 * Reads shared/ with the TypeScript parser and collects what the UI must never print: property
 * names written in camelCase (in types and in zod schemas' object literals) and hyphenated string
 * literals (error codes, enum members), which the screens translate into words.
 */
export function internalNames(sharedFolder = 'shared'): InternalNames {
  const identifiers = new Set<string>();
  const codes = new Set<string>();
  const visit = (node: ts.Node): void => {
    const name =
      ts.isPropertySignature(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)
        ? node.name
        : undefined;
    if (name !== undefined && ts.isIdentifier(name) && /^[a-z]+[A-Z]/.test(name.text)) identifiers.add(name.text);
    // An object literal's quoted key names a thing people see (a model id in the built-in price table);
    // the codes are the union members and values, which every such key of shared/ also appears as.
    const isKey = ts.isStringLiteral(node) && ts.isPropertyAssignment(node.parent) && node.parent.name === node;
    if (ts.isStringLiteral(node) && !isKey && /^[a-z]+(?:-[a-z0-9]+)+$/.test(node.text)) codes.add(node.text);
    ts.forEachChild(node, visit);
  };
  for (const file of sourceFiles(sharedFolder)) {
    visit(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true));
  }
  return { identifiers, codes };
}

/**
 * The internal names in a screen's text: any camelCase word (two or more lower-case letters, then a
 * capital: the shape of a field name, listed or not; a unit such as kB is not one), any class name
 * of three or more capitalised parts and any hyphenated code of the shared types standing as
 * a word of its own.
 */
export function internalNamesIn(text: string, names: InternalNames): string[] {
  const found = new Set<string>();
  // A file path the screen shows (the data folder, a model file) is the user's own text: a random
  // temporary folder name such as `atropos-seeded-joLnRV` is not an internal name.
  const withoutPaths = text.replace(/\S*[/\\]\S*/g, ' ');
  for (const [word] of withoutPaths.matchAll(/[A-Za-z][A-Za-z0-9_]*/g)) {
    if (names.identifiers.has(word) || /^[a-z]{2,}[A-Z]/.test(word)) found.add(word);
    // A class name of three or more capitalised parts (QwenChatWrapper), not a brand (OpenAI, GitHub).
    else if (/[A-Z][a-z0-9]+[A-Z][a-z0-9]+[A-Z][a-z0-9]+/.test(word)) found.add(word);
  }
  for (const [word] of withoutPaths.matchAll(/(?<![\w-])[a-z]+(?:-[a-z0-9]+)+(?![\w-])/g)) {
    if (names.codes.has(word)) found.add(word);
  }
  return [...found];
}
