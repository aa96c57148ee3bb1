import type { Profile } from '../domain.ts';

/** A profile as the profile list shows it: with whether switching to it asks for a passphrase. */
export type ProfileListing = Profile & { readonly isProtected: boolean };
