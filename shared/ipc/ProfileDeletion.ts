/**
 * What deleting a profile removes (profile:preview-deletion, before) or removed (profile:delete,
 * after). Everything listed goes for good; cloud providers, models and other profiles stay.
 */
export type ProfileDeletion = {
  readonly profileId: string;
  readonly name: string;
  readonly isProtected: boolean;
  /**
   * Tasks and chats in the app database: an unprotected profile's whole history, or what a protection
   * cut short left unencrypted. A protected profile's encrypted history is not counted (its passphrase
   * would be needed to open it): `hasEncryptedHistory` says it is there.
   */
  readonly tasks: number;
  readonly chats: number;
  /** Whether its history is in an encrypted file of its own (a protected profile's). */
  readonly hasEncryptedHistory: boolean;
  /** Entries of its spending record (budget ledger), and what they add up to in US dollars. */
  readonly spendEntries: number;
  readonly spentUsd: number;
  /**
   * The cloud providers whose saved key was sealed with this profile's passphrase (saved while it was
   * active and unlocked): no other profile can open such a key, so it is deleted with the profile.
   */
  readonly sealedKeys: readonly string[];
};

function count(value: number, one: string, many: string): string {
  return value === 1 ? `1 ${one}` : `${value} ${many}`;
}

/**
 * What deleting the profile does, in sentences a person reads before confirming (the window) or in
 * the refusal without --yes (the command line). `isDone`: say it in the past, after the deletion.
 */
export function describeProfileDeletion(deletion: ProfileDeletion, isDone = false): string[] {
  const go = isDone ? 'were deleted' : 'are deleted';
  const history = [count(deletion.tasks, 'task', 'tasks'), count(deletion.chats, 'chat', 'chats')].join(' and ');
  const hasPlainHistory = deletion.tasks + deletion.chats > 0;
  const lines = deletion.hasEncryptedHistory
    ? [
        `Its encrypted history file (every task and chat, with their redaction vaults and the record of what left this computer) ${isDone ? 'was' : 'is'} deleted; its passphrase is not needed.` +
          (hasPlainHistory ? ` The ${history} it still held unencrypted ${go} too.` : ''),
      ]
    : hasPlainHistory
      ? [`Its history: ${history}, with their redaction vaults and the record of what left this computer, ${go}.`]
      : ['It has no tasks or chats.'];
  lines.push(
    deletion.spendEntries === 0
      ? 'It has no spending record.'
      : `Its spending record (${count(deletion.spendEntries, 'entry', 'entries')}, $${deletion.spentUsd.toFixed(2)}) and its budget caps ${go}; other profiles' budgets are their own and do not change.`,
  );
  lines.push(
    deletion.sealedKeys.length === 0
      ? 'Cloud providers and their saved keys are shared by all profiles and stay.'
      : `The saved keys of ${deletion.sealedKeys.join(', ')} were sealed with its passphrase, which no other profile can open: they ${go}, and the providers stay (enter a key again in Models). Other keys stay.`,
  );
  lines.push(`Its privacy choices and retrained predictors ${go} too. This cannot be undone.`);
  return lines;
}
