import type { JsonValue } from '#core/llm/chat/Transcript.ts';
import type { EntityType } from '#core/privacy/entityTypes.ts';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { Redactor, scrubberOf, type RedactorOptions } from '#core/privacy/Redactor.ts';
import { redactTranscriptWith } from '#core/privacy/redactStructures.ts';
import { restore, restoreJson, restoreTranscript } from '#core/privacy/restore.ts';
import type { CloudRedaction } from './createCloudEscalation.ts';

/**
 * Secrets are never put back into a tool's arguments: no folder tool needs a password to do its
 * work, and a tool that quotes its input back (`x does not exist`) would hand it to the cloud.
 */
const neverRestoredIntoTools = new Set<EntityType>([
  'password',
  'secret',
  'api_key',
  'jwt',
  'private_key',
  'url_credentials',
]);

const placeholderPattern = /\[[A-Z][A-Z0-9_]*_[1-9]\d*\]/g;

/**
 * One task's redaction for the egress gate: the profile's redactor with a vault shared by every
 * path of the task, so `[EMAIL_1]` means the same address in all of them. The vault never leaves
 * the machine. The redactor is built on first use from the profile's choices: a malformed stored
 * pattern fails the escalation (the task stays local, nothing is sent), not the task.
 */
export function createTaskRedaction(
  options: RedactorOptions = {},
  vault: RedactionVault = new RedactionVault(),
): CloudRedaction {
  let redactor: Redactor | null = null;
  const current = (): Redactor => (redactor ??= new Redactor(options));
  const scrubber = scrubberOf(vault);
  /** Placeholders of this vault in a text, counted by entity type (what the audit log records). */
  const countPlaceholders = (text: string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const [placeholder] of text.matchAll(placeholderPattern)) {
      const type = vault.typeOf(placeholder);
      if (type !== undefined) counts[type] = (counts[type] ?? 0) + 1;
    }
    return counts;
  };
  return {
    redactTranscript: (transcript) => {
      const { transcript: redacted, counts } = current().redactTranscript(transcript, vault);
      // Each text was redacted knowing only the originals found before it; a later message (a
      // handed-over step's result) may teach the vault a secret an earlier one holds a piece of.
      // The body scrubber would hide it on the way out: hide it here, so the person asked in the
      // ask mode is shown exactly what is sent.
      const scrubbed = redactTranscriptWith(redacted, (text) => {
        const result = scrubber.scrub(text);
        for (const hit of result.hits) counts[hit.type] = (counts[hit.type] ?? 0) + 1;
        return result.text;
      });
      return { transcript: scrubbed, counts };
    },
    redactJson: (value) => current().redactJson(value, vault),
    redactDocument: (document) => current().placeEntities(document, vault),
    prepareBody: (body) => {
      let scrubbed = body;
      try {
        const parsed = JSON.parse(body) as JsonValue;
        let isChanged = false;
        // String values only: the API's own keys (`max_tokens`, `role`) must survive a short original.
        const mapped = mapStringValues(parsed, (text) => {
          const result = scrubber.scrub(text);
          if (result.hits.length > 0) isChanged = true;
          return result.text;
        });
        if (isChanged) scrubbed = JSON.stringify(mapped);
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        scrubbed = scrubber.scrub(body).text;
      }
      return { body: scrubbed, redactions: countPlaceholders(scrubbed) };
    },
    restoreArguments: (value) => restoreJson(value, vault, { keep: (type) => neverRestoredIntoTools.has(type) }),
    restoreJson: (value) => restoreJson(value, vault),
    restoreTranscript: (transcript) => restoreTranscript(transcript, vault),
    restoreText: (text) => restore(text, vault),
    originalsIn: (text) =>
      Object.fromEntries(
        vault
          .entries()
          .filter((entry) => text.includes(entry.placeholder))
          .map((entry) => [entry.placeholder, entry.original]),
      ),
  };
}

/** Applies `map` to every string value of a JSON value (object keys stay). */
function mapStringValues(value: JsonValue, map: (text: string) => string): JsonValue {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item: JsonValue) => mapStringValues(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStringValues(item, map)]));
  }
  return value;
}
