import path from 'node:path';
import type { ModelEntry } from '#shared/domain.ts';
import type { ModelCatalog } from '#shared/ipc/ModelCatalog.ts';
import { EngineError, InvalidRequestError, NotFoundError } from '#core/errors.ts';
import { importModel } from '#core/models/importModel.ts';
import { listModels } from '#core/models/listModels.ts';
import { ModelDownloads } from '#core/models/ModelDownloads.ts';
import { readCatalog, readCatalogEntries } from '#core/models/readCatalog.ts';
import type { DomainContext } from './EngineContext.ts';
import type { HandlerSlice } from './IpcHandlers.ts';

/** The engine's models: what is installed, the catalog and its downloads, imports, the local source. */
export type ModelsApi = {
  listModels(): Promise<ModelEntry[]>;
  /** The model catalog with what is installed, the downloads running or resumable, and the local source. */
  getModelCatalog(): Promise<ModelCatalog>;
  /**
   * Starts, or resumes from its `.part`, the download of a catalog model or a pasted link; answers
   * with its id at once, and progress goes out on `model:download-progress`.
   */
  downloadModel(input: { catalogId?: string | undefined; url?: string | undefined }): Promise<{ downloadId: string }>;
  /** Stops a download, keeping its `.part` for Resume unless `discard`; false when it was not running. */
  cancelModelDownload(downloadId: string, discard?: boolean): Promise<boolean>;
  /** Copies a GGUF file (checked first) into the models folder. */
  importModel(file: string): Promise<ModelEntry>;
  /** Chooses the GGUF that tasks run on when they name none; null: the bundled source fixture. */
  setLocalSource(file: string | null): Promise<string | null>;
  /**
   * Refuses, with what to do, a model file a task or the local source names that `listModels` does
   * not list or lists with a problem: page code picks among the listed models and reaches no other file.
   */
  checkListedModel(file: string): Promise<void>;
};

const localSourceKey = 'localSourceModel';

/** The models domain: its part of the facade, its IPC handlers, the downloads and the chosen local source. */
export function createModelsDomain(context: DomainContext) {
  const { ports, settings } = context;
  const userModelsDir = path.join(ports.paths.dataDir, 'models');
  const downloads = new ModelDownloads({
    modelsDir: userModelsDir,
    gate: context.gate,
    clock: ports.clock,
    logger: ports.logger,
    newId: ports.newId,
    profileId: () => context.activeRecord().id,
    onProgress: (payload) => context.emit({ channel: 'model:download-progress', payload }),
    signal: context.lifetime,
  });

  /** The GGUF tasks run on when they name none, or null for the bundled source fixture. */
  function readLocalSource(): string | null {
    const value = settings.read(localSourceKey);
    return typeof value === 'string' ? value : null;
  }

  const api: ModelsApi = {
    listModels: () =>
      listModels([
        { dir: ports.paths.bundledModelsDir, source: 'bundled' },
        { dir: userModelsDir, source: 'user' },
      ]),
    async getModelCatalog() {
      return {
        models: await readCatalog(ports.paths.bundledModelsDir, userModelsDir),
        downloads: await downloads.list(),
        localSource: readLocalSource(),
        modelsDir: userModelsDir,
      };
    },
    async downloadModel({ catalogId, url }) {
      if (catalogId !== undefined) {
        const entry = (await readCatalogEntries(ports.paths.bundledModelsDir)).find((model) => model.id === catalogId);
        if (entry === undefined) throw new NotFoundError(`No catalog model with id ${catalogId}; reload the catalog.`);
        if (entry.url === null)
          throw new InvalidRequestError(`${entry.name} ships with the app; there is nothing to download.`);
        return await downloads.start({ url: entry.url, catalogId, sha256: entry.sha256 });
      }
      if (url === undefined) throw new InvalidRequestError('Choose a catalog model or paste a link to a .gguf file.');
      return await downloads.start({ url, catalogId: null, sha256: null });
    },
    cancelModelDownload: (downloadId, discard) => downloads.cancel(downloadId, { discard: discard === true }),
    async importModel(file) {
      const imported = await importModel(file, userModelsDir);
      const entry = (await api.listModels()).find((model) => model.path === imported);
      if (entry === undefined) throw new NotFoundError(`${imported} vanished right after the import; import it again.`);
      return entry;
    },
    async setLocalSource(file) {
      if (file !== null) await api.checkListedModel(file);
      settings.write(localSourceKey, file);
      return file;
    },
    async checkListedModel(file) {
      const model = (await api.listModels()).find((entry) => entry.path === file);
      if (model === undefined)
        throw new NotFoundError(
          `${file} is not among the models Atropos can see (Models screen); refresh the list, or import the file there first.`,
        );
      if (model.problem !== null)
        throw new EngineError('model-missing', `${model.fileName} cannot run tasks: ${model.problem}`);
    },
  };

  const handlers = {
    'model:list': () => api.listModels(),
    'model:catalog': () => api.getModelCatalog(),
    'model:download': (request) => api.downloadModel(request),
    'model:cancel-download': async (request) => ({
      wasRunning: await api.cancelModelDownload(request.downloadId, request.discard),
    }),
    'model:import': (request) => api.importModel(request.path),
    'model:set-source': async (request) => ({ localSource: await api.setLocalSource(request.path) }),
  } satisfies HandlerSlice;

  return { api, handlers, downloads, readLocalSource };
}
