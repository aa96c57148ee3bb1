import type { LedgerEntry } from '#shared/domain.ts';
import { formatCount } from '../../format/formatCount.ts';
import { formatDateTime } from '../../format/formatDateTime.ts';
import { formatUsd } from '../../format/formatUsd.ts';

/** Props of LedgerTable. */
export type LedgerTableProps = { readonly entries: readonly LedgerEntry[] };

/** Recent charges of the cost ledger. */
export function LedgerTable({ entries }: LedgerTableProps) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Recent charges</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Provider</th>
          <th scope="col">Model</th>
          <th scope="col" className="numeric">
            Tokens in
          </th>
          <th scope="col" className="numeric">
            Tokens out
          </th>
          <th scope="col" className="numeric">
            Cost
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className="nowrap">{formatDateTime(entry.at)}</td>
            <td>{entry.provider}</td>
            <td>{entry.model}</td>
            <td className="numeric">{formatCount(entry.tokensIn)}</td>
            <td className="numeric">{formatCount(entry.tokensOut)}</td>
            <td className="numeric">{formatUsd(entry.costUsd)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
