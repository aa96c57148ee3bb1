import { z } from 'zod';
import type { CloudProviderEntry } from '#shared/domain.ts';
import type { SettingsStore } from '#core/db/SettingsStore.ts';
import { EngineError, InvalidRequestError, NotFoundError } from '#core/errors.ts';
import type { SecretStore } from '#core/ports.ts';

const settingsKey = 'cloudProviders';
const price = z.number().finite().min(0).max(10_000).nullable();

/** A provider as the person enters it; `apiKey` undefined keeps the stored key, null deletes it. */
export const cloudProviderInput = z
  .object({
    id: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1).max(100),
    api: z.enum(['openai', 'anthropic']),
    baseUrl: z
      .string()
      .url()
      .refine(
        (value) => /^https?:\/\//.test(value),
        'The address must start with https:// (or http:// on your network).',
      ),
    model: z.string().trim().min(1).max(200),
    inputPerMillion: price.default(null),
    outputPerMillion: price.default(null),
    apiKey: z.string().min(1).max(10_000).nullable().optional(),
  })
  .strict();

/** What {@link saveCloudProvider} accepts. */
export type CloudProviderInput = z.input<typeof cloudProviderInput>;

type Stored = Omit<CloudProviderEntry, 'hasKey' | 'isDefault'>;
const storedList = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    api: z.enum(['openai', 'anthropic']),
    baseUrl: z.string(),
    model: z.string(),
    inputPerMillion: z.number().nullable(),
    outputPerMillion: z.number().nullable(),
  }),
);

const secretName = (id: string): string => `cloud-provider:${id}`;
const defaultKey = (profileId: string): string => `defaultCloudProvider:${profileId}`;

function readStored(store: SettingsStore): Stored[] {
  const parsed = storedList.safeParse(store.read(settingsKey) ?? []);
  return parsed.success ? parsed.data : [];
}

/** Whether a key is stored; one sealed with a passphrase not entered in this process counts. */
function hasKey(secrets: SecretStore, id: string): boolean {
  try {
    return secrets.get(secretName(id)) !== null;
  } catch (error) {
    if (error instanceof EngineError) return true;
    throw error;
  }
}

/**
 * The configured cloud providers, with whether a key is stored (never the key) and which one is the
 * default of `profileId`.
 */
export function listCloudProviders(
  store: SettingsStore,
  secrets: SecretStore,
  profileId: string,
): CloudProviderEntry[] {
  const defaultId = readDefaultCloudProvider(store, profileId);
  return readStored(store).map((entry) => ({
    ...entry,
    hasKey: hasKey(secrets, entry.id),
    isDefault: entry.id === defaultId,
  }));
}

/** Whether a provider with this id is configured (reads no key). */
export function isCloudProvider(store: SettingsStore, id: string): boolean {
  return readStored(store).some((entry) => entry.id === id);
}

/** The provider a profile's tasks escalate to when they name none, or null; a deleted one counts as none. */
export function readDefaultCloudProvider(store: SettingsStore, profileId: string): string | null {
  const value = store.read(defaultKey(profileId));
  return typeof value === 'string' && isCloudProvider(store, value) ? value : null;
}

/** Makes `id` the default provider of a profile (null: none, tasks stay local unless they name one). */
export function setDefaultCloudProvider(store: SettingsStore, profileId: string, id: string | null): string | null {
  return store.transaction(() => {
    if (id !== null && !isCloudProvider(store, id))
      throw new NotFoundError(`No cloud provider with id ${id}; reload the list.`);
    store.write(defaultKey(profileId), id);
    return id;
  });
}

/** Adds or updates a provider; its key goes to the secret store, the rest to settings. */
export function saveCloudProvider(
  store: SettingsStore,
  secrets: SecretStore,
  input: CloudProviderInput,
  newId: () => string,
  profileId: string,
): CloudProviderEntry {
  const parsed = cloudProviderInput.safeParse(input);
  if (!parsed.success)
    throw new InvalidRequestError(
      `The cloud provider is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}.`,
    );
  const { apiKey, id, ...fields } = parsed.data;
  // One IMMEDIATE transaction from the read to the key: two processes saving at once both land.
  return store.transaction(() => {
    const list = readStored(store);
    if (id !== undefined && !list.some((entry) => entry.id === id))
      throw new NotFoundError(`No cloud provider with id ${id}; reload the list.`);
    const entry: Stored = { id: id ?? newId(), ...fields };
    store.write(settingsKey, id === undefined ? [...list, entry] : list.map((item) => (item.id === id ? entry : item)));
    if (apiKey === null) secrets.delete(secretName(entry.id));
    else if (apiKey !== undefined) secrets.set(secretName(entry.id), apiKey);
    return {
      ...entry,
      hasKey: hasKey(secrets, entry.id),
      isDefault: entry.id === readDefaultCloudProvider(store, profileId),
    };
  });
}

/** Removes a provider and its key. */
export function deleteCloudProvider(store: SettingsStore, secrets: SecretStore, id: string): void {
  store.transaction(() => {
    const list = readStored(store);
    if (!list.some((entry) => entry.id === id))
      throw new NotFoundError(`No cloud provider with id ${id}; reload the list.`);
    store.write(
      settingsKey,
      list.filter((entry) => entry.id !== id),
    );
    secrets.delete(secretName(id));
  });
}

/** A provider with its key, for the engine to build a client; never returned to a host. */
export function resolveCloudProvider(
  store: SettingsStore,
  secrets: SecretStore,
  id: string,
): Stored & { readonly apiKey: string | null } {
  const entry = readStored(store).find((item) => item.id === id);
  if (entry === undefined)
    throw new NotFoundError(`No cloud provider with id ${id}; add it in Models > Cloud providers.`);
  return { ...entry, apiKey: secrets.get(secretName(id)) };
}
