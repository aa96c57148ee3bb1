import { Fragment } from 'react';
import type { CatalogModel, ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import { formatBytes } from '../../format/formatBytes.ts';
import { DownloadProgress } from './DownloadProgress.tsx';

/** Props of CatalogTable. */
export type CatalogTableProps = {
  readonly models: readonly CatalogModel[];
  /** The download of each catalog model that has one, by catalog id. */
  readonly downloads: ReadonlyMap<string, ModelDownload>;
  readonly onDownload: (model: CatalogModel) => void;
  /** The catalog id whose download request is in flight. */
  readonly startingId: string | null;
};

const columnCount = 7;

const downloadStatus: Record<ModelDownload['state'], string> = {
  downloading: 'Downloading',
  verifying: 'Verifying',
  paused: 'Paused',
  failed: 'Failed',
  completed: 'Installed',
  discarded: 'Not installed',
};

function status(model: CatalogModel, download: ModelDownload | undefined): string {
  if (model.installedPath !== null) return model.kind === 'fixture' ? 'Bundled' : 'Installed';
  return download === undefined ? 'Not installed' : downloadStatus[download.state];
}

/** The catalog: fixture models and recommended GGUFs, what each is, and Download for those missing. */
export function CatalogTable({ models, downloads, onDownload, startingId }: CatalogTableProps) {
  return (
    <table className="data-table" data-testid="model-catalog">
      <caption className="visually-hidden">Model catalog</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col" className="numeric">
            Size
          </th>
          <th scope="col">Licence</th>
          <th scope="col">Chat format</th>
          <th scope="col">Tool calling</th>
          <th scope="col">Status</th>
          <th scope="col" className="actions-cell">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => {
          const download = downloads.get(model.id);
          const canDownload = model.installedPath === null && model.url !== null && download === undefined;
          return (
            <Fragment key={model.id}>
              <tr className={download === undefined ? undefined : 'row-with-problem'} data-catalog-id={model.id}>
                <td>
                  <strong>{model.name}</strong>
                  <div className="secondary-text">{model.purpose}</div>
                </td>
                <td className="numeric nowrap">
                  {model.isSizeApproximate ? '≈ ' : ''}
                  {formatBytes(model.sizeBytes)}
                </td>
                <td>{model.licence}</td>
                <td>{model.chatFormat}</td>
                <td>{model.toolCalling ? 'Yes' : 'No'}</td>
                <td className="nowrap">
                  <span className={`badge ${model.installedPath === null ? '' : 'badge-succeeded'}`}>
                    {status(model, download)}
                  </span>
                </td>
                <td className="actions-cell">
                  {canDownload && (
                    <button
                      type="button"
                      onClick={() => onDownload(model)}
                      disabled={startingId === model.id}
                      aria-label={`Download ${model.name}`}
                    >
                      Download
                    </button>
                  )}
                </td>
              </tr>
              {download !== undefined && (
                <tr>
                  <td colSpan={columnCount}>
                    <DownloadProgress
                      download={download}
                      onResume={() => onDownload(model)}
                      isResuming={startingId === model.id}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
