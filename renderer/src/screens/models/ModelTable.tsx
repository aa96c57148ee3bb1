import { Fragment } from 'react';
import type { ModelEntry } from '#shared/domain.ts';
import { formatBytes } from '../../format/formatBytes.ts';
import { formatCount } from '../../format/formatCount.ts';

/** Props of ModelTable. */
export type ModelTableProps = { readonly models: readonly ModelEntry[] };

const columnCount = 5;

/** GGUF files with their header facts; an unusable file gets a warning row right under it. */
export function ModelTable({ models }: ModelTableProps) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">GGUF models</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Source</th>
          <th scope="col">Architecture</th>
          <th scope="col" className="numeric">Size</th>
          <th scope="col" className="numeric">Context length</th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <Fragment key={model.path}>
            <tr className={model.problem === null ? undefined : 'row-with-problem'}>
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
