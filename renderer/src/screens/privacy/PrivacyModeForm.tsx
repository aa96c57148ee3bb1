import { useState } from 'react';
import { privacyModes, type PrivacyMode, type PrivacyPolicy } from '#shared/domain.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { privacyModeNames } from './privacyModeNames.ts';

/** Props of PrivacyModeForm. */
export type PrivacyModeFormProps = { readonly policy: PrivacyPolicy };

const descriptions: Record<PrivacyMode, string> = {
  'local-only': 'Every step runs on a local model. Tasks the local model cannot finish fail instead of escalating.',
  ask: 'When a path should move to a cloud model, Atropos shows the redacted request and waits for your approval.',
  'auto-redact': 'Failing paths move to a cloud model within your budget, with personal data redacted first.',
};

/** The privacy mode as a radio group; choosing a mode saves it at once. */
export function PrivacyModeForm({ policy }: PrivacyModeFormProps) {
  const setPolicy = useInvokeAction('privacy:set-policy');
  const [saved, setSaved] = useState<PrivacyPolicy | undefined>(undefined);
  const [pendingMode, setPendingMode] = useState<PrivacyMode | undefined>(undefined);
  const current = saved ?? policy;

  function choose(mode: PrivacyMode): void {
    setPendingMode(mode);
    void setPolicy.run({ mode }).then((result) => {
      setPendingMode(undefined);
      if (result.ok) {
        setSaved(result.value);
      }
    });
  }

  return (
    <form className="panel" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="radio-group" disabled={setPolicy.isRunning}>
        <legend>Privacy mode</legend>
        {privacyModes.map((mode) => (
          <div key={mode} className="radio-option">
            <input
              type="radio"
              id={`privacy-mode-${mode}`}
              name="privacy-mode"
              value={mode}
              checked={(pendingMode ?? current.mode) === mode}
              onChange={() => choose(mode)}
              aria-describedby={`privacy-mode-${mode}-description`}
            />
            <div>
              <label htmlFor={`privacy-mode-${mode}`}>{privacyModeNames[mode]}</label>
              <p id={`privacy-mode-${mode}-description`} className="secondary-text">
                {descriptions[mode]}
              </p>
            </div>
          </div>
        ))}
      </fieldset>
      {setPolicy.error !== undefined && (
        <ErrorMessage error={setPolicy.error} title="Could not change the privacy mode." />
      )}
      {saved !== undefined && setPolicy.error === undefined && !setPolicy.isRunning && (
        <StatusMessage>Privacy mode set to “{privacyModeNames[saved.mode]}”.</StatusMessage>
      )}
    </form>
  );
}
