// Up to four decimals: a single cloud call often costs a fraction of a cent.
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

/** A US dollar amount, `$0.0042`; `No cap` for null, as BudgetCaps uses it. */
export function formatUsd(amount: number | null): string {
  return amount === null ? 'No cap' : usd.format(amount);
}
