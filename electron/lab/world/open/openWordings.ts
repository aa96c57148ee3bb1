import type { Duration, OpenTask } from './openTasks.ts';

/**
 * How the open world's scripted solvers word their answers. Every convert wording names the unit
 * and the number (with one of four lead-ins and four closers: 192 ways to state one count); every compare answer reasons in two sentences and ends with a claim that
 * names the chosen duration. The checker accepts all of them (and any other wording that states the
 * same), so an exact-string vote splits right answers that a vote by meaning joins.
 */
export const convertWordings: readonly ((unit: string, value: number) => string)[] = [
  (unit, value) => `In ${unit} that is ${value}`,
  (unit, value) => `The number of ${unit} is ${value}`,
  (unit, value) => `Counted in ${unit} it comes to ${value}`,
  (unit, value) => `The total in ${unit} is ${value}`,
  (unit, value) => `So in ${unit} the answer is ${value}`,
  (unit, value) => `That is, in ${unit}, ${value}`,
];

/** Words an answer may open with (the next word then starts in lower case). */
export const leadIns: readonly string[] = ['', 'Well, ', 'OK, ', 'Sure, '];

/** Words a convert answer may close with (no number, no unit: the checker reads the same). */
export const closers: readonly string[] = ['', ' in total', ' in all', ' exactly'];

/** `text` after a random lead-in. */
function withLeadIn(text: string, random: () => number): string {
  const lead = pickOne(leadIns, random);
  return lead === '' ? text : lead + text.charAt(0).toLowerCase() + text.slice(1);
}

/** The first sentence of a compare answer: the larger unit converted ("3 weeks is 21 days."). */
export const conversionWordings: readonly ((from: Duration, small: string, value: number) => string)[] = [
  (from, small, value) => `${from.count} ${from.unit} is ${value} ${small}.`,
  (from, small, value) => `${from.count} ${from.unit} make ${value} ${small}.`,
  (from, small, value) => `In ${small}, ${from.count} ${from.unit} is ${value}.`,
];

/**
 * The second sentence: the converted count against the other option's count, in that order, so the
 * comparison is one word ("more" or "less") decided from two numbers already written.
 */
export const comparisonWordings: readonly ((product: number, other: number, isMore: boolean) => string)[] = [
  (product, other, isMore) => `${product} is ${isMore ? 'more' : 'less'} than ${other}.`,
];

/** The last sentence: the claim. */
export const claimWordings: readonly ((option: string) => string)[] = [
  (option) => `So the larger one is ${option}`,
  (option) => `So the answer is ${option}`,
  (option) => `Hence the longer time is ${option}`,
  (option) => `That makes the larger one ${option}`,
];

/** The names a solver writes for a unit (the full plural or a short form). */
export const writtenUnitNames: Readonly<Record<string, readonly string[]>> = {
  weeks: ['weeks', 'wks'],
  days: ['days'],
  years: ['years', 'yrs'],
  months: ['months', 'mos'],
  hours: ['hours', 'hrs'],
  minutes: ['minutes', 'mins'],
  seconds: ['seconds', 'secs'],
};

/** Picks one entry with `random`. */
export function pickOne<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pickOne needs a non-empty list');
  return item;
}

/** A unit written one of its ways. */
export function writeUnit(unit: string, random: () => number): string {
  return pickOne(writtenUnitNames[unit] ?? [unit], random);
}

/** A convert answer stating `value` in `unit`, in a random wording. */
export function writeConvertAnswer(unit: string, value: number, random: () => number): string {
  const core = pickOne(convertWordings, random)(writeUnit(unit, random), value);
  return withLeadIn(core, random) + pickOne(closers, random);
}

/**
 * A compare answer: the larger-unit option converted with `product` (the right one, or a wrong one
 * for a failing solver), the comparison of that count with the other option's (`isMore`, by default
 * the true one for `product`), then the claim of `claimed`. `reasoning: false` writes the claim alone.
 */
export function writeCompareAnswer(
  task: OpenTask,
  options: { product: number; claimed: Duration; reasoning: boolean; isMore?: boolean },
  random: () => number,
): string {
  const claim = pickOne(claimWordings, random)(`${options.claimed.count} ${writeUnit(options.claimed.unit, random)}`);
  if (!options.reasoning) return claim;
  const big = task.options.find((option) => option.unit === task.pair.big);
  const small = task.options.find((option) => option.unit === task.pair.small);
  if (big === undefined || small === undefined) return claim;
  const conversion = pickOne(conversionWordings, random)(big, task.pair.small, options.product);
  const isMore = options.isMore ?? options.product > small.count;
  const comparison = pickOne(comparisonWordings, random)(options.product, small.count, isMore);
  return `${withLeadIn(conversion, random)} ${comparison} ${claim}`;
}
