import { rmSync } from 'node:fs';
import path from 'node:path';
import type { ProfileDeletion } from '#shared/ipc/ProfileDeletion.ts';
import { hasRunningTask } from '#core/db/moveProfileHistory.ts';
import { InvalidRequestError, NotFoundError } from '#core/errors.ts';
import { listCloudProviders } from '#core/settings/cloudProviders.ts';
import { isProfileProtected } from '#core/settings/profilePassphrase.ts';
import type { EngineContext } from './EngineContext.ts';

/** The settings a profile owns, by key prefix (`<prefix>:<profile id>`); deleted with it. */
const profileSettingPrefixes = [
  'profilePassphrase',
  'profileHistoryKey',
  'defaultCloudProvider',
  'chatCloudChoice',
  'redaction',
] as const;

/**
 * Deleting a profile. Refused for the active profile (and so for the last one: there is always an
 * active one), and while a task of the profile runs (an unprotected profile's task goes on after a
 * switch). What goes: its history (tasks, chats with their vaults, its egress audit), its spending
 * record and caps, its settings, its retrained predictors, the keys sealed with its passphrase, and a
 * protected profile's encrypted history file, whose passphrase is not needed. Cloud providers, models
 * and other profiles stay: budgets are per profile, so no other profile's cap reads its ledger.
 *
 * Crash-safe in this order: the files and sealed keys first, the rows last in one IMMEDIATE
 * transaction. A crash in between leaves the profile listed with less of its data; deleting it again
 * completes the deletion, and nothing is left behind that no profile owns.
 */
export function createProfileDeletion(context: EngineContext, activeId: () => string) {
  const { db, ports, profiles, settings, history } = context;

  /** The profile to delete, or the sentence saying why it cannot be. */
  function deletable(profileId: string) {
    const record = profiles.get(profileId);
    if (record === undefined) throw new NotFoundError(`No profile with id ${profileId}; reload the profile list.`);
    if (profiles.list().length === 1)
      throw new InvalidRequestError(
        `"${record.name}" is the only profile; create another and switch to it, then delete this one.`,
      );
    if (record.id === activeId())
      throw new InvalidRequestError(
        `"${record.name}" is the active profile; switch to another profile first, then delete this one.`,
      );
    if (hasRunningTask(db, record.id))
      throw new InvalidRequestError(
        `A task of "${record.name}" is still running; wait for it to finish or cancel it (Tasks), then delete the profile.`,
      );
    return record;
  }

  function countOf(sql: string, profileId: string): number {
    return db.prepare<[string], { n: number }>(sql).get(profileId)?.n ?? 0;
  }

  function preview(profileId: string): ProfileDeletion {
    const record = deletable(profileId);
    const isProtected = isProfileProtected(settings, record.id);
    const providers = listCloudProviders(settings, ports.secrets, record.id);
    const sealed = ports.secrets.sealedFor?.(record.id) ?? [];
    const spend = db
      .prepare<[string], { n: number; total: number }>(
        'SELECT COUNT(*) AS n, COALESCE(SUM(cost_usd), 0) AS total FROM cost_ledger WHERE profile_id = ?',
      )
      .get(record.id);
    return {
      profileId: record.id,
      name: record.name,
      isProtected,
      tasks: countOf('SELECT COUNT(*) AS n FROM tasks WHERE profile_id = ?', record.id),
      chats: countOf('SELECT COUNT(*) AS n FROM threads WHERE profile_id = ?', record.id),
      hasEncryptedHistory: isProtected,
      spendEntries: spend?.n ?? 0,
      spentUsd: spend?.total ?? 0,
      sealedKeys: sealed.map(
        (name) => providers.find((provider) => `cloud-provider:${provider.id}` === name)?.name ?? name,
      ),
    };
  }

  /** The profile's folder of retrained predictors, only when it lies inside the predictor folder. */
  function predictorFolder(profileId: string): string | null {
    const root = path.join(ports.paths.dataDir, 'predictor');
    const folder = path.join(root, profileId);
    return path.dirname(folder) === root ? folder : null;
  }

  function remove(profileId: string): ProfileDeletion {
    const deletion = preview(profileId);
    for (const name of ports.secrets.sealedFor?.(profileId) ?? []) ports.secrets.delete(name);
    history.removeStaleFile(profileId);
    const predictors = predictorFolder(profileId);
    if (predictors !== null) rmSync(predictors, { recursive: true, force: true });
    settings.transaction(() => {
      deletable(profileId);
      const keys = profileSettingPrefixes.map((prefix) => `${prefix}:${profileId}`);
      db.prepare(`DELETE FROM settings WHERE key IN (${keys.map(() => '?').join(', ')})`).run(...keys);
      // The foreign keys take the rest with it: tasks with their paths, steps, decisions and estimates,
      // chats with their turns and vaults, egress audit rows, the ledger and any reservation.
      db.prepare('DELETE FROM profiles WHERE id = ?').run(profileId);
    });
    // So no freed page of the database keeps a deleted row (as after protecting a profile).
    if (context.databaseFile !== ':memory:') {
      db.exec('VACUUM');
      if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
    }
    ports.logger.info('profile deleted', { profileId, tasks: deletion.tasks, chats: deletion.chats });
    return deletion;
  }

  return { preview, remove };
}
