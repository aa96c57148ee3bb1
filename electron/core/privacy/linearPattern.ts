import { RE2JS } from 're2js';
import { EngineError, InvalidRequestError } from '../errors.ts';

/**
 * The largest program (RE2 instructions) a pattern of the profile's own may compile to. RE2's time
 * is linear in the text but also in the program, and one search cannot be interrupted: at this
 * size the slowest shape we found (`[^A]{240}`, every position a live thread) needs a little over
 * 1 s for one pattern over a 20 000-character preview, so the preview ends at the 1 s budget after
 * 1.1-1.3 s (the worst-case test in test/unit/privacy/linearPattern.test.ts prints it). Real
 * patterns are far smaller: `EMP-\d{6}` is 12, an IBAN-like `[A-Z]{2}\d{2}[A-Z0-9]{11,30}` 55.
 */
export const maxProgramSize = 250;

/** How long the profile's own patterns may run over one text, all together. Defaults to 1 s. */
export const defaultTimeBudgetMs = 1_000;

/** A pattern took longer than its time budget: nothing is redacted (or sent) with it. */
export class PatternTimeoutError extends EngineError {
  /** The pattern's source, as the person typed it. */
  readonly pattern: string;

  constructor(pattern: string, budgetMs: number) {
    super(
      'invalid-request',
      `The redaction pattern "${pattern}" took longer than ${budgetMs / 1000} s on this text, so nothing was sent; make it simpler (shorter repetitions, fewer alternatives) in the profile's privacy settings.`,
    );
    this.name = 'PatternTimeoutError';
    this.pattern = pattern;
  }
}

/** When a scan must stop: `at` on `performance.now()`'s clock, after `budgetMs` in all. */
export type Deadline = { readonly at: number; readonly budgetMs: number };

/** A deadline `budgetMs` from now. */
export function deadlineIn(budgetMs: number): Deadline {
  return { at: performance.now() + budgetMs, budgetMs };
}

/** A pattern of the profile's own, compiled for RE2's linear-time engine (re2js). */
export type LinearPattern = {
  readonly source: string;
  /** Whether the pattern matches the empty text (it would hide nothing). */
  readonly matchesEmpty: boolean;
  /**
   * Calls `onMatch` with the [start, end) UTF-16 offsets of every non-empty match, left to right.
   * Before each search it throws a PatternTimeoutError once the deadline has passed (one search
   * is linear in the text and bounded by {@link maxProgramSize}, so it cannot run away).
   */
  forEachMatch(text: string, deadline: Deadline, onMatch: (start: number, end: number) => void): void;
};

const unsupported = (source: string, what: string): InvalidRequestError =>
  new InvalidRequestError(
    `The redaction pattern "${source}" uses ${what}, which redaction patterns cannot use: they run on a linear-time engine (RE2) so that no pattern can stall the app. Rewrite it without that in the profile's privacy settings.`,
  );

/**
 * What in a valid JavaScript source RE2 cannot run: a lookahead, or a backreference (which
 * RE2's translation would silently read as a literal). Escapes and character classes are skipped.
 */
function findUnsupported(source: string): string | null {
  let isInClass = false;
  for (let at = 0; at < source.length; at++) {
    const char = source[at];
    if (char === '\\') {
      const next = source[at + 1] ?? '';
      if (!isInClass && (/[1-9]/.test(next) || (next === 'k' && source[at + 2] === '<')))
        return 'a backreference (\\1 or \\k<name>)';
      at += 1;
    } else if (char === '[') isInClass = true;
    else if (char === ']') isInClass = false;
    else if (!isInClass && source.startsWith('(?=', at)) return 'a lookahead ((?= or (?!)';
    else if (!isInClass && source.startsWith('(?!', at)) return 'a lookahead ((?= or (?!)';
  }
  return null;
}

/**
 * Compiles a JavaScript regular expression source for RE2's linear-time engine. Syntax that is
 * not valid JavaScript keeps its "not a valid regular expression" message; valid JavaScript that
 * RE2 cannot run in linear time (lookaheads, backreferences, programs over {@link maxProgramSize})
 * is refused with a message that says what to change. Lookbehinds without captures are kept.
 */
export function compileLinearPattern(source: string, isCaseInsensitive: boolean, isMultiline = false): LinearPattern {
  try {
    // Compiling a JavaScript RegExp never backtracks; it only checks the syntax people know.
    new RegExp(source, 'u');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidRequestError(
      `The redaction pattern "${source}" is not a valid regular expression (${reason}); fix it in the profile's privacy settings.`,
      { cause: error },
    );
  }
  const problem = findUnsupported(source);
  if (problem !== null) throw unsupported(source, problem);
  let regex: RE2JS;
  try {
    const flags =
      RE2JS.LOOKBEHINDS | (isCaseInsensitive ? RE2JS.CASE_INSENSITIVE : 0) | (isMultiline ? RE2JS.MULTILINE : 0);
    regex = RE2JS.compile(RE2JS.translateRegExp(source), flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    throw unsupported(source, `syntax RE2 does not accept (${reason})`);
  }
  if (regex.programSize() > maxProgramSize) {
    throw new InvalidRequestError(
      `The redaction pattern "${source}" is too large (${regex.programSize()} steps, at most ${maxProgramSize}); use smaller repetition counts or fewer alternatives in the profile's privacy settings.`,
    );
  }
  return {
    source,
    matchesEmpty: regex.test(''),
    forEachMatch(text, deadline, onMatch) {
      const matcher = regex.matcher(text);
      for (;;) {
        if (performance.now() > deadline.at) throw new PatternTimeoutError(source, deadline.budgetMs);
        if (!matcher.find()) return;
        const start = matcher.start();
        const end = matcher.end();
        if (end > start) onMatch(start, end);
      }
    },
  };
}
