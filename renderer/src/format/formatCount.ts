const count = new Intl.NumberFormat(undefined);

/** A whole number with the locale's digit grouping: `12,345`. */
export function formatCount(value: number): string {
  return count.format(value);
}
