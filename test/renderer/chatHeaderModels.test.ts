// The chat header's local model list names the bundled source model once, marked as the default,
// instead of a "Bundled fixture (source.gguf)" entry beside the same file under its own name.
import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '#shared/ipc/ModelCatalog.ts';
import { bundledSourcePath, modelLabel } from '../../renderer/src/screens/chat/ChatHeader.tsx';

/** The kinds and roles of models/catalog.json, each installed at /models/<id>.gguf. */
function installedCatalog(): CatalogModel[] {
  const models = [
    ['atropos-world-source', 'fixture', 'local-source'],
    ['atropos-world-target', 'fixture', 'bench-target'],
    ['qwen2.5-1.5b-instruct-q4_k_m', 'recommended', 'local-source'],
  ] as const;
  return models.map(([id, kind, role]) => ({
    id,
    name: id,
    kind,
    role,
    url: null,
    sizeBytes: 1,
    isSizeApproximate: false,
    sha256: null,
    licence: 'MIT',
    chatFormat: 'ChatML',
    toolCalling: true,
    purpose: '',
    installedPath: `/models/${id}.gguf`,
  }));
}

describe('bundledSourcePath', () => {
  it("is the shipped catalog's bundled local source, not a downloadable source or the bench target", () => {
    expect(bundledSourcePath(installedCatalog())).toBe('/models/atropos-world-source.gguf');
  });

  it('is null while the catalog loads or the bundled model is missing', () => {
    expect(bundledSourcePath([])).toBeNull();
    const missing = installedCatalog().map((model) =>
      model.kind === 'fixture' ? { ...model, installedPath: null } : model,
    );
    expect(bundledSourcePath(missing)).toBeNull();
  });
});

describe('modelLabel', () => {
  it('marks the bundled default and leaves other names as they are', () => {
    expect(modelLabel('atropos-world-source', true)).toBe('atropos-world-source (bundled, the default)');
    expect(modelLabel('qwen2.5-1.5b-instruct', false)).toBe('qwen2.5-1.5b-instruct');
    expect(modelLabel('atropos-world-source', true)).not.toMatch(/fixture/i);
  });
});
