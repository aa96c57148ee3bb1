import { assert } from '#core/errors.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';

/**
 * The open-answer world: questions about units of time whose right answer is a sentence that can be
 * worded many ways. `convert` asks for a count in a smaller unit ("How many days are 3 weeks and 4
 * days?"; the calculator does the sum), `compare` asks which of two durations is more ("Which is
 * more, 3 weeks or 20 days?"; reasoned in text, no tool).
 */
export type OpenTaskKind = 'convert' | 'compare';

/** A larger unit, a smaller one and how many of the smaller make one of the larger. */
export type UnitPair = { readonly big: string; readonly small: string; readonly factor: number };

export const unitPairs: readonly UnitPair[] = [
  { big: 'weeks', small: 'days', factor: 7 },
  { big: 'years', small: 'months', factor: 12 },
  { big: 'days', small: 'hours', factor: 24 },
  { big: 'hours', small: 'minutes', factor: 60 },
  { big: 'minutes', small: 'seconds', factor: 60 },
];

/** Every way an answer may name a unit (the checker's synonyms; the policies write some of them). */
export const unitSynonyms: Readonly<Record<string, readonly string[]>> = {
  weeks: ['weeks', 'week', 'wks'],
  days: ['days', 'day'],
  years: ['years', 'year', 'yrs'],
  months: ['months', 'month', 'mos'],
  hours: ['hours', 'hour', 'hrs'],
  minutes: ['minutes', 'minute', 'mins'],
  seconds: ['seconds', 'second', 'secs'],
};

/** One duration as a task states it, e.g. 3 weeks. */
export type Duration = { readonly count: number; readonly unit: string };

/** One open-answer task with a checker that accepts every correct wording. */
export type OpenTask = {
  /** `open-{seed}-{index}`. */
  readonly id: string;
  readonly kind: OpenTaskKind;
  readonly question: string;
  readonly pair: UnitPair;
  /** convert: the larger-unit count and the smaller-unit rest; compare: the two options in asked order. */
  readonly options: readonly Duration[];
  /** Tool calls allowed. */
  readonly stepBudget: number;
  /** convert: the count in `pair.small`; compare: the larger option converted to `pair.small`. */
  readonly value: number;
  /** The canonical answer: "25 days" (convert) or "3 weeks" (compare). */
  readonly answer: string;
  /** convert: the expression the calculator is given, e.g. "3*7+4"; compare: null. */
  readonly expression: string | null;
  /** Whether an answer states the right thing in any wording (see {@link checkOpenAnswer}). */
  readonly verify: (answerText: string | null) => boolean;
};

/** Options of {@link generateOpenTasks}. */
export type OpenTaskOptions = {
  /** The same seed gives the same tasks; the first n do not depend on `count`. */
  readonly seed: number;
  readonly count: number;
  /** Share of convert tasks (the rest compare). Defaults to 0.6. */
  readonly convertShare?: number;
};

/** Values stay within 10-99 so every number the models write is one token of the vocabulary. */
const minimumValue = 10;
const maximumValue = 99;

/** Generates open-answer tasks from a seed (convert 60%, compare 40% by default). */
export function generateOpenTasks(options: OpenTaskOptions): OpenTask[] {
  const random = createRandom(options.seed);
  const convertShare = options.convertShare ?? 0.6;
  const pick = (count: number): number => Math.floor(random() * count);
  const tasks: OpenTask[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const id = `open-${options.seed}-${index}`;
    const isConvert = random() < convertShare;
    for (;;) {
      const pair = unitPairs[pick(unitPairs.length)];
      assert(pair !== undefined, 'a unit pair');
      const count = 1 + pick(9);
      const converted = count * pair.factor;
      if (converted > maximumValue) continue;
      if (isConvert) {
        const rest = random() < 0.3 ? 0 : 1 + pick(Math.min(pair.factor - 1, 30));
        const value = converted + rest;
        if (value < minimumValue || value > maximumValue) continue;
        tasks.push(convertTask(id, pair, count, rest));
        break;
      }
      const other = converted + (random() < 0.5 ? -1 : 1) * (1 + pick(9));
      if (other < 2 || other > maximumValue || converted < minimumValue) continue;
      tasks.push(compareTask(id, pair, count, other, random() < 0.5));
      break;
    }
  }
  return tasks;
}

