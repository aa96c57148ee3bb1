import type { PrivacyMode, Profile } from '#shared/domain.ts';
import type { ProfileDeletion } from '#shared/ipc/ProfileDeletion.ts';
import type { ProfileListing } from '#shared/ipc/ProfileListing.ts';
import { countTasks } from '#core/db/moveProfileHistory.ts';
import type { ProfileRecord } from '#core/db/ProfileStore.ts';
import { InvalidRequestError, NotFoundError } from '#core/errors.ts';
import { checkProfilePassphrase, isProfileProtected } from '#core/settings/profilePassphrase.ts';
import type { EngineContext } from './EngineContext.ts';
import type { HandlerSlice } from './IpcHandlers.ts';
import { createProfileDeletion } from './profileDeletion.ts';
import { createProfileLock } from './profileLock.ts';

/** The engine's profiles: who is active, creating, switching (with a passphrase) and protecting. */
export type ProfilesApi = {
  listProfiles(): Profile[];
  createProfile(input: { name: string; privacyMode?: PrivacyMode | undefined }): Profile;
  switchProfile(profileId: string): Profile;
  /** The profiles with whether each asks for a passphrase. */
  listProfileListings(): ProfileListing[];
  /** Switches like `switchProfile`, first checking the passphrase of a protected profile. */
  switchProfileWithPassphrase(profileId: string, passphrase?: string): Profile;
  /** Sets (string) or removes (null) a profile's passphrase; a protected profile needs its current one. */
  protectProfile(profileId: string, passphrase: string | null, currentPassphrase?: string): ProfileListing;
  /** What deleting a profile would remove, or the sentence saying why it cannot be deleted (see profileDeletion). */
  previewProfileDeletion(profileId: string): ProfileDeletion;
  /** Deletes a profile that is not the active one, with its history, spending record and sealed keys. */
  deleteProfile(profileId: string): ProfileDeletion;
};

const activeProfileKey = 'activeProfileId';

/** A profile with its protection, whether it is locked here, and what a move cut short left unencrypted. */
function toListing({ settings, history, db }: EngineContext, profile: Profile): ProfileListing {
  const isProtected = isProfileProtected(settings, profile.id);
  return {
    ...profile,
    isProtected,
    isLocked: profile.isActive && history.profileId === profile.id && history.isLocked,
    // A move into the encrypted file cut short leaves these in the app database until the next unlock.
    unencryptedTasks: isProtected ? countTasks(db, profile.id) : 0,
  };
}

/** The profiles domain: its part of the facade, its IPC handlers, and the active profile for the others. */
export function createProfilesDomain(context: EngineContext) {
  const { ports, profiles, settings, history } = context;

  /** Read from the database at each call: a task starts under the profile stored now. */
  function activeRecord(): ProfileRecord {
    const storedActive = (): ProfileRecord | undefined => {
      const id = settings.read(activeProfileKey);
      return typeof id === 'string' ? profiles.get(id) : undefined;
    };
    const found = storedActive();
    if (found !== undefined) {
      return found;
    }
    // First start, or the active profile vanished: fall back to the oldest, creating one if none.
    // A new profile is local-only: nothing leaves the machine until the person says so. In one
    // IMMEDIATE transaction, so processes starting together on a fresh folder make one Default.
    return settings.transaction(() => {
      const fallback = storedActive() ?? profiles.list()[0] ?? createRecord('Default', 'local-only');
      settings.write(activeProfileKey, fallback.id);
      return fallback;
    });
  }

  function createRecord(name: string, privacyMode: PrivacyMode): ProfileRecord {
    const record: ProfileRecord = {
      id: ports.newId(),
      name,
      createdAt: ports.clock.now(),
      privacyMode,
      caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
    };
    profiles.insert(record);
    return record;
  }

  function toProfile(record: ProfileRecord, activeId: string): Profile {
    return {
      id: record.id,
      name: record.name,
      createdAt: record.createdAt,
      privacyMode: record.privacyMode,
      isActive: record.id === activeId,
    };
  }

  const { activate, changePassphrase } = createProfileLock(context);
  const deletion = createProfileDeletion(context, () => activeRecord().id);
  activate(activeRecord().id, null);
  // Another process may switch the stored active profile, or protect it or remove its protection:
  // this one follows, locked if it is protected (its passphrase was not entered here).
  history.follow(() => {
    const id = activeRecord().id;
    const isStale = id !== history.profileId || isProfileProtected(settings, id) !== history.isProtected;
    if (isStale && !history.isRunningTask) activate(id, null);
  });

  /** Activates first, so a refused switch (a task of this process still running) changes nothing. */
  function switchTo(profileId: string, passphrase: string | null): Profile {
    const record = profiles.get(profileId);
    if (record === undefined) {
      throw new NotFoundError(`No profile with id ${profileId}; reload the profile list.`);
    }
    activate(record.id, passphrase);
    settings.write(activeProfileKey, record.id);
    const profile = toProfile(record, record.id);
    context.emit({ channel: 'profile:changed', payload: profile });
    return profile;
  }

  const api: ProfilesApi = {
    listProfiles() {
      const activeId = activeRecord().id;
      return profiles.list().map((record) => toProfile(record, activeId));
    },
    createProfile({ name, privacyMode }) {
      if (profiles.findByName(name) !== undefined) {
        throw new InvalidRequestError(`A profile named "${name}" already exists; choose another name.`);
      }
      return toProfile(createRecord(name, privacyMode ?? 'local-only'), activeRecord().id);
    },
    switchProfile(profileId) {
      return switchTo(profileId, null);
    },
    listProfileListings() {
      return api.listProfiles().map((profile) => toListing(context, profile));
    },
    switchProfileWithPassphrase(profileId, passphrase) {
      if (profiles.get(profileId) === undefined) return api.switchProfile(profileId);
      checkProfilePassphrase(settings, profileId, passphrase);
      return switchTo(profileId, passphrase ?? null);
    },
    protectProfile(profileId, passphrase, currentPassphrase) {
      if (profiles.get(profileId) === undefined) {
        throw new NotFoundError(`No profile with id ${profileId}; reload the profile list.`);
      }
      changePassphrase(profileId, passphrase, currentPassphrase);
      ports.secrets.rekeyProfile?.(profileId, currentPassphrase ?? null, passphrase);
      if (activeRecord().id === profileId) activate(profileId, passphrase);
      const listing = api.listProfileListings().find((profile) => profile.id === profileId);
      if (listing === undefined) throw new NotFoundError(`No profile with id ${profileId}; reload the profile list.`);
      return listing;
    },
    previewProfileDeletion: (profileId) => deletion.preview(profileId),
    deleteProfile: (profileId) => deletion.remove(profileId),
  };

  const handlers = {
    'profile:list': () => api.listProfileListings(),
    'profile:create': (request) => api.createProfile(request),
    'profile:switch': (request) => api.switchProfileWithPassphrase(request.profileId, request.passphrase),
    'profile:protect': (request) =>
      api.protectProfile(request.profileId, request.passphrase, request.currentPassphrase),
    'profile:preview-deletion': (request) => api.previewProfileDeletion(request.profileId),
    'profile:delete': (request) => api.deleteProfile(request.profileId),
  } satisfies HandlerSlice;

  return { api, handlers, activeRecord };
}
