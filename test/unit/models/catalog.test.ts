import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';

type Entry = {
  id: string;
  kind: 'fixture' | 'recommended';
  file?: string;
  url?: string;
  uri?: string;
  sha256: string | null;
  sizeBytes?: number;
  sizeBytesApprox?: number;
  licence: string;
  chatFormat: string;
  toolCalling: boolean;
};
const models = path.join(repositoryRoot, 'models');
const catalog = JSON.parse(readFileSync(path.join(models, 'catalog.json'), 'utf8')) as { models: Entry[] };
const manifest = JSON.parse(readFileSync(path.join(models, 'fixtures', 'manifest.json'), 'utf8')) as {
  models: { file: string; sha256: string; sizeBytes: number }[];
};

describe('models/catalog.json', () => {
  it('lists every fixture with the hash and size of the committed file and the manifest', () => {
    const fixtures = catalog.models.filter((entry) => entry.kind === 'fixture');
    expect(fixtures.map((entry) => path.basename(entry.file ?? ''))).toEqual(manifest.models.map((model) => model.file));
    for (const entry of fixtures) {
      const bytes = readFileSync(path.join(models, entry.file ?? ''));
      expect(entry.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(entry.sizeBytes).toBe(bytes.length);
      expect(manifest.models.find((model) => entry.file?.endsWith(model.file))?.sha256).toBe(entry.sha256);
    }
  });

  it('gives every recommended model a Hugging Face download, a size, a licence and a chat format', () => {
    const recommended = catalog.models.filter((entry) => entry.kind === 'recommended');
    expect(recommended.length).toBeGreaterThanOrEqual(4);
    for (const entry of recommended) {
      expect(entry.url).toMatch(/^https:\/\/huggingface\.co\/[^/]+\/[^/]+\/resolve\/main\/[^/]+\.gguf$/);
      expect(entry.uri).toMatch(/^hf:[^/]+\/[^/]+\/[^/]+\.gguf$/);
      expect(entry.sizeBytesApprox).toBeGreaterThan(100_000_000);
      expect(entry.licence.length).toBeGreaterThan(3);
      expect(entry.chatFormat.length).toBeGreaterThan(3);
    }
    expect(new Set(catalog.models.map((entry) => entry.id)).size).toBe(catalog.models.length);
  });
});
