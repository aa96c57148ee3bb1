import type { ProfileHistory } from '#core/db/ProfileHistory.ts';
import type { ThreadStore, VaultRow } from '#core/db/ThreadStore.ts';
import { RedactionVault, type VaultEntry } from '#core/privacy/RedactionVault.ts';
import type { EntityType } from '#core/privacy/entityTypes.ts';

/** A thread's vault that keeps each entry it makes in the profile's history as it makes it. */
class KeptVault extends RedactionVault {
  readonly #keep: (entry: VaultRow) => void;

  constructor(entries: readonly VaultRow[], keep: (entry: VaultRow) => void) {
    // The constructor refuses an entry whose type is not an entity type (a damaged row).
    super(entries as readonly VaultEntry[]);
    this.#keep = keep;
  }

  override placeholderFor(type: EntityType, original: string, label?: string): string {
    const size = this.size;
    const placeholder = super.placeholderFor(type, original, label);
    // Kept before the placeholder is used: a request that carries it has its original on disk.
    if (this.size > size) this.#keep({ placeholder, type, original });
    return placeholder;
  }
}

/** The chats' redaction vaults (TaskConversation.vault): one per thread, shared by its turns. */
export type ThreadVaults = {
  /**
   * The thread's vault: the one in memory, else rebuilt from what its history kept (so a follow-up
   * after a restart hides what the earlier turns hid). Each new entry is kept in the history.
   */
  vaultOf(profileId: string, threadId: string): RedactionVault;
  /** Drops the thread's vault from memory (the thread was deleted). */
  forget(threadId: string): void;
  /** How many vaults are in memory. */
  readonly size: number;
};

/**
 * The vaults of the active profile's chats. When a protected profile is locked or another profile
 * made active, every vault in memory is dropped: its originals were read from, or written to, the
 * profile's encrypted file and must not stay readable without the passphrase. A switch away from a
 * protected profile is refused while one of its tasks runs, so no running turn holds a dropped vault.
 */
export function createThreadVaults(store: ThreadStore, history: ProfileHistory): ThreadVaults {
  const vaults = new Map<string, RedactionVault>();
  history.onLeaveProtected(() => vaults.clear());
  return {
    vaultOf(profileId, threadId) {
      const known = vaults.get(threadId);
      if (known !== undefined) return known;
      const vault = new KeptVault(store.vaultEntries(threadId), (entry) =>
        store.keepVaultEntry(profileId, threadId, entry),
      );
      vaults.set(threadId, vault);
      return vault;
    },
    forget(threadId) {
      vaults.delete(threadId);
    },
    get size() {
      return vaults.size;
    },
  };
}
