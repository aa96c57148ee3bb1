import type { Transcript } from '../llm/chat/Transcript.ts';
import { compileCustomPatterns, customDetector, type CustomPattern } from './customPatterns.ts';
import { addressDetector } from './detectors/addressDetector.ts';
import { emailDetector, phoneDetector } from './detectors/contactDetectors.ts';
import { creditCardDetector, ibanDetector } from './detectors/financialDetectors.ts';
import { nameDetector } from './detectors/nameDetector.ts';
import { nationalIdDetector, ssnDetector } from './detectors/nationalIdDetectors.ts';
import { ipAddressDetector, macAddressDetector, urlCredentialsDetector } from './detectors/networkDetectors.ts';
import { secretDetectors } from './detectors/secretDetectors.ts';
import {
  placeholderLabel,
  type CandidateSpan,
  type Detector,
  type EntitySpan,
  type EntityType,
} from './entityTypes.ts';
import { RedactionVault } from './RedactionVault.ts';
import {
  redactJsonValue,
  redactTranscriptWith,
  type RedactionCounts,
  type RedactedTranscript,
} from './redactStructures.ts';
import type { JsonValue } from '../llm/chat/Transcript.ts';

/** What to hide. */
export type RedactorOptions = {
  /** Turn single entity types off (`{ location: false }`). Defaults to every type on. */
  readonly types?: Partial<Record<EntityType, boolean>>;
  /** The profile's own patterns. Defaults to none. */
  readonly customPatterns?: readonly CustomPattern[];
  /** Strings never redacted (compared without case), e.g. the company's own name. Defaults to none. */
  readonly allowList?: readonly string[];
};

/** A redacted text: `spans[i]` of the original became `placeholders[i]` in `redacted`. */
export type RedactionResult = {
  readonly redacted: string;
  readonly spans: readonly EntitySpan[];
  readonly placeholders: readonly string[];
};

const builtInDetectors: readonly Detector[] = [
  ...secretDetectors,
  urlCredentialsDetector,
  emailDetector,
  creditCardDetector,
  ibanDetector,
  ssnDetector,
  nationalIdDetector,
  ipAddressDetector,
  macAddressDetector,
  phoneDetector,
  addressDetector,
  nameDetector,
];

type LabelledSpan = EntitySpan & { readonly label: string };

/**
 * Finds personal data and secrets in text and swaps them for typed, numbered placeholders kept in a
 * `RedactionVault`. Construction compiles the profile's patterns, so a malformed one fails before
 * anything is sent. Pure and synchronous: about a millisecond per kilobyte (docs/BENCHMARKS.md).
 */
export class Redactor {
  readonly #detectors: readonly Detector[];
  readonly #allowList: ReadonlySet<string>;
  readonly #isEnabled: (type: EntityType) => boolean;

  constructor(options: RedactorOptions = {}) {
    const custom = compileCustomPatterns(options.customPatterns ?? []);
    const types = options.types ?? {};
    this.#isEnabled = (type) => types[type] !== false;
    this.#detectors = [customDetector(custom), ...builtInDetectors].filter((detector) =>
      detector.types.some((type) => this.#isEnabled(type)),
    );
    this.#allowList = new Set((options.allowList ?? []).map((entry) => entry.trim().toLowerCase()));
  }

  /** The entities in `text`, in order, without overlaps (the more specific or longer span wins). */
  detect(text: string): LabelledSpan[] {
    const found: CandidateSpan[] = [];
    for (const detector of this.#detectors) detector.detect(text, found);
    const candidates = found
      .filter(
        (span) => this.#isEnabled(span.type) && !this.#allowList.has(text.slice(span.start, span.end).toLowerCase()),
      )
      .sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const accepted: LabelledSpan[] = [];
    for (const span of candidates) {
      if (accepted.some((other) => span.start < other.end && other.start < span.end)) continue;
      accepted.push({
        start: span.start,
        end: span.end,
        type: span.type,
        label: span.label ?? placeholderLabel(span.type),
      });
    }
    return accepted.sort((a, b) => a.start - b.start);
  }

  /** Replaces every entity with its placeholder from `vault` (a fresh vault when omitted). */
  redact(text: string, vault: RedactionVault = new RedactionVault()): RedactionResult {
    const spans = this.detect(text);
    const placeholders: string[] = [];
    let redacted = '';
    let cursor = 0;
    for (const span of spans) {
      const placeholder = vault.placeholderFor(span.type, text.slice(span.start, span.end), span.label);
      placeholders.push(placeholder);
      redacted += text.slice(cursor, span.start) + placeholder;
      cursor = span.end;
    }
    redacted += text.slice(cursor);
    return { redacted, spans: spans.map(({ start, end, type }) => ({ start, end, type })), placeholders };
  }

  /** Redacts every string (values and keys) in a JSON value: tool arguments and results. */
  redactJson(value: JsonValue, vault: RedactionVault, counts?: RedactionCounts): JsonValue {
    return redactJsonValue(value, (text) => this.#redactCounting(text, vault, counts));
  }

  /**
   * Redacts everything of a transcript that would leave the machine: system and user text, earlier
   * assistant text and tool-call arguments, and tool results. Tool definitions and call ids stay.
   */
  redactTranscript(transcript: Transcript, vault: RedactionVault): RedactedTranscript {
    const counts: RedactionCounts = {};
    return {
      transcript: redactTranscriptWith(transcript, (text) => this.#redactCounting(text, vault, counts)),
      counts,
    };
  }

  #redactCounting(text: string, vault: RedactionVault, counts: RedactionCounts | undefined): string {
    const result = this.redact(text, vault);
    if (counts !== undefined) {
      for (const span of result.spans) counts[span.type] = (counts[span.type] ?? 0) + 1;
    }
    return result.redacted;
  }
}
