import { InvalidRequestError } from '../errors.ts';
import type { Detector } from './entityTypes.ts';
import { priority, scan } from './detectors/scan.ts';

/** A pattern of the profile's own, e.g. employee numbers: `{ pattern: 'EMP-\\d{6}', label: 'EMPLOYEE_ID' }`. */
export type CustomPattern = {
  /** A JavaScript regular expression source, without slashes. */
  readonly pattern: string;
  /** The placeholder label, upper case, e.g. `EMPLOYEE_ID` gives `[EMPLOYEE_ID_1]`. Defaults to `CUSTOM`. */
  readonly label?: string;
  /** Defaults to false. */
  readonly caseInsensitive?: boolean;
};

/** A compiled custom pattern and the label its matches get. */
export type CompiledPattern = { readonly regex: RegExp; readonly label: string };

const labelPattern = /^[A-Z][A-Z0-9_]{0,39}$/;

/**
 * Compiles the profile's patterns. A pattern that does not compile, matches the empty string, or has
 * a malformed label is an invalid-request error that names it, so nothing is sent with a broken policy.
 */
export function compileCustomPatterns(patterns: readonly CustomPattern[]): CompiledPattern[] {
  return patterns.map(({ pattern, label = 'CUSTOM', caseInsensitive = false }) => {
    if (!labelPattern.test(label)) {
      throw new InvalidRequestError(
        `The redaction pattern label "${label}" must be upper-case letters, digits and underscores (e.g. EMPLOYEE_ID); fix it in the profile's privacy settings.`,
      );
    }
    let regex: RegExp;
    try {
      regex = new RegExp(pattern, caseInsensitive ? 'giu' : 'gu');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InvalidRequestError(
        `The redaction pattern "${pattern}" is not a valid regular expression (${reason}); fix it in the profile's privacy settings.`,
        { cause: error },
      );
    }
    if (regex.test('')) {
      throw new InvalidRequestError(
        `The redaction pattern "${pattern}" matches empty text, so it would hide nothing; make it match at least one character.`,
      );
    }
    return { regex, label };
  });
}

/** A detector for compiled custom patterns; each span carries its pattern's label. */
export function customDetector(patterns: readonly CompiledPattern[]): Detector {
  return {
    types: ['custom'],
    detect(text, found) {
      for (const { regex, label } of patterns) {
        scan(text, regex, (match) => {
          if (match[0].length > 0) {
            found.push({
              start: match.index,
              end: match.index + match[0].length,
              type: 'custom',
              priority: priority.custom,
              label,
            });
          }
        });
      }
    },
  };
}
