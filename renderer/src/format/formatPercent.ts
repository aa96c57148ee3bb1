/** A share from 0 to 1 as a whole percent ("25%"): the one way the UI writes confidence and thresholds. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
