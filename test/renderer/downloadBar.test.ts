// A failed or paused download's bar stops where it stopped (only a running download of unknown size
// animates), and its button says what the engine will do: Resume from the kept part, or download again.
import { describe, expect, it } from 'vitest';
import type { ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import { downloadBar } from '../../renderer/src/screens/models/DownloadProgress.tsx';

const download = (overrides: Partial<ModelDownload>): ModelDownload => ({
  id: 'd1',
  url: 'http://127.0.0.1:1/files/m.gguf',
  catalogId: null,
  fileName: 'm.gguf',
  state: 'downloading',
  receivedBytes: 500,
  totalBytes: null,
  bytesPerSecond: null,
  expectedSha256: null,
  sha256: null,
  checksum: 'pending',
  path: null,
  error: null,
  ...overrides,
});

describe('downloadBar', () => {
  it('animates only while running without a known size or while checking', () => {
    expect(downloadBar(download({})).isIndeterminate).toBe(true);
    expect(downloadBar(download({ state: 'verifying', totalBytes: 1000 })).isIndeterminate).toBe(true);
    expect(downloadBar(download({ totalBytes: 1000 })).isIndeterminate).toBe(false);
    for (const state of ['failed', 'paused', 'completed'] as const)
      expect(downloadBar(download({ state })).isIndeterminate, state).toBe(false);
  });

  it('offers Resume where a part was kept, Download again where nothing was or the file was deleted', () => {
    expect(downloadBar(download({ state: 'failed', receivedBytes: 500 })).canContinue).toBe(true);
    expect(downloadBar(download({ state: 'failed', receivedBytes: 0 })).canContinue).toBe(false);
    expect(downloadBar(download({ state: 'failed', checksum: 'mismatch' })).canContinue).toBe(false);
    expect(downloadBar(download({ state: 'paused', receivedBytes: 0 })).canContinue).toBe(true);
  });
});
