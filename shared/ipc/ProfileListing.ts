import type { Profile } from '../domain.ts';

/**
 * A profile as the profile list shows it: with whether switching to it asks for a passphrase, and
 * whether it is the active profile with its passphrase not entered yet (after a start: its history
 * and keys stay locked until it is unlocked).
 */
export type ProfileListing = Profile & { readonly isProtected: boolean; readonly isLocked: boolean };
