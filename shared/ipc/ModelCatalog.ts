import type { IpcError } from './IpcError.ts';

/** One model of models/catalog.json, with whether it is on this machine. */
export type CatalogModel = {
  readonly id: string;
  readonly name: string;
  /** `fixture`: the tiny test models shipped with the app; `recommended`: real GGUFs to download. */
  readonly kind: 'fixture' | 'recommended';
  readonly role: string;
  /** The https download link of a recommended model; null for a fixture. */
  readonly url: string | null;
  /** Exact for fixtures, approximate (the catalog's `sizeBytesApprox`) for recommended models. */
  readonly sizeBytes: number;
  readonly isSizeApproximate: boolean;
  /** The file's sha256 when the catalog knows it; null: checked against the server's at download. */
  readonly sha256: string | null;
  readonly licence: string;
  readonly chatFormat: string;
  readonly toolCalling: boolean;
  readonly purpose: string;
  /** Where the model is on this machine; null when it is not installed. */
  readonly installedPath: string | null;
};

/**
 * Where a download stands. `paused`: cancelled or interrupted, its `.part` kept for Resume;
 * `failed`: nothing left to resume (see `error`); `discarded`: cancelled and its `.part` deleted.
 */
export type ModelDownloadState = 'downloading' | 'verifying' | 'paused' | 'failed' | 'completed' | 'discarded';

/**
 * How the file's sha256 was checked: `pending` until it is complete; `verified` when it matched
 * the catalog's or the server's; `unverified` when nobody published one (the computed hash is
 * shown so the person can compare it); `mismatch` when it differed (the file was deleted).
 */
export type ChecksumState = 'pending' | 'verified' | 'unverified' | 'mismatch';

/** One model download, as `model:download-progress` reports it. */
export type ModelDownload = {
  readonly id: string;
  readonly url: string;
  /** The catalog model it downloads; null for a link the person pasted. */
  readonly catalogId: string | null;
  readonly fileName: string;
  readonly state: ModelDownloadState;
  readonly receivedBytes: number;
  /** Null while the server has not said. */
  readonly totalBytes: number | null;
  /** Over the last few seconds; null when not downloading. */
  readonly bytesPerSecond: number | null;
  /** The sha256 the file must have (catalog, then the server's ETag); null when unknown. */
  readonly expectedSha256: string | null;
  /** The file's computed sha256, once it is complete. */
  readonly sha256: string | null;
  readonly checksum: ChecksumState;
  /** The installed file once `completed`. */
  readonly path: string | null;
  /** Why it stopped, when `failed` or interrupted; what to do next is in the message. */
  readonly error: IpcError | null;
};

/** What the Models screen loads: the catalog, downloads in progress or resumable, the local source. */
export type ModelCatalog = {
  readonly models: readonly CatalogModel[];
  readonly downloads: readonly ModelDownload[];
  /** The GGUF tasks run on; null: the bundled source fixture model. */
  readonly localSource: string | null;
  /** The folder downloads and imports go to. */
  readonly modelsDir: string;
};

/** A cloud provider's connection test that succeeded. */
export type CloudTestResult = {
  /** Models the endpoint listed; null when it answered without a list. */
  readonly modelCount: number | null;
  /** Whether the provider's model is among them; null when there was no list. */
  readonly isModelListed: boolean | null;
  readonly latencyMs: number;
};
