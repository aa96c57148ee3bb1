import { z } from 'zod';
import type { SettingsStore } from '#core/db/SettingsStore.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { entityTypes } from '#core/privacy/entityTypes.ts';
import { Redactor, type RedactorOptions } from '#core/privacy/Redactor.ts';

/** A profile's redaction choices: entity types on or off, its own patterns, an allow-list. */
export const redactionSettingsSchema = z
  .object({
    types: z.partialRecord(z.enum(entityTypes), z.boolean()).default({}),
    customPatterns: z
      .array(
        z
          .object({
            pattern: z.string().min(1).max(500),
            label: z.string().optional(),
            caseInsensitive: z.boolean().optional(),
          })
          .strict(),
      )
      .max(100)
      .default([]),
    allowList: z.array(z.string().min(1).max(200)).max(1000).default([]),
  })
  .strict();

/** What {@link writeRedactionSettings} accepts. */
export type RedactionSettings = z.output<typeof redactionSettingsSchema>;

const keyOf = (profileId: string): string => `redaction:${profileId}`;

/** The profile's stored choices, raw (validated when a redactor is built from them). */
export function readRedactionSettings(store: SettingsStore, profileId: string): RedactorOptions {
  return (store.read(keyOf(profileId)) as RedactorOptions | undefined) ?? {};
}

/** Checks the choices by building a redactor from them (a malformed pattern is named), then stores them. */
export function writeRedactionSettings(store: SettingsStore, profileId: string, input: unknown): RedactionSettings {
  const parsed = redactionSettingsSchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidRequestError(
      `The redaction settings are not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`,
    );
  new Redactor(parsed.data);
  store.write(keyOf(profileId), parsed.data);
  return parsed.data;
}
