import { DateTime } from '../../components/DateTime.tsx';
import type { EgressRecord } from '#shared/domain.ts';
import { formatBytes } from '../../format/formatBytes.ts';
import { formatCount } from '../../format/formatCount.ts';
import { formatUsd } from '../../format/formatUsd.ts';

/** Props of EgressTable. */
export type EgressTableProps = { readonly records: readonly EgressRecord[] };

function describeRedactions(record: EgressRecord): string {
  const entries = Object.entries(record.redactions).filter(([, count]) => count > 0);
  if (entries.length === 0) return record.redactionCount === 0 ? 'None' : formatCount(record.redactionCount);
  return entries.map(([type, count]) => `${type.replaceAll('_', ' ')} × ${count}`).join(', ');
}

/**
 * What a request that left was for, in words: a task's (or chat turn's) request to a cloud model, a
 * model file download, or a provider's connection test (the two kinds that belong to no task).
 */
export function egressKind(record: Pick<EgressRecord, 'taskId' | 'provider'>): string {
  if (record.taskId !== null) return 'Task request';
  return record.provider === 'model-download' ? 'Model download' : 'Connection test';
}

/**
 * What left this computer (the egress audit log): every request that left, what it was for, what
 * it held back and what allowed it. Six columns, when and what for, the destination and the size
 * stacked, so it fits beside a chat turn too.
 */
export function EgressTable({ records }: EgressTableProps) {
  return (
    <table className="data-table" data-testid="egress-table">
      <caption className="visually-hidden">What left this computer</caption>
      <thead>
        <tr>
          <th scope="col">When, what for</th>
          <th scope="col">Sent to</th>
          <th scope="col">Held back</th>
          <th scope="col" className="numeric">
            Size
          </th>
          <th scope="col" className="numeric">
            Cost
          </th>
          <th scope="col">Allowed by</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id}>
            <td>
              <DateTime moment={record.at} />
              <span className="cell-detail" data-testid="egress-kind">
                {egressKind(record)}
              </span>
            </td>
            <td>
              {record.model ?? record.provider}
              <span className="cell-detail file-name">{record.endpoint}</span>
            </td>
            <td>{describeRedactions(record)}</td>
            <td className="numeric">
              <span className="nowrap">{formatBytes(record.bytesSent)}</span>
              {record.tokensIn !== null && (
                <span className="cell-detail">
                  {formatCount(record.tokensIn)} / {formatCount(record.tokensOut ?? 0)} tokens
                </span>
              )}
            </td>
            <td className="numeric nowrap">{record.costUsd === null ? '–' : formatUsd(record.costUsd)}</td>
            <td>{record.allowedBy === 'user' ? 'Your approval' : 'Policy'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
