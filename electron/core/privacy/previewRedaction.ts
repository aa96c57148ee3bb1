import type { RedactionPreview, RedactionProblem } from '#shared/ipc/RedactionPreview.ts';
import { redactionSettingsSchema } from '#core/privacy/redactionSettings.ts';
import { EngineError } from '../errors.ts';
import { compileCustomPatterns } from './customPatterns.ts';
import { PatternTimeoutError } from './linearPattern.ts';
import { Redactor } from './Redactor.ts';

/**
 * Checks unsaved redaction choices field by field (each custom pattern on its own, so the screen
 * can put the message under the field that is wrong) and, when they hold, redacts `text` with
 * them. Nothing is stored: the original text and its placeholders go back to the caller only.
 */
export function previewRedaction(text: string, input: unknown): RedactionPreview {
  const problems = findRedactionProblems(input);
  const parsed = redactionSettingsSchema.safeParse(input);
  if (problems.length > 0 || !parsed.success) return { redacted: null, spans: [], problems };
  let result: ReturnType<Redactor['redact']>;
  try {
    result = new Redactor(parsed.data).redact(text);
  } catch (error) {
    if (!(error instanceof PatternTimeoutError)) throw error;
    // Put the message under the pattern that ran out of time, so the person knows which to change.
    const index = parsed.data.customPatterns.findIndex((pattern) => pattern.pattern === error.pattern);
    return {
      redacted: null,
      spans: [],
      problems: [{ field: `customPatterns.${index}.pattern`, message: error.message }],
    };
  }
  return {
    redacted: result.redacted,
    spans: result.spans.map((span, index) => ({ ...span, placeholder: result.placeholders[index] ?? '' })),
    problems: [],
  };
}

/** What is wrong with each field of unsaved redaction choices; empty when they can be saved. */
export function findRedactionProblems(input: unknown): RedactionProblem[] {
  const parsed = redactionSettingsSchema.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  }
  const problems: RedactionProblem[] = [];
  parsed.data.customPatterns.forEach((pattern, index) => {
    try {
      compileCustomPatterns([pattern]);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      // The label check runs first in compileCustomPatterns; its message names the label.
      const isLabel = pattern.label !== undefined && error.message.includes(`label "${pattern.label}"`);
      problems.push({ field: `customPatterns.${index}.${isLabel ? 'label' : 'pattern'}`, message: error.message });
    }
  });
  return problems;
}
