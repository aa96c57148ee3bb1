import { access, mkdir, rename, rm } from 'node:fs/promises';
import type { ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import type { EgressGate, EgressPermit } from '#core/egress/EgressGate.ts';
import { EngineError, InvalidRequestError, toIpcError } from '#core/errors.ts';
import { checkGgufFile } from '#core/llm/providers/checkGgufFile.ts';
import type { Clock, Logger } from '#core/ports.ts';
import { downloadFileName, parseDownloadUrl } from './downloadTarget.ts';
import { fetchFollowingRedirects } from './fetchFollowingRedirects.ts';
import {
  listPartMetas,
  partPaths,
  partSize,
  readPartMeta,
  removePartFiles,
  writePartMeta,
  type PartMeta,
} from './partFiles.ts';
import { sha256File } from './sha256File.ts';
import { transferToPart } from './transferToPart.ts';

/** Options of {@link ModelDownloads}. */
export type ModelDownloadsOptions = {
  /** Where finished models go (the data folder's `models/`); `.part` files sit beside them. */
  readonly modelsDir: string;
  readonly gate: EgressGate;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly newId: () => string;
  /** The profile whose egress audit log records the download's requests. */
  readonly profileId: () => string;
  /** Every change of a download: progress (throttled), state changes (always). */
  readonly onProgress: (download: ModelDownload) => void;
  /** Aborted when the engine closes: running downloads stop, their `.part` files kept. */
  readonly signal?: AbortSignal;
  /** Least time between two progress events of one download, in ms. Defaults to 200. */
  readonly progressIntervalMs?: number;
  /** The window the speed is measured over, in ms. Defaults to 3000. */
  readonly speedWindowMs?: number;
};

/** What to download. */
export type DownloadRequest = {
  readonly url: string;
  /** The catalog model, or null for a link the person pasted. */
  readonly catalogId: string | null;
  /** The catalog's sha256, which wins over the server's. */
  readonly sha256: string | null;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type Running = {
  readonly state: Mutable<ModelDownload>;
  readonly controller: AbortController;
  isDiscarding: boolean;
  lastEmitAt: number;
  samples: { at: number; bytes: number }[];
  done: Promise<ModelDownload>;
};

const isBusy = (download: ModelDownload): boolean =>
  download.state === 'downloading' || download.state === 'verifying';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Downloads GGUF models into the models folder: through the egress gate, resumable (a `.part`
 * file and its sidecar survive cancel, a cut connection and a restart; Resume asks the server for
 * the rest with HTTP Range), checked (sha256 against the catalog or the server, then the GGUF
 * header) before the file is renamed into place, with progress events.
 */
export class ModelDownloads {
  readonly #options: ModelDownloadsOptions;
  readonly #downloads = new Map<string, Running>();
  readonly #starting = new Set<string>();

  constructor(options: ModelDownloadsOptions) {
    this.#options = options;
  }

  /**
   * Starts a download, or resumes the `.part` of the same link; returns its id at once. Throws
   * `invalid-request` for a bad link or a model that is already installed.
   */
  async start(request: DownloadRequest): Promise<{ downloadId: string }> {
    const url = parseDownloadUrl(request.url).href;
    const fileName = downloadFileName(url);
    const running = [...this.#downloads.values()].find(
      (entry) => entry.state.fileName === fileName && isBusy(entry.state),
    );
    if (running !== undefined) {
      if (running.state.url === url) return { downloadId: running.state.id };
      throw new InvalidRequestError(`Another download is writing ${fileName}; wait for it or cancel it first.`);
    }
    if (this.#starting.has(fileName)) throw new InvalidRequestError(`${fileName} is already starting.`);
    this.#starting.add(fileName);
    try {
      return await this.#begin(request, url, fileName);
    } finally {
      this.#starting.delete(fileName);
    }
  }

  async #begin(request: DownloadRequest, url: string, fileName: string): Promise<{ downloadId: string }> {
    const { modelsDir } = this.#options;
    const { final } = partPaths(modelsDir, fileName);
    if (await exists(final))
      throw new InvalidRequestError(
        `${fileName} is already in your models folder (${final}). Delete that file first to download it again.`,
      );
    await mkdir(modelsDir, { recursive: true });
    const previous = await readPartMeta(modelsDir, fileName);
    let meta: PartMeta;
    if (previous !== undefined && previous.url === url) {
      meta = {
        ...previous,
        catalogId: request.catalogId ?? previous.catalogId,
        catalogSha256: request.sha256 ?? previous.catalogSha256,
      };
    } else {
      // A part from another link (or without its sidecar) cannot be trusted to be this file.
      await removePartFiles(modelsDir, fileName);
      meta = {
        id: this.#options.newId(),
        url,
        catalogId: request.catalogId,
        fileName,
        catalogSha256: request.sha256,
        serverSha256: null,
        totalBytes: null,
        label: request.catalogId ?? fileName,
      };
    }
    await writePartMeta(modelsDir, meta);
    this.#downloads.get(meta.id)?.controller.abort();
    const started: Omit<Running, 'done'> = {
      state: {
        ...this.#pausedState(meta, await partSize(modelsDir, fileName)),
        state: 'downloading',
      },
      controller: new AbortController(),
      isDiscarding: false,
      lastEmitAt: 0,
      samples: [],
    };
    this.#emit(started, true);
    // One object: cancel() flags it and the running transfer reads the flag.
    this.#downloads.set(meta.id, Object.assign(started, { done: this.#run(started, meta) }));
    return { downloadId: meta.id };
  }

  /**
   * Stops a download. Its `.part` stays for Resume unless `discard`, which also deletes a paused
   * or failed download's files. Returns whether it was running.
   */
  async cancel(downloadId: string, options: { discard?: boolean } = {}): Promise<boolean> {
    const entry = this.#downloads.get(downloadId);
    if (entry !== undefined && isBusy(entry.state)) {
      entry.isDiscarding = options.discard === true;
      entry.controller.abort();
      await entry.done;
      return true;
    }
    if (options.discard === true) {
      const meta = (await listPartMetas(this.#options.modelsDir)).find((candidate) => candidate.id === downloadId);
      const last = entry?.state ?? (meta === undefined ? undefined : this.#pausedState(meta, 0));
      if (last !== undefined) {
        await removePartFiles(this.#options.modelsDir, last.fileName);
        this.#downloads.delete(downloadId);
        this.#options.onProgress({ ...last, state: 'discarded', receivedBytes: 0, bytesPerSecond: null });
      }
    }
    return false;
  }

  /** Downloads running, paused (also those left by an earlier run of the app) and failed. */
  async list(): Promise<ModelDownload[]> {
    const shown = [...this.#downloads.values()]
      .map((entry) => ({ ...entry.state }))
      .filter((download) => download.state !== 'completed');
    for (const meta of await listPartMetas(this.#options.modelsDir)) {
      if (!shown.some((download) => download.id === meta.id || download.fileName === meta.fileName)) {
        shown.push(this.#pausedState(meta, await partSize(this.#options.modelsDir, meta.fileName)));
      }
    }
    return shown;
  }

  /**
   * Resolves once no download is running. Downloads stop on the engine's signal; this waits for
   * each to write its part file and its audit record, so the database can close after it.
   */
  async settleAll(): Promise<void> {
    await Promise.allSettled([...this.#downloads.values()].map((entry) => entry.done));
  }

  /** Resolves with the download's last state once it stops (finished, paused or failed). */
  async settled(downloadId: string): Promise<ModelDownload> {
    const entry = this.#downloads.get(downloadId);
    if (entry === undefined) throw new InvalidRequestError(`No download with id ${downloadId}.`);
    return await entry.done;
  }

  #pausedState(meta: PartMeta, receivedBytes: number): Mutable<ModelDownload> {
    return {
      id: meta.id,
      url: meta.url,
      catalogId: meta.catalogId,
      fileName: meta.fileName,
      state: 'paused',
      receivedBytes,
      totalBytes: meta.totalBytes,
      bytesPerSecond: null,
      expectedSha256: meta.catalogSha256 ?? meta.serverSha256,
      sha256: null,
      checksum: 'pending',
      path: null,
      error: null,
    };
  }

  // Why a download may leave in every privacy mode, local-only included: the person asked for
  // this file, and the request carries nothing of theirs (a GET for a public file: no prompt, no
  // document, no key). The privacy modes govern the person's data; they are not a firewall. Each
  // request still goes through the egress gate, on a permit for exactly the origin it goes to, and
  // is written to the egress audit log like any other request that leaves.
  #permit(origin: string, label: string): EgressPermit {
    return {
      profileId: this.#options.profileId(),
      taskId: null,
      provider: 'model-download',
      model: label,
      origin,
      allowedBy: 'user',
      redactions: {},
    };
  }

  async #run(entry: Omit<Running, 'done'>, initial: PartMeta): Promise<ModelDownload> {
    const { modelsDir, logger } = this.#options;
    const { state } = entry;
    const paths = partPaths(modelsDir, initial.fileName);
    const signal =
      this.#options.signal === undefined
        ? entry.controller.signal
        : AbortSignal.any([entry.controller.signal, this.#options.signal]);
    let meta = initial;
    try {
      await transferToPart({
        url: meta.url,
        partFile: paths.part,
        offset: await partSize(modelsDir, meta.fileName),
        known: { totalBytes: meta.totalBytes, serverSha256: meta.serverSha256 },
        fetch: (url, headers) =>
          fetchFollowingRedirects(url, {
            gate: this.#options.gate,
            permitFor: (origin) => this.#permit(origin, meta.label),
            headers,
            signal,
          }),
        signal,
        onStart: async ({ totalBytes, serverSha256, offset }) => {
          meta = { ...meta, totalBytes, serverSha256: serverSha256 ?? meta.serverSha256 };
          await writePartMeta(modelsDir, meta);
          Object.assign(state, {
            receivedBytes: offset,
            totalBytes,
            expectedSha256: meta.catalogSha256 ?? meta.serverSha256,
          });
          entry.samples = [{ at: this.#options.clock.now(), bytes: offset }];
          this.#emit(entry, true);
        },
        onBytes: (receivedBytes) => {
          state.receivedBytes = receivedBytes;
          this.#emit(entry, false);
        },
      });
      Object.assign(state, { state: 'verifying', bytesPerSecond: null, totalBytes: state.totalBytes ?? state.receivedBytes });
      this.#emit(entry, true);
      await this.#verifyAndInstall(entry, meta, signal);
    } catch (error) {
      // What is on disk is what a resume continues from.
      state.receivedBytes = await partSize(modelsDir, meta.fileName);
      if (signal.aborted) {
        if (entry.isDiscarding) {
          await removePartFiles(modelsDir, meta.fileName);
          this.#downloads.delete(state.id);
        }
        Object.assign(state, { state: entry.isDiscarding ? 'discarded' : 'paused', bytesPerSecond: null, error: null });
      } else {
        const hasPart = (await partSize(modelsDir, meta.fileName)) > 0;
        if (!hasPart) await removePartFiles(modelsDir, meta.fileName);
        Object.assign(state, {
          state: hasPart ? 'paused' : 'failed',
          bytesPerSecond: null,
          error: toIpcError(error, logger, 'model:download'),
        });
        logger.warn('model download stopped', { id: state.id, url: meta.url, error: state.error?.message });
      }
    }
    this.#emit(entry, true);
    return { ...state };
  }

  async #verifyAndInstall(entry: Omit<Running, 'done'>, meta: PartMeta, signal: AbortSignal): Promise<void> {
    const { modelsDir } = this.#options;
    const { state } = entry;
    const paths = partPaths(modelsDir, meta.fileName);
    const sha256 = await sha256File(paths.part, signal);
    const expected = meta.catalogSha256 ?? meta.serverSha256;
    state.sha256 = sha256;
    if (expected !== null && sha256 !== expected) {
      state.checksum = 'mismatch';
      await removePartFiles(modelsDir, meta.fileName);
      throw new EngineError(
        'model-missing',
        `The downloaded ${meta.fileName} is not the published file: its sha256 is ${sha256}, expected ${expected}. It was deleted; download it again, and if this repeats, the server is sending a different file.`,
      );
    }
    state.checksum = expected === null ? 'unverified' : 'verified';
    try {
      await checkGgufFile(paths.part);
    } catch (error) {
      await removePartFiles(modelsDir, meta.fileName);
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineError(
        'model-missing',
        `The downloaded file is not a usable GGUF model, so it was deleted (${reason}). Check that the link points to a .gguf model file.`,
        { cause: error },
      );
    }
    if (await exists(paths.final))
      throw new InvalidRequestError(`${meta.fileName} appeared in the models folder meanwhile; the download was kept as ${paths.part}.`);
    await rename(paths.part, paths.final);
    await rm(paths.meta, { force: true });
    Object.assign(state, { state: 'completed', path: paths.final, receivedBytes: state.totalBytes ?? state.receivedBytes });
    this.#options.logger.info('model downloaded', { file: paths.final, sha256, checksum: state.checksum });
  }

  #emit(entry: Omit<Running, 'done'>, force: boolean): void {
    const now = this.#options.clock.now();
    if (!force && now - entry.lastEmitAt < (this.#options.progressIntervalMs ?? 200)) return;
    entry.lastEmitAt = now;
    if (entry.state.state === 'downloading') {
      const windowMs = this.#options.speedWindowMs ?? 3000;
      entry.samples.push({ at: now, bytes: entry.state.receivedBytes });
      while (entry.samples.length > 2 && (entry.samples[0]?.at ?? now) < now - windowMs) entry.samples.shift();
      const first = entry.samples[0];
      const seconds = first === undefined ? 0 : (now - first.at) / 1000;
      entry.state.bytesPerSecond =
        first !== undefined && seconds >= 0.2 ? Math.round((entry.state.receivedBytes - first.bytes) / seconds) : null;
    }
    this.#options.onProgress({ ...entry.state });
  }
}
