import { hasRunningTask } from '#core/db/moveProfileHistory.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { createHistoryKey, deleteHistoryKey, openHistoryKey, rewrapHistoryKey } from '#core/settings/historyKey.ts';
import {
  checkNewPassphrase,
  checkProfilePassphrase,
  isProfileProtected,
  setProfilePassphrase,
} from '#core/settings/profilePassphrase.ts';
import { recoverInterruptedWork } from '#core/tasks/recoverInterruptedWork.ts';
import type { EngineContext } from './EngineContext.ts';

/**
 * A profile's passphrase, seen from this process: what it unlocks (the profile's encrypted history,
 * context.history, and its sealed keys, ports.secrets) and what setting, changing or removing it
 * moves (the history into or out of its encrypted file).
 */
export function createProfileLock(context: EngineContext) {
  const { ports, settings, history } = context;
  const owner = { pid: ports.process.pid, token: ports.process.token };

  /**
   * Makes the profile this process's active one for its history and its keys: a protected
   * profile's encrypted history opens with `passphrase` (its key is made at the first unlock of a
   * profile protected before histories were encrypted) and stays locked without it; the secret
   * store seals its keys with it. Refused, changing nothing, while a task of this process runs in
   * the history it would leave.
   */
  function activate(profileId: string, passphrase: string | null): void {
    const isProtected = isProfileProtected(settings, profileId);
    if (!isProtected) history.use(profileId, undefined);
    else if (passphrase === null) history.use(profileId, null);
    else {
      const key = settings.transaction(
        () => openHistoryKey(settings, profileId, passphrase) ?? createHistoryKey(settings, profileId, passphrase),
      );
      history.use(profileId, key);
      recoverOpenedHistory();
    }
    ports.secrets.useProfile?.({ id: profileId, isProtected, passphrase });
  }

  /** Tasks a process that is gone left running in the history just opened become interrupted. */
  function recoverOpenedHistory(): void {
    const db = history.opened();
    if (db === null) return;
    recoverInterruptedWork({
      db,
      tasks: new TaskStore(db, owner),
      budget: context.budget,
      owner,
      isAlive: (pid) => ports.process.isAlive(pid),
      now: ports.clock.now(),
    });
  }

  function refuseWhileRunning(profileId: string): void {
    if (hasRunningTask(context.db, profileId))
      throw new InvalidRequestError(
        'A task of this profile is still running; wait for it to finish or cancel it, then protect the profile.',
      );
  }

  /** Sets, changes or removes the passphrase, moving the history into or out of its encrypted file. */
  function changePassphrase(profileId: string, passphrase: string | null, current: string | undefined): void {
    const wasProtected = isProfileProtected(settings, profileId);
    if (passphrase === null) {
      if (!wasProtected) return;
      checkProfilePassphrase(settings, profileId, current);
      const key = openHistoryKey(settings, profileId, current ?? '');
      // Back in the app database first; the passphrase and the key go only once it is committed.
      if (key !== null) history.decrypt(profileId, key);
      settings.transaction(() => {
        setProfilePassphrase(settings, profileId, null, current);
        deleteHistoryKey(settings, profileId);
      });
    } else if (!wasProtected) {
      refuseWhileRunning(profileId);
      checkNewPassphrase(passphrase);
      // The history key first, then the copy into the file; the passphrase is stored in the same
      // transaction that deletes the plaintext rows. A crash before that leaves the profile
      // unprotected with its history in the app database, as it reads (the next protect starts over).
      const key = settings.transaction(() => {
        history.removeStaleFile(profileId);
        return createHistoryKey(settings, profileId, passphrase);
      });
      history.encrypt(profileId, key, () => {
        refuseWhileRunning(profileId);
        setProfilePassphrase(settings, profileId, passphrase, current);
      });
    } else {
      settings.transaction(() => {
        setProfilePassphrase(settings, profileId, passphrase, current);
        rewrapHistoryKey(settings, profileId, current ?? '', passphrase);
      });
    }
  }

  return { activate, changePassphrase };
}
