import type { ChatCloud } from '#shared/ipc/Thread.ts';
import type { SettingsStore } from '#core/db/SettingsStore.ts';
import type { ThreadStore } from '#core/db/ThreadStore.ts';
import { isCloudProvider, readDefaultCloudProvider } from '#core/settings/cloudProviders.ts';

const lastChoiceKey = (profileId: string): string => `chatCloudChoice:${profileId}`;

/** A kept choice still holds while its provider exists (null, staying local, always does). */
function isValid(store: SettingsStore, choice: { providerId: string | null } | undefined): boolean {
  return choice !== undefined && (choice.providerId === null || isCloudProvider(store, choice.providerId));
}

/** The last cloud choice made in a profile's chat, or undefined when none was made. */
function readLastChoice(store: SettingsStore, profileId: string): { providerId: string | null } | undefined {
  const value = store.read(lastChoiceKey(profileId));
  if (typeof value !== 'object' || value === null || !('providerId' in value)) return undefined;
  const { providerId } = value;
  return typeof providerId === 'string' || providerId === null ? { providerId } : undefined;
}

/**
 * The provider a chat turn escalates to: the one kept for its thread, else the last choice made in
 * the profile's chat, else the profile's default provider. A kept choice whose provider was deleted
 * since counts as none.
 */
export function readChatCloud(
  stores: { settings: SettingsStore; threads: ThreadStore },
  profileId: string,
  threadId: string | undefined,
): ChatCloud {
  const kept = threadId === undefined ? undefined : stores.threads.cloudChoice(profileId, threadId);
  if (kept !== undefined && isValid(stores.settings, kept)) return { providerId: kept.providerId, source: 'thread' };
  const last = readLastChoice(stores.settings, profileId);
  if (last !== undefined && isValid(stores.settings, last))
    return { providerId: last.providerId, source: 'last-choice' };
  return { providerId: readDefaultCloudProvider(stores.settings, profileId), source: 'profile-default' };
}

/**
 * Keeps a chat's cloud choice as the profile's last one and, given a thread, as that thread's. The
 * caller has checked that the provider exists and that the thread is the profile's.
 */
export function keepChatCloud(
  stores: { settings: SettingsStore; threads: ThreadStore },
  profileId: string,
  threadId: string | undefined,
  providerId: string | null,
): void {
  stores.settings.write(lastChoiceKey(profileId), { providerId });
  if (threadId !== undefined) stores.threads.setCloudChoice(profileId, threadId, providerId);
}
