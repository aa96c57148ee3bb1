import { useState, type FormEvent } from 'react';
import type { Profile } from '#shared/domain.ts';
import { unfinishedProtection, type ProfileListing } from '#shared/ipc/ProfileListing.ts';
import { AsyncContent } from '../../components/AsyncContent.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { formatDateTime } from '../../format/formatDateTime.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { privacyModeNames } from '../privacy/privacyModeNames.ts';
import { ProfileDeletePanel } from './ProfileDeletePanel.tsx';
import { ProfilePassphrasePrompt } from './ProfilePassphrasePrompt.tsx';
import { ProfileProtectionForm } from './ProfileProtectionForm.tsx';

/** Props of ProfilesSection. */
export type ProfilesSectionProps = {
  /** Called with the newly active profile; the shell then reloads every screen for it. */
  readonly onSwitched: (profile: Profile) => void;
};

/**
 * Lists the profiles on this workstation, creates new ones, protects them with a passphrase and
 * switches between them (explicitly: the shell then reloads every screen for the new profile).
 */
export function ProfilesSection({ onSwitched }: ProfilesSectionProps) {
  const profiles = useInvoke('profile:list', {});
  const create = useInvokeAction('profile:create');
  const switchProfile = useInvokeAction('profile:switch');
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Profile | undefined>(undefined);
  // The profile whose passphrase is being asked for, or whose protection is being edited (by id).
  const [unlocking, setUnlocking] = useState<string | undefined>(undefined);
  const [protecting, setProtecting] = useState<string | undefined>(undefined);
  const [deleting, setDeleting] = useState<string | undefined>(undefined);
  const [deleted, setDeleted] = useState<string | undefined>(undefined);
  const unlockingProfile = profiles.data?.find((profile) => profile.id === unlocking);
  const protectingProfile = profiles.data?.find((profile) => profile.id === protecting);
  const deletingProfile = profiles.data?.find((profile) => profile.id === deleting);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setCreated(undefined);
    void create.run({ name: name.trim() }).then((result) => {
      if (result.ok) {
        setCreated(result.value);
        setName('');
        profiles.reload();
      }
    });
  }

  function activate(profile: ProfileListing): void {
    if (profile.isProtected) {
      setUnlocking(profile.id);
      return;
    }
    void switchProfile.run({ profileId: profile.id }).then((result) => {
      if (result.ok) {
        onSwitched(result.value);
      }
    });
  }

  return (
    <section className="panel" aria-labelledby="profiles-title">
      <h2 id="profiles-title">Profiles</h2>
      <p className="secondary-text">
        Each profile has its own privacy mode, budget, task history and predictor data. To delete the active profile,
        switch to another one first.
      </p>
      <AsyncContent state={profiles} label="the profiles">
        {(list) => (
          <ProfilesTable
            list={list}
            isSwitching={switchProfile.isRunning}
            onActivate={activate}
            onProtect={setProtecting}
            onDelete={(profileId) => {
              setDeleted(undefined);
              setDeleting(profileId);
            }}
          />
        )}
      </AsyncContent>
      {unlockingProfile !== undefined && (
        <ProfilePassphrasePrompt
          key={unlockingProfile.id}
          profile={unlockingProfile}
          onSwitched={(profile) => {
            // Unlocking the active profile keeps its id, so the shell does not reload this screen.
            setUnlocking(undefined);
            profiles.reload();
            onSwitched(profile);
          }}
          onCancel={() => setUnlocking(undefined)}
        />
      )}
      {protectingProfile !== undefined && (
        <ProfileProtectionForm
          key={protectingProfile.id}
          profile={protectingProfile}
          onChanged={profiles.reload}
          onClose={() => setProtecting(undefined)}
        />
      )}
      {deletingProfile !== undefined && (
        <ProfileDeletePanel
          key={deletingProfile.id}
          profile={deletingProfile}
          onDeleted={(name) => {
            setDeleting(undefined);
            setDeleted(name);
            profiles.reload();
          }}
          onClose={() => setDeleting(undefined)}
        />
      )}
      {deleted !== undefined && <StatusMessage>Deleted profile “{deleted}”.</StatusMessage>}
      {switchProfile.error !== undefined && (
        <ErrorMessage error={switchProfile.error} title="Could not switch profiles." />
      )}
      <form className="form-row create-profile" onSubmit={submit}>
        <div className="form-field">
          <label htmlFor="new-profile-name">New profile name</label>
          <input
            id="new-profile-name"
            type="text"
            maxLength={64}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="off"
          />
        </div>
        <button type="submit" disabled={create.isRunning || name.trim() === ''}>
          {create.isRunning ? 'Creating…' : 'Create profile'}
        </button>
      </form>
      {create.error !== undefined && <ErrorMessage error={create.error} title="Could not create the profile." />}
      {created !== undefined && <StatusMessage>Created profile “{created.name}”.</StatusMessage>}
    </section>
  );
}

/**
 * The profiles, each with its privacy mode, creation date, protection, and switch, protect and delete
 * buttons (the active profile is not deleted: switch away first).
 */
function ProfilesTable({
  list,
  isSwitching,
  onActivate,
  onProtect,
  onDelete,
}: {
  readonly list: readonly ProfileListing[];
  readonly isSwitching: boolean;
  readonly onActivate: (profile: ProfileListing) => void;
  readonly onProtect: (profileId: string) => void;
  readonly onDelete: (profileId: string) => void;
}) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Profiles</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Privacy mode</th>
          <th scope="col">Created</th>
          <th scope="col">Protection</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {list.map((profile) => (
          <tr key={profile.id}>
            <td>{profile.name}</td>
            <td>{privacyModeNames[profile.privacyMode]}</td>
            <td className="nowrap">{formatDateTime(profile.createdAt)}</td>
            <td>
              {profile.isProtected ? (profile.isLocked ? 'Passphrase (locked)' : 'Passphrase') : 'None'}
              {unfinishedProtection(profile) === null ? null : (
                <div role="status" className="field-hint">
                  {unfinishedProtection(profile)}
                </div>
              )}
            </td>
            <td className="actions-cell">
              {profile.isActive ? <span className="badge badge-active">Active</span> : null}
              {profile.isActive && profile.isLocked ? (
                <>
                  {' '}
                  <button
                    type="button"
                    onClick={() => onActivate(profile)}
                    disabled={isSwitching}
                    aria-label={`Unlock ${profile.name}`}
                  >
                    Unlock…
                  </button>
                </>
              ) : null}
              {profile.isActive ? null : (
                <button
                  type="button"
                  onClick={() => onActivate(profile)}
                  disabled={isSwitching}
                  aria-label={`Switch to ${profile.name}`}
                >
                  Switch
                </button>
              )}{' '}
              <button type="button" onClick={() => onProtect(profile.id)} aria-label={`Protection of ${profile.name}`}>
                {profile.isProtected ? 'Passphrase…' : 'Protect…'}
              </button>
              {profile.isActive ? null : (
                <>
                  {' '}
                  <button type="button" onClick={() => onDelete(profile.id)} aria-label={`Delete ${profile.name}`}>
                    Delete…
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
