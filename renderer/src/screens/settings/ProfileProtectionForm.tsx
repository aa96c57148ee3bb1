import { useState, type FormEvent } from 'react';
import type { ProfileListing } from '#shared/ipc/ProfileListing.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** Props of ProfileProtectionForm. */
export type ProfileProtectionFormProps = {
  readonly profile: ProfileListing;
  readonly onChanged: () => void;
  readonly onClose: () => void;
};

/**
 * Sets, changes or removes a profile's passphrase. Changing or removing needs the current one.
 * The engine stores a salted scrypt hash, never the passphrase.
 */
export function ProfileProtectionForm({ profile, onChanged, onClose }: ProfileProtectionFormProps) {
  const protect = useInvokeAction('profile:protect');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState<string | undefined>(undefined);
  const isMismatch = repeat !== '' && next !== repeat;

  function run(passphrase: string | null): void {
    setDone(undefined);
    void protect
      .run({
        profileId: profile.id,
        passphrase,
        ...(profile.isProtected ? { currentPassphrase: current } : {}),
      })
      .then((result) => {
        if (!result.ok) return;
        setCurrent('');
        setNext('');
        setRepeat('');
        setDone(passphrase === null ? 'Protection removed.' : 'Passphrase saved.');
        onChanged();
      });
  }

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (next !== repeat) return;
    run(next);
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="protect-title" data-testid="profile-protect">
      <h3 id="protect-title">Protect “{profile.name}”</h3>
      <p className="secondary-text">
        Switching to a protected profile asks for its passphrase. It guards against a colleague at your desk, not
        against someone with access to the data folder.
      </p>
      <div className="form-row">
        {profile.isProtected && (
          <div className="form-field">
            <label htmlFor="protect-current">Current passphrase</label>
            <input
              id="protect-current"
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(event) => setCurrent(event.target.value)}
            />
          </div>
        )}
        <div className="form-field">
          <label htmlFor="protect-new">New passphrase</label>
          <input
            id="protect-new"
            type="password"
            autoComplete="new-password"
            value={next}
            aria-describedby="protect-new-hint"
            onChange={(event) => setNext(event.target.value)}
          />
          <span id="protect-new-hint" className="field-hint">
            At least 8 characters.
          </span>
        </div>
        <div className="form-field">
          <label htmlFor="protect-repeat">Repeat the new passphrase</label>
          <input
            id="protect-repeat"
            type="password"
            autoComplete="new-password"
            value={repeat}
            aria-invalid={isMismatch}
            aria-describedby={isMismatch ? 'protect-repeat-error' : undefined}
            onChange={(event) => setRepeat(event.target.value)}
          />
          {isMismatch && (
            <span id="protect-repeat-error" className="field-error">
              The two passphrases differ.
            </span>
          )}
        </div>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={protect.isRunning || next === '' || next !== repeat}>
          {profile.isProtected ? 'Change passphrase' : 'Protect profile'}
        </button>
        {profile.isProtected && (
          <button type="button" disabled={protect.isRunning || current === ''} onClick={() => run(null)}>
            Remove protection
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {protect.error !== undefined && <ErrorMessage error={protect.error} title="Could not change the protection." />}
      {done !== undefined && <StatusMessage>{done}</StatusMessage>}
    </form>
  );
}
