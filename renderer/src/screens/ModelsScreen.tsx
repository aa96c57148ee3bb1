import { useEffect, useState } from 'react';
import type { InvokeResponse } from '#shared/ipc/contract.ts';
import type { CatalogModel, ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useInvoke, type InvokeState } from '../ipc/useInvoke.ts';
import { useInvokeAction } from '../ipc/useInvokeAction.ts';
import { CatalogTable } from './models/CatalogTable.tsx';
import { CloudProvidersSection } from './models/CloudProvidersSection.tsx';
import { ComputeBackendLine } from './models/ComputeBackendLine.tsx';
import { DownloadProgress } from './models/DownloadProgress.tsx';
import { ModelTable } from './models/ModelTable.tsx';
import { PathActionForm } from './models/PathActionForm.tsx';
import { useModelDownloads } from './models/useModelDownloads.ts';
import './models/models.css';

/**
 * Models: the catalog with downloads (progress, speed, time left, cancel, resume, checksum), a
 * download from any link, import of a GGUF file, the local source model, and cloud providers.
 */
export function ModelsScreen() {
  const catalog = useInvoke('model:catalog', {});
  const models = useInvoke('model:list', {});
  const download = useInvokeAction('model:download');
  const [startingKey, setStartingKey] = useState<string | null>(null);
  // Where the last download request came from, so its error shows next to it.
  const [startedFrom, setStartedFrom] = useState<'catalog' | 'link'>('catalog');
  const reloadAll = (): void => {
    catalog.reload();
    models.reload();
  };
  const downloads = useModelDownloads(reloadAll);
  const { reset } = downloads;

  useEffect(() => {
    if (catalog.data !== undefined) reset(catalog.data.downloads);
  }, [catalog.data, reset]);

  async function start(key: string, request: { catalogId: string } | { url: string }): Promise<boolean> {
    setStartingKey(key);
    setStartedFrom('catalogId' in request ? 'catalog' : 'link');
    const result = await download.run(request);
    setStartingKey(null);
    return result.ok;
  }

  const all = [...downloads.byId.values()];
  const byCatalogId = new Map(
    all.filter((entry) => entry.catalogId !== null).map((entry) => [entry.catalogId ?? '', entry] as const),
  );
  const linkDownloads = all.filter((entry) => entry.catalogId === null);

  return (
    <ScreenFrame
      title="Models"
      description="The local model that runs your tasks, models to download, and the cloud providers tasks may escalate to."
      actions={<RefreshButton onRefresh={reloadAll} isLoading={catalog.isLoading || models.isLoading} />}
    >
      <section className="screen-section" aria-labelledby="catalog-title">
        <h2 id="catalog-title">Catalog</h2>
        {download.error !== undefined && startedFrom === 'catalog' && (
          <ErrorMessage error={download.error} title="Could not start the download." />
        )}
        <AsyncContent state={catalog} label="the model catalog">
          {(loaded) => (
            <CatalogTable
              models={loaded.models}
              downloads={byCatalogId}
              startingId={startingKey}
              onDownload={(model: CatalogModel) => void start(model.id, { catalogId: model.id })}
            />
          )}
        </AsyncContent>
        <PathActionForm
          id="download-url"
          title="Download from a link"
          label="Link to a .gguf file"
          hint="https:// (or http:// on this machine or your network). The file's sha256 is computed and checked when the server publishes one."
          placeholder="https://huggingface.co/…/resolve/main/model.gguf"
          submitLabel="Download"
          onSubmit={(url) => start(url, { url })}
          isRunning={download.isRunning}
          error={startedFrom === 'link' ? download.error : undefined}
          errorTitle="Could not start the download."
        />
        {linkDownloads.map((entry: ModelDownload) => (
          <div key={entry.id} className="panel link-download">
            <span className="file-name">{entry.url}</span>
            <DownloadProgress
              download={entry}
              onResume={() => void start(entry.url, { url: entry.url })}
              isResuming={startingKey === entry.url}
            />
          </div>
        ))}
      </section>
      <LocalModelsSection catalog={catalog} models={models} />
      <CloudProvidersSection />
    </ScreenFrame>
  );
}

/**
 * The GGUF models on this machine: choosing the local source model, and importing a file. Reloads
 * the catalog when the source changes and the list when a file was imported.
 */
function LocalModelsSection({
  catalog,
  models,
}: {
  readonly catalog: InvokeState<InvokeResponse<'model:catalog'>>;
  readonly models: InvokeState<InvokeResponse<'model:list'>>;
}) {
  const importModel = useInvokeAction('model:import');
  const setSource = useInvokeAction('model:set-source');
  return (
    <section className="screen-section" aria-labelledby="local-models-title">
      <h2 id="local-models-title">Models on this machine</h2>
      <p className="secondary-text">
        The local source model runs every task&apos;s paths. Downloads and imports go to{' '}
        <code>{catalog.data?.modelsDir ?? 'the models folder'}</code>.
      </p>
      <ComputeBackendLine />
      {setSource.error !== undefined && (
        <ErrorMessage error={setSource.error} title="Could not change the local source model." />
      )}
      <AsyncContent state={models} label="the models">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No GGUF models were found.">
              <p>Download one from the catalog or import a .gguf file.</p>
            </EmptyState>
          ) : (
            <ModelTable
              models={list}
              localSource={catalog.data?.localSource ?? null}
              defaultSource={
                catalog.data?.models.find((model) => model.kind === 'fixture' && model.role === 'local-source')
                  ?.installedPath ?? null
              }
              isSaving={setSource.isRunning}
              onChooseSource={(path) =>
                void setSource.run({ path }).then((result) => {
                  if (result.ok) catalog.reload();
                })
              }
            />
          )
        }
      </AsyncContent>
      <PathActionForm
        id="import-path"
        title="Import a GGUF file"
        label="Path of the .gguf file"
        hint="The full path on this computer. The file is checked, then copied into your models folder."
        placeholder="/home/you/Downloads/model.gguf"
        submitLabel="Import"
        onSubmit={async (path) => {
          const result = await importModel.run({ path });
          if (result.ok) models.reload();
          return result.ok;
        }}
        isRunning={importModel.isRunning}
        error={importModel.error}
        errorTitle="Could not import the file."
      />
    </section>
  );
}
