import type { ReactNode } from 'react';
import { formatCount } from '../../format/formatCount.ts';
import { formatUsd } from '../../format/formatUsd.ts';
import { providerName } from '../../format/providerName.ts';

/** What a row of LedgerTable needs. */
export type LedgerRow = {
  readonly provider: string;
  readonly model: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
};

/** Props of LedgerTable. */
export type LedgerTableProps<Row extends LedgerRow> = {
  readonly entries: readonly Row[];
  /** Read by screen readers. */
  readonly caption: string;
  /** The column before the provider: when the charge was made (Budget), or which path made it (History). */
  readonly first: {
    readonly title: string;
    readonly cell: (row: Row) => ReactNode;
    readonly className?: string;
  };
};

/** Charges of the cost ledger: provider, model, tokens and cost, after a column of the caller's. */
export function LedgerTable<Row extends LedgerRow>({ entries, caption, first }: LedgerTableProps<Row>) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first.title}</th>
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
        {entries.map((entry, index) => (
          <tr key={index}>
            <td className={first.className}>{first.cell(entry)}</td>
            <td className="breakable" title={entry.provider}>
              {providerName(entry.provider)}
            </td>
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
