import { formatUsd } from '../../format/formatUsd.ts';

/** A chart tick in US dollars: two significant digits below a cent, where `formatUsd` would round to $0.00. */
export function formatAxisUsd(value: number): string {
  if (value === 0) return '$0';
  return Math.abs(value) < 0.01 ? `$${Number(value.toPrecision(2))}` : formatUsd(value);
}
