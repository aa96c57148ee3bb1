import { Fragment } from 'react';
import type { ModelEntry } from '#shared/domain.ts';
import { formatBytes } from '../../format/formatBytes.ts';
import { formatCount } from '../../format/formatCount.ts';

/** Props of ModelTable. */
export type ModelTableProps = {
  readonly models: readonly ModelEntry[];
  /** The chosen local source; null: the bundled source fixture. */
  readonly localSource: string | null;
  /** The bundled source fixture's path, which is the source when none is chosen. */
  readonly defaultSource: string | null;
  readonly onChooseSource: (path: string | null) => void;
  readonly isSaving: boolean;
};

const columnCount = 6;

/**
 * GGUF files with their header facts and a radio for the local source model; an unusable file gets
 * a warning row right under it and cannot be chosen.
 */
export function ModelTable({ models, localSource, defaultSource, onChooseSource, isSaving }: ModelTableProps) {
  const chosen = localSource ?? defaultSource;
  return (
    <table className="data-table" data-testid="local-models">
      <caption className="visually-hidden">GGUF models on this machine</caption>
      <thead>
        <tr>
          <th scope="col">Local source</th>
          <th scope="col">File</th>
          <th scope="col">Source</th>
          <th scope="col">Architecture</th>
          <th scope="col" className="numeric">
            Size
          </th>
          <th scope="col" className="numeric">
            Context length
          </th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <Fragment key={model.path}>
            <tr className={model.problem === null ? undefined : 'row-with-problem'}>
              <td>
                <input
                  type="radio"
                  name="local-source"
                  aria-label={`Use ${model.fileName} as the local source model`}
                  checked={model.path === chosen}
                  disabled={model.problem !== null || isSaving}
                  onChange={() => onChooseSource(model.path === defaultSource ? null : model.path)}
                />
              </td>
              <td title={model.path}>
                <span className="file-name">{model.fileName}</span>
                {model.name !== null && <span className="secondary-text"> {model.name}</span>}
              </td>
              <td>{model.source === 'bundled' ? 'Bundled' : 'Your models folder'}</td>
              <td>{model.architecture ?? '—'}</td>
              <td className="numeric nowrap">{formatBytes(model.sizeBytes)}</td>
              <td className="numeric">{model.contextLength === null ? '—' : formatCount(model.contextLength)}</td>
            </tr>
            {model.problem !== null && (
              <tr className="problem-row">
                <td colSpan={columnCount} role="alert">
                  <strong>Cannot use {model.fileName}:</strong> {model.problem}
                </td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
