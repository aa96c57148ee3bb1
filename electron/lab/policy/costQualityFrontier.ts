/** One way of deciding, as a point: quality and cost as shares of the target-only figures. */
export type CostQualityPoint = {
  /** Bill / target-only bill. */
  readonly cost: number;
  /** Tasks solved / tasks the target alone solves. */
  readonly quality: number;
};

/**
 * The Pareto frontier of a set of points (the cheapest way to each quality), as a staircase:
 * sorted by cost, each point kept only if it beats every cheaper one.
 */
export function paretoFrontier(points: readonly CostQualityPoint[]): CostQualityPoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const frontier: CostQualityPoint[] = [];
  for (const point of sorted) {
    if (point.quality > (frontier.at(-1)?.quality ?? -Infinity)) frontier.push(point);
  }
  return frontier;
}

/**
 * The area under the cost-quality frontier over costs from 0 to 1 (the target-only bill): the
 * integral of "the best quality reachable for at most this cost", 0 below the cheapest point.
 * A method solving as much as the target for nothing would score 1; always running the target
 * scores 0 (it only reaches its quality at cost 1); the source alone scores quality x (1 - cost).
 * The staircase is not interpolated: only what a deterministic threshold reaches counts.
 */
export function frontierArea(points: readonly CostQualityPoint[]): number {
  const frontier = paretoFrontier(points).filter((point) => point.cost < 1);
  let area = 0;
  frontier.forEach((point, index) => {
    const next = frontier[index + 1]?.cost ?? 1;
    area += point.quality * (Math.min(next, 1) - Math.max(point.cost, 0));
  });
  return area;
}
