import type { CostQualityPoint } from './costQualityFrontier.ts';

/** One curve or set of markers on the chart. */
export type ChartSeries = {
  readonly label: string;
  readonly color: string;
  /** Points as percentages of the target's cost (x) and acc@1 (y). */
  readonly points: readonly { readonly costPct: number; readonly perfPct: number }[];
  /** 'staircase' draws a frontier; 'markers' draws dots (operating points, baselines). */
  readonly style: 'staircase' | 'markers';
};

/** Options of renderPolicyChart. */
export type PolicyChartOptions = {
  readonly title: string;
  /** Dashed goal boxes: reach at least perfPct for at most costPct. */
  readonly goals?: readonly { readonly costPct: number; readonly perfPct: number }[];
  /** The bottom of the y axis, % of the target's acc@1. Defaults to 70. */
  readonly yMin?: number;
};

const width = 720;
const height = 440;
const margin = { left: 60, right: 190, top: 36, bottom: 48 };
const xMax = 100;
const yMax = 120;

const x = (costPct: number): number =>
  margin.left + (Math.min(costPct, xMax) / xMax) * (width - margin.left - margin.right);
const escape = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const round = (value: number): string => value.toFixed(1);

/** Frontier points (shares) as chart points (percentages). */
export function frontierSeriesPoints(frontier: readonly CostQualityPoint[]): ChartSeries['points'] {
  return frontier.map((point) => ({ costPct: point.cost * 100, perfPct: point.quality * 100 }));
}

/**
 * A self-contained SVG of the cost-quality plane: x = % of the target's cost (0-100), y = % of its
 * acc@1 (`yMin`-120), frontiers as staircases, operating points as dots, goals as dashed boxes.
 */
export function renderPolicyChart(series: readonly ChartSeries[], options: PolicyChartOptions): string {
  const yMin = options.yMin ?? 70;
  const y = (perfPct: number): number =>
    height -
    margin.bottom -
    ((Math.max(yMin, Math.min(perfPct, yMax)) - yMin) / (yMax - yMin)) * (height - margin.top - margin.bottom);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${margin.left}" y="22" font-size="14" font-weight="bold">${escape(options.title)}</text>`,
  ];
  for (let tick = 0; tick <= xMax; tick += 10) {
    parts.push(
      `<line x1="${round(x(tick))}" y1="${margin.top}" x2="${round(x(tick))}" y2="${height - margin.bottom}" stroke="#eee"/>`,
      `<text x="${round(x(tick))}" y="${height - margin.bottom + 16}" text-anchor="middle">${tick}</text>`,
    );
  }
  for (let tick = yMin; tick <= yMax; tick += 10) {
    parts.push(
      `<line x1="${margin.left}" y1="${round(y(tick))}" x2="${width - margin.right}" y2="${round(y(tick))}" stroke="#eee"/>`,
      `<text x="${margin.left - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${tick}</text>`,
    );
  }
  parts.push(
    `<text x="${round((margin.left + width - margin.right) / 2)}" y="${height - 10}" text-anchor="middle">cost, % of the target's</text>`,
    `<text transform="translate(16 ${round((margin.top + height - margin.bottom) / 2)}) rotate(-90)" text-anchor="middle">acc@1, % of the target's</text>`,
  );
  for (const goal of options.goals ?? []) {
    parts.push(
      `<rect x="${margin.left}" y="${round(y(yMax))}" width="${round(x(goal.costPct) - margin.left)}" height="${round(y(goal.perfPct) - y(yMax))}" fill="#2a9d8f" fill-opacity="0.06" stroke="#2a9d8f" stroke-dasharray="4 3"/>`,
      `<text x="${round(x(goal.costPct) - 4)}" y="${round(y(goal.perfPct) - 4)}" text-anchor="end" fill="#2a9d8f">goal ≥${goal.perfPct}% at ≤${goal.costPct}%</text>`,
    );
  }
  series.forEach((entry, index) => {
    if (entry.style === 'staircase') {
      const path = entry.points
        .map((point, at) => {
          const previous = entry.points[at - 1];
          const step = previous === undefined ? '' : `L${round(x(point.costPct))},${round(y(previous.perfPct))} `;
          return `${at === 0 ? 'M' : step + 'L'}${round(x(point.costPct))},${round(y(point.perfPct))}`;
        })
        .join(' ');
      parts.push(`<path d="${path}" fill="none" stroke="${entry.color}" stroke-width="1.6"/>`);
    } else {
      for (const point of entry.points) {
        parts.push(
          `<circle cx="${round(x(point.costPct))}" cy="${round(y(point.perfPct))}" r="4" fill="${entry.color}" stroke="white"/>`,
        );
      }
    }
    const legendY = margin.top + 8 + index * 18;
    const legendX = width - margin.right + 14;
    parts.push(
      entry.style === 'staircase'
        ? `<line x1="${legendX}" y1="${legendY}" x2="${legendX + 18}" y2="${legendY}" stroke="${entry.color}" stroke-width="2"/>`
        : `<circle cx="${legendX + 9}" cy="${legendY}" r="4" fill="${entry.color}"/>`,
      `<text x="${legendX + 24}" y="${legendY + 4}">${escape(entry.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
