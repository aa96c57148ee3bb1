import { describeProfileDeletion } from '#shared/ipc/ProfileDeletion.ts';
import type { ProfileListing } from '#shared/ipc/ProfileListing.ts';
import { AsyncContent } from '../../components/AsyncContent.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** Props of ProfileDeletePanel. */
export type ProfileDeletePanelProps = {
  readonly profile: ProfileListing;
  /** Called with the deleted profile's name once it is gone. */
  readonly onDeleted: (name: string) => void;
  readonly onClose: () => void;
};

/**
 * Asks before deleting a profile, saying what goes (its history or encrypted history file, its
 * spending record, keys sealed with its passphrase) as the engine counted it; the engine's refusal
 * (the active profile, a running task) shows instead, and nothing can be deleted then.
 */
export function ProfileDeletePanel({ profile, onDeleted, onClose }: ProfileDeletePanelProps) {
  const preview = useInvoke('profile:preview-deletion', { profileId: profile.id });
  const remove = useInvokeAction('profile:delete');

  function confirm(): void {
    void remove.run({ profileId: profile.id }).then((result) => {
      if (result.ok) onDeleted(result.value.name);
    });
  }

  return (
    <section className="panel" aria-labelledby="delete-profile-title" data-testid="profile-delete">
      <h3 id="delete-profile-title">Delete “{profile.name}”?</h3>
      <AsyncContent state={preview} label="what deleting it removes">
        {(deletion) => (
          <ul className="deletion-effects">
            {describeProfileDeletion(deletion).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </AsyncContent>
      <div className="form-actions">
        <button
          type="button"
          className="danger-button"
          onClick={confirm}
          disabled={preview.data === undefined || remove.isRunning}
        >
          {remove.isRunning ? 'Deleting…' : 'Delete profile'}
        </button>
        <button type="button" onClick={onClose} disabled={remove.isRunning}>
          Keep it
        </button>
      </div>
      {remove.error !== undefined && <ErrorMessage error={remove.error} title="Could not delete the profile." />}
    </section>
  );
}
