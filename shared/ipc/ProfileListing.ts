import type { Profile } from '../domain.ts';

/**
 * A profile as the profile list shows it: with whether switching to it asks for a passphrase, and
 * whether it is the active profile with its passphrase not entered yet (after a start: its history
 * and keys stay locked until it is unlocked).
 */
export type ProfileListing = Profile & {
  readonly isProtected: boolean;
  readonly isLocked: boolean;
  /**
   * Tasks of a protected profile still in the app database, unencrypted: protecting it was cut short
   * (the app stopped during the move), and the next unlock finishes the move. 0 otherwise.
   */
  readonly unencryptedTasks: number;
};

/** What the profile list says of a protection cut short (unencryptedTasks > 0), or null. */
export function unfinishedProtection(listing: ProfileListing): string | null {
  const count = listing.unencryptedTasks;
  if (count === 0) return null;
  const tasks = count === 1 ? '1 task is' : `${count} tasks are`;
  return `Unlock to finish protecting this profile; until then ${tasks} still stored unencrypted.`;
}
