/**
 * The cold-start signal: how strongly the self-consistency paths agree so far. Each path
 * contributes its current answer (or, before it answers, what it is looking at), normalised by
 * the caller so equal answers compare equal; null while it has neither.
 *
 * Returns the share of all paths that hold the most common value (0 when no path has one). This
 * is the idea of early-stopping self-consistency (Li et al., ICLR 2024): when the sampled paths
 * already agree the answer is probably settled, and when they scatter the task is probably beyond
 * the local model. With no labelled history nothing can be calibrated, so the operating points
 * carry fixed agreement levels (operatingPoints.ts) and every decision says `decidedBy: 'cold-start'`.
 */
export function coldStartAgreement(pathValues: readonly (string | null)[]): number {
  if (pathValues.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const value of pathValues) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  return Math.max(0, ...counts.values()) / pathValues.length;
}
