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

/**
 * A compiled custom pattern and the label its matches get; `lines` is its multi-line form when it may
 * hold an anchor (`^`, `$`), for the edges of lines and quoted values.
 */
export type CompiledPattern = {
  readonly regex: LinearPattern;
  readonly lines: LinearPattern | null;
  readonly label: string;
};

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
    // A negated class or an escaped `$` only costs a second look.
    const isAnchored = pattern.includes('^') || pattern.includes('$');
    return { regex, lines: isAnchored ? compileLinearPattern(pattern, caseInsensitive, true) : null, label };
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
      // `^PRJ-\d{4}$` means a value standing alone: on a line of a file, or a quoted value (a JSON
      // field, a file's text inside a handover's list of steps), not only the whole text. The same
      // text with quotes and carriage returns as line breaks, so offsets stay.
      const edged = patterns.some((pattern) => pattern.lines !== null) ? text.replace(/["\r]/g, '\n') : text;
      const seen = new Set<string>();
      for (const { regex, lines, label } of patterns) {
        const add = (start: number, end: number): void => {
          const key = `${start}:${end}:${label}`;
          if (seen.has(key)) return;
          seen.add(key);
          found.push({ start, end, type: 'custom', priority: priority.custom, label });
        };
        regex.forEachMatch(text, deadline, add);
        lines?.forEachMatch(edged, deadline, add);
      }
    },
  };
}
