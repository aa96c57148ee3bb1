import { InvalidRequestError } from '../errors.ts';
import type { Detector } from './entityTypes.ts';
import { priority } from './detectors/scan.ts';
import { compileLinearPattern, deadlineIn, defaultTimeBudgetMs, type LinearPattern } from './linearPattern.ts';

/** A pattern of the profile's own, e.g. employee numbers: `{ pattern: 'EMP-\\d{6}', label: 'EMPLOYEE_ID' }`. */
export type CustomPattern = {
  /**
   * A JavaScript regular expression source, without slashes. It runs on RE2's linear-time engine:
   * lookaheads and backreferences are refused (see linearPattern.ts).
   */
  readonly pattern: string;
  /** The placeholder label, upper case, e.g. `EMPLOYEE_ID` gives `[EMPLOYEE_ID_1]`. Defaults to `CUSTOM`. */
  readonly label?: string;
  /** Defaults to false. */
  readonly caseInsensitive?: boolean;
};

/** A compiled custom pattern and the label its matches get. */
export type CompiledPattern = { readonly regex: LinearPattern; readonly label: string };

const labelPattern = /^[A-Z][A-Z0-9_]{0,39}$/;

/**
 * Compiles the profile's patterns for the linear-time engine. A pattern that does not compile, that
 * RE2 cannot run (lookaheads, backreferences, too large), matches the empty string, or has a
 * malformed label is an invalid-request error that names it, so nothing is sent with a broken policy.
 */
export function compileCustomPatterns(patterns: readonly CustomPattern[]): CompiledPattern[] {
  return patterns.map(({ pattern, label = 'CUSTOM', caseInsensitive = false }) => {
    if (!labelPattern.test(label)) {
      throw new InvalidRequestError(
        `The redaction pattern label "${label}" must be upper-case letters, digits and underscores (e.g. EMPLOYEE_ID); fix it in the profile's privacy settings.`,
      );
    }
    const regex = compileLinearPattern(pattern, caseInsensitive);
    if (regex.matchesEmpty) {
      throw new InvalidRequestError(
        `The redaction pattern "${pattern}" matches empty text, so it would hide nothing; make it match at least one character.`,
      );
    }
    return { regex, label };
  });
}

/**
 * A detector for compiled custom patterns; each span carries its pattern's label. All patterns
 * together get `timeBudgetMs` per text (defaults to 1 s); past it, detection throws a
 * PatternTimeoutError naming the pattern, so a preview or an escalation ends with that message.
 */
export function customDetector(
  patterns: readonly CompiledPattern[],
  timeBudgetMs: number = defaultTimeBudgetMs,
): Detector {
  return {
    types: ['custom'],
    detect(text, found) {
      const deadline = deadlineIn(timeBudgetMs);
      const seen = new Set<string>();
      for (const { regex, label } of patterns) {
        const add = (start: number, end: number): void => {
          const key = `${start}:${end}:${label}`;
          if (seen.has(key)) return;
          seen.add(key);
          found.push({ start, end, type: 'custom', priority: priority.custom, label });
        };
        regex.forEachMatch(text, deadline, add);
        // `^PRJ-\d{4}$` means a value standing alone: on a line of a file, or a quoted value (a
        // JSON field, a file's text inside a handover's list of steps), not only the whole text.
        if (!isAnchored(regex.source)) continue;
        for (const [from, to] of segmentsOf(text))
          regex.forEachMatch(text.slice(from, to), deadline, (start, end) => add(from + start, from + end));
      }
    },
  };
}

/** Whether a pattern may hold an anchor (`^`, `$`; a negated class or an escaped `$` only costs a second look). */
function isAnchored(source: string): boolean {
  return source.includes('^') || source.includes('$');
}

/** The runs of a text between line breaks and double quotes, as [from, to), when there is more than one. */
function segmentsOf(text: string): [number, number][] {
  const segments: [number, number][] = [];
  let from = 0;
  for (let index = 0; index <= text.length; index++) {
    if (index < text.length && !'\n\r"'.includes(text[index] ?? '')) continue;
    if (index > from) segments.push([from, index]);
    from = index + 1;
  }
  return segments.length === 1 && segments[0]?.[0] === 0 && segments[0][1] === text.length ? [] : segments;
}
