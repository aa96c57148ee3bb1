import { useCallback, useState } from 'react';
import type { ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import { useBridgeEvent } from '../../ipc/useBridgeEvent.ts';

/** The downloads the screen shows, keyed by id: the catalog's list, then every progress event. */
export type ModelDownloads = {
  readonly byId: ReadonlyMap<string, ModelDownload>;
  /** Replaces the list with a fresh catalog's (events that arrived meanwhile are newer and kept). */
  readonly reset: (downloads: readonly ModelDownload[]) => void;
};

/**
 * Follows `model:download-progress`. `onFinished` runs when a download completes, so the screen
 * can reload the catalog and the model list.
 */
export function useModelDownloads(onFinished: (download: ModelDownload) => void): ModelDownloads {
  const [byId, setById] = useState<ReadonlyMap<string, ModelDownload>>(new Map());
  useBridgeEvent('model:download-progress', (download) => {
    setById((previous) => {
      const next = new Map(previous);
      if (download.state === 'discarded') next.delete(download.id);
      else next.set(download.id, download);
      return next;
    });
    if (download.state === 'completed') onFinished(download);
  });
  const reset = useCallback((downloads: readonly ModelDownload[]) => {
    setById((previous) => {
      const next = new Map(downloads.map((download) => [download.id, download] as const));
      // A running download's live state beats the snapshot the catalog took, and a finished one
      // stays on screen (with its checksum) until the page is reloaded.
      for (const [id, download] of previous) {
        if (download.state === 'downloading' || download.state === 'verifying' || download.state === 'completed')
          next.set(id, download);
      }
      return next;
    });
  }, []);
  return { byId, reset };
}
