// Up to four decimals: a single cloud call often costs a fraction of a cent.
const usd = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 4,
});

// Below a cent: two significant digits, so a small amount never reads $0.0000.
const smallUsd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });

/** A US dollar amount, `$0.0042` (`$0.000042` below a hundredth of a cent); `No cap` for null, as BudgetCaps uses it. */
export function formatUsd(amount: number | null): string {
  if (amount === null) return 'No cap';
  return amount !== 0 && Math.abs(amount) < 0.01 ? smallUsd.format(amount) : usd.format(amount);
}
