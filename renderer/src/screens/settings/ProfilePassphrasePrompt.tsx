import { useState, type FormEvent } from 'react';
import type { Profile } from '#shared/domain.ts';
import type { ProfileListing } from '#shared/ipc/ProfileListing.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** Props of ProfilePassphrasePrompt. */
export type ProfilePassphrasePromptProps = {
  readonly profile: ProfileListing;
  readonly onSwitched: (profile: Profile) => void;
  readonly onCancel: () => void;
};

/** Asks for a protected profile's passphrase and switches to it; a wrong one is said plainly. */
export function ProfilePassphrasePrompt({ profile, onSwitched, onCancel }: ProfilePassphrasePromptProps) {
  const switchProfile = useInvokeAction('profile:switch');
  const [passphrase, setPassphrase] = useState('');

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    void switchProfile.run({ profileId: profile.id, passphrase }).then((result) => {
      if (result.ok) onSwitched(result.value);
      else setPassphrase('');
    });
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="unlock-title" data-testid="profile-unlock">
      <h3 id="unlock-title">
        {profile.isLocked ? 'Unlock' : 'Switch to'} “{profile.name}”
      </h3>
      <p className="secondary-text">
        {profile.isLocked
          ? 'This profile is protected: its history is encrypted and its keys are sealed until you enter its passphrase.'
          : 'This profile is protected. Enter its passphrase to switch to it.'}
      </p>
      <div className="form-row create-profile">
        <div className="form-field">
          <label htmlFor="unlock-passphrase">Passphrase of {profile.name}</label>
          <input
            id="unlock-passphrase"
            type="password"
            autoComplete="current-password"
            value={passphrase}
            autoFocus
            aria-invalid={switchProfile.error !== undefined}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </div>
        <button type="submit" className="primary" disabled={switchProfile.isRunning || passphrase === ''}>
          {switchProfile.isRunning ? 'Checking…' : profile.isLocked ? 'Unlock' : 'Switch'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {switchProfile.error !== undefined && (
        <ErrorMessage error={switchProfile.error} title="Could not switch profiles." />
      )}
    </form>
  );
}
