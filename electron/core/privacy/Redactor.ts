import type { Transcript } from '../llm/chat/Transcript.ts';
import { compileCustomPatterns, customDetector, type CustomPattern } from './customPatterns.ts';
import { addressDetector } from './detectors/addressDetector.ts';
import { emailDetector, phoneDetector } from './detectors/contactDetectors.ts';
import { creditCardDetector, ibanDetector } from './detectors/financialDetectors.ts';
import { nameDetector } from './detectors/nameDetector.ts';
import { nationalIdDetector, ssnDetector } from './detectors/nationalIdDetectors.ts';
import { ipAddressDetector, macAddressDetector, urlCredentialsDetector } from './detectors/networkDetectors.ts';
import { secretDetectors } from './detectors/secretDetectors.ts';
import { detectNames as recogniseNames } from './names/detectNames.ts';
import {
  placeholderLabel,
  type CandidateSpan,
  type Detector,
  type EntitySpan,
  type EntityType,
} from './entityTypes.ts';
import { RedactionVault } from './RedactionVault.ts';
import { VaultScrubber } from './VaultScrubber.ts';
import { plainDigitsAndSeparators, priority } from './detectors/scan.ts';
import { detectThroughEscapes } from './detectors/escapeView.ts';
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
  /**
   * The learned name recogniser: person spans it finds in a text, added to the rule detectors'
   * candidates (just above the rules' person priority, so structured ids and secrets still win an
   * overlap, and its tighter span beats a rule's "Contact Maria Lopez"). Defaults to the shipped
   * recogniser (models/ner, `detectNames`); `() => []` leaves rules and word lists only.
   */
  readonly detectNames?: (text: string) => readonly EntitySpan[];
  /**
   * Texts said earlier in the same conversation (a chat's earlier questions and answers, sent or
   * not): their entities go into a vault before the first text redacted into it, so a follow-up that
   * names them again without a cue a detector knows ("does berg know?") is still redacted.
   * Defaults to none.
   */
  readonly knownTexts?: readonly string[];
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

/** An entity and the placeholder that replaces it. */
export type PlacedEntity = EntitySpan & { readonly placeholder: string };

const scrubbers = new WeakMap<RedactionVault, VaultScrubber>();

/** The vault's scrubber, kept with the vault (it indexes the originals once per vault change). */
export function scrubberOf(vault: RedactionVault): VaultScrubber {
  let scrubber = scrubbers.get(vault);
  if (scrubber === undefined) scrubbers.set(vault, (scrubber = new VaultScrubber(vault)));
  return scrubber;
}

/** The shipped name recogniser's people (names/detectNames.ts): the default `detectNames`. */
const learnedNames = (text: string): EntitySpan[] =>
  recogniseNames(text).map(({ start, end }) => ({ start, end, type: 'person' }));

/** The name recogniser's spans as person candidates. */
function recognisedNames(detectNames: (text: string) => readonly EntitySpan[]): Detector {
  return {
    types: ['person'],
    detect(text, found) {
      for (const span of detectNames(text)) found.push({ ...span, type: 'person', priority: priority.person + 1 });
    },
  };
}

/**
 * Finds personal data and secrets in text and swaps them for typed, numbered placeholders kept in a
 * `RedactionVault`. Construction compiles the profile's patterns, so a malformed one fails before
 * anything is sent. Pure and synchronous: about a millisecond per kilobyte (docs/BENCHMARKS.md).
 */
export class Redactor {
  readonly #detectors: readonly Detector[];
  readonly #allowList: ReadonlySet<string>;
  readonly #isEnabled: (type: EntityType) => boolean;
  readonly #knownTexts: readonly string[];
  /** The vaults that already hold the entities of `knownTexts`. */
  readonly #taught = new WeakSet<RedactionVault>();

  constructor(options: RedactorOptions = {}) {
    const custom = compileCustomPatterns(options.customPatterns ?? []);
    const types = options.types ?? {};
    this.#isEnabled = (type) => types[type] !== false;
    this.#detectors = [customDetector(custom), ...builtInDetectors].filter((detector) =>
      detector.types.some((type) => this.#isEnabled(type)),
    );
    const detectNames = options.detectNames ?? learnedNames;
    if (this.#isEnabled('person')) {
      this.#detectors = [...this.#detectors, recognisedNames(detectNames)];
    }
    this.#allowList = new Set((options.allowList ?? []).map((entry) => entry.trim().toLowerCase()));
    this.#knownTexts = options.knownTexts ?? [];
  }

  /** The entities in `text`, in order, without overlaps (the more specific or longer span wins). */
  detect(text: string): LabelledSpan[] {
    const found: CandidateSpan[] = [];
    // Detectors read no-break spaces, Unicode dashes and full-width digits as plain ones (same offsets).
    const plain = plainDigitsAndSeparators(text);
    for (const detector of this.#detectors) detector.detect(plain, found);
    // And the lines with percent or string escapes, decoded (`admin%3AHunt3r%40host`, `Garc\u00eda`).
    detectThroughEscapes(plain, this.#detectors, found);
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

  /**
   * Replaces every entity with its placeholder from `vault` (a fresh vault when omitted), and
   * everything the vault already holds wherever it appears, in any of its trivial variants (see
   * `VaultScrubber`): an original found once stays hidden without a detector finding it again.
   */
  redact(text: string, vault: RedactionVault = new RedactionVault()): RedactionResult {
    const placed = this.placeEntities(text, vault);
    let redacted = '';
    let cursor = 0;
    for (const span of placed) {
      redacted += text.slice(cursor, span.start) + span.placeholder;
      cursor = span.end;
    }
    redacted += text.slice(cursor);
    return {
      redacted,
      spans: placed.map(({ start, end, type }) => ({ start, end, type })),
      placeholders: placed.map((span) => span.placeholder),
    };
  }

  /** The entities of `text` and their placeholders, in order, without overlaps (registered in `vault`). */
  placeEntities(text: string, vault: RedactionVault): PlacedEntity[] {
    if (!this.#taught.has(vault)) {
      this.#taught.add(vault);
      for (const known of this.#knownTexts) this.placeEntities(known, vault);
    }
    const hadEntries = vault.size > 0;
    const detected: PlacedEntity[] = this.detect(text).map((span) => ({
      start: span.start,
      end: span.end,
      type: span.type,
      placeholder: vault.placeholderFor(span.type, text.slice(span.start, span.end), span.label),
    }));
    // After the detectors registered this text's own finds, so a secret named once further down
    // is hidden where it stood alone too. Encoded forms and pieces of secrets only matter for
    // originals that came from elsewhere (a key cut by a chunk); an empty vault has nothing to find.
    if (!hadEntries && detected.length === 0) return detected;
    const known = scrubberOf(vault).find(text, hadEntries);
    if (known.length === 0) return detected;
    const accepted: PlacedEntity[] = [];
    for (const span of [...detected, ...known].sort((a, b) => b.end - b.start - (a.end - a.start))) {
      if (accepted.some((other) => span.start < other.end && other.start < span.end)) continue;
      accepted.push(span);
    }
    return accepted.sort((a, b) => a.start - b.start);
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
