import type { PrivacyMode } from '#shared/domain.ts';

/** What each privacy mode is called on screen: the radio buttons' accessible names. */
export const privacyModeNames: Record<PrivacyMode, string> = {
  'local-only': 'Local only — nothing ever leaves this machine',
  ask: 'Ask every time',
  'auto-redact': 'Automatic with redaction',
};