function convertTask(id: string, pair: UnitPair, count: number, rest: number): OpenTask {
  const value = count * pair.factor + rest;
  const restText = rest > 0 ? ` and ${rest} ${pair.small}` : '';
  const answer = `${value} ${pair.small}`;
  return {
    id,
    kind: 'convert',
    question: `How many ${pair.small} are ${count} ${pair.big}${restText}?`,
    pair,
    options: [
      { count, unit: pair.big },
      { count: rest, unit: pair.small },
    ],
    stepBudget: 3,
    value,
    answer,
    expression: rest > 0 ? `${count}*${pair.factor}+${rest}` : `${count}*${pair.factor}`,
    verify: (text) => checkConvertAnswer(text, value, pair.small),
  };
}

function compareTask(id: string, pair: UnitPair, count: number, other: number, bigFirst: boolean): OpenTask {
  const big: Duration = { count, unit: pair.big };
  const small: Duration = { count: other, unit: pair.small };
  const winner = count * pair.factor > other ? big : small;
  const options = bigFirst ? [big, small] : [small, big];
  return {
    id,
    kind: 'compare',
    question: `Which is more, ${durationText(options[0])} or ${durationText(options[1])}?`,
    pair,
    options,
    stepBudget: 2,
    value: Math.max(count * pair.factor, other),
    answer: durationText(winner),
    expression: null,
    verify: (text) => checkCompareAnswer(text, options, winner),
  };
}

/** "3 weeks". */
export function durationText(duration: Duration | undefined): string {
  return duration === undefined ? '' : `${duration.count} ${duration.unit}`;
}

/** Lower-case words and numbers of a text, punctuation dropped. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
}

/** The canonical unit a word names, or null. */
export function unitOf(word: string): string | null {
  for (const [unit, names] of Object.entries(unitSynonyms)) if (names.includes(word)) return unit;
  return null;
}

/**
 * A convert answer is right when its last number is the value and every unit it names is the asked
 * one (at least one named): "In days that is 25", "The number of days is 25" and "25 days" pass;
 * "In hours that is 25", "In days that is 24" and a bare "25" fail.
 */
export function checkConvertAnswer(text: string | null, value: number, unit: string): boolean {
  if (text === null) return false;
  const tokens = words(text);
  const numbers = tokens.filter((token) => /^\d+$/.test(token));
  const units = tokens.map(unitOf).filter((name): name is string => name !== null);
  return Number(numbers.at(-1)) === value && units.length > 0 && units.every((name) => name === unit);
}

/** Words that would turn a claim around ("3 weeks is less"): an answer using them is not read as a claim. */
const reversingWords = new Set(['less', 'fewer', 'smaller', 'shorter', 'not', 'no']);

/**
 * A compare answer is right when its last sentence names the winning option and not the other (any
 * unit synonym) and does not reverse the claim: "So the larger one is 3 weeks" and "Hence the
 * answer is 3 wks" pass after any reasoning; "So the larger one is 20 days", a last sentence naming
 * both, or "3 weeks is not more" fail.
 */
export function checkCompareAnswer(text: string | null, options: readonly Duration[], winner: Duration): boolean {
  if (text === null) return false;
  const sentences = text
    .split(/[.!?\n]+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
  const tokens = words(sentences.at(-1) ?? '');
  if (tokens.some((token) => reversingWords.has(token))) return false;
  const named = options.filter((option) =>
    tokens.some((token, index) => Number(token) === option.count && unitOf(tokens[index + 1] ?? '') === option.unit),
  );
  return named.length === 1 && named[0] === winner;
}
