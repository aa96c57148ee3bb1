import { useState, type FormEvent } from 'react';
import { redactionEntityTypes, type RedactionChoices, type RedactionPattern } from '#shared/ipc/RedactionPreview.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { CustomPatternFields } from './CustomPatternFields.tsx';
import { entityTypeNames } from './entityTypeNames.ts';
import { RedactionPreviewPanel } from './RedactionPreviewPanel.tsx';

/** Props of RedactionSettingsForm. */
export type RedactionSettingsFormProps = { readonly saved: RedactionChoices };

const defaultSample =
  'Hi, this is Ana García (ana.garcia@example.com, +1 415 555 0100). Employee EMP-004211 needs card 4111 1111 1111 1111 refunded.';

function toChoices(types: RedactionChoices['types'], patterns: readonly RedactionPattern[], allowList: string) {
  return {
    types,
    customPatterns: patterns.map((pattern) => ({
      pattern: pattern.pattern,
      ...(pattern.label === undefined ? {} : { label: pattern.label }),
      ...(pattern.caseInsensitive === true ? { caseInsensitive: true } : {}),
    })),
    allowList: allowList
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
  };
}

/**
 * What the redactor hides before anything leaves: entity types on or off, the profile's own
 * patterns and an allow-list, with a live preview on sample text. Problems show under their field.
 */
export function RedactionSettingsForm({ saved }: RedactionSettingsFormProps) {
  const [types, setTypes] = useState(saved.types);
  const [patterns, setPatterns] = useState<readonly RedactionPattern[]>(saved.customPatterns);
  const [allowList, setAllowList] = useState(saved.allowList.join('\n'));
  const [sample, setSample] = useState(defaultSample);
  const [isSaved, setIsSaved] = useState(false);
  const save = useInvokeAction('privacy:set-redaction');
  const choices = toChoices(types, patterns, allowList);
  const preview = useInvoke('privacy:preview-redaction', { text: sample, settings: choices });
  const problems = new Map((preview.data?.problems ?? []).map((problem) => [problem.field, problem.message]));

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setIsSaved(false);
    void save.run(choices).then((result) => {
      if (result.ok) setIsSaved(true);
    });
  }

  return (
    <form className="panel" onSubmit={submit} aria-labelledby="redaction-title" noValidate>
      <h2 id="redaction-title">What is redacted</h2>
      <fieldset className="radio-group" disabled={save.isRunning}>
        <legend>Entity types</legend>
        <div className="form-row">
          {redactionEntityTypes.map((type) => (
            <div key={type} className="radio-option">
              <input
                id={`entity-type-${type}`}
                type="checkbox"
                checked={types[type] !== false}
                onChange={(event) => {
                  setTypes({ ...types, [type]: event.target.checked });
                  setIsSaved(false);
                }}
              />
              <label htmlFor={`entity-type-${type}`}>{entityTypeNames[type]}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <CustomPatternFields
        patterns={patterns}
        onChange={(next) => {
          setPatterns(next);
          setIsSaved(false);
        }}
        problems={problems}
        isDisabled={save.isRunning}
      />
      <div className="form-field">
        <label htmlFor="redaction-allow-list">Never redact (one per line)</label>
        <textarea
          id="redaction-allow-list"
          rows={3}
          value={allowList}
          disabled={save.isRunning}
          aria-describedby="redaction-allow-list-hint"
          onChange={(event) => {
            setAllowList(event.target.value);
            setIsSaved(false);
          }}
        />
        <span id="redaction-allow-list-hint" className="field-hint">
          Such as your company&apos;s name; compared without case.
        </span>
      </div>
      <RedactionPreviewPanel sample={sample} onSampleChange={setSample} preview={preview} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={save.isRunning}>
          {save.isRunning ? 'Saving…' : 'Save redaction settings'}
        </button>
      </div>
      {save.error !== undefined && <ErrorMessage error={save.error} title="Could not save the redaction settings." />}
      {isSaved && save.error === undefined && <StatusMessage>Redaction settings saved.</StatusMessage>}
    </form>
  );
}
