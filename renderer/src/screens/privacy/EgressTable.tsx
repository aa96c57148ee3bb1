import type { EgressRecord } from '#shared/domain.ts';
import { formatBytes } from '../../format/formatBytes.ts';
import { formatDateTime } from '../../format/formatDateTime.ts';

/** Props of EgressTable. */
export type EgressTableProps = { readonly records: readonly EgressRecord[] };

/** The egress audit log: every request that left the machine, and what allowed it. */
export function EgressTable({ records }: EgressTableProps) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Egress audit log</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Provider</th>
          <th scope="col">Endpoint</th>
          <th scope="col" className="numeric">
            Sent
          </th>
          <th scope="col" className="numeric">
            Redactions
          </th>
          <th scope="col">Allowed by</th>
        </tr>
      </thead>
      <tbody>
        {records.map((record) => (
          <tr key={record.id}>
            <td className="nowrap">{formatDateTime(record.at)}</td>
            <td>{record.provider}</td>
            <td className="file-name">{record.endpoint}</td>
            <td className="numeric nowrap">{formatBytes(record.bytesSent)}</td>
            <td className="numeric">{record.redactionCount}</td>
            <td>{record.allowedBy === 'user' ? 'Your approval' : 'Policy'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
