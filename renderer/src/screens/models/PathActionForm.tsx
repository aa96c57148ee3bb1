import { useState, type FormEvent } from 'react';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';

/** Props of PathActionForm. */
export type PathActionFormProps = {
  readonly id: string;
  readonly title: string;
  readonly label: string;
  readonly hint: string;
  readonly placeholder: string;
  readonly submitLabel: string;
  /** Resolves true when the host accepted the value (the field is then cleared). */
  readonly onSubmit: (value: string) => Promise<boolean>;
  readonly isRunning: boolean;
  readonly error: IpcError | undefined;
  readonly errorTitle: string;
};

/** One text field and a button: a download link, or the path of a GGUF file to import. */
export function PathActionForm(props: PathActionFormProps) {
  const [value, setValue] = useState('');
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (value.trim() === '') return;
    void props.onSubmit(value.trim()).then((isAccepted) => {
      if (isAccepted) setValue('');
    });
  }
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <div className="form-row path-form-row">
        <div className="form-field wide-field">
          <label htmlFor={props.id}>{props.label}</label>
          <input
            id={props.id}
            type="text"
            value={value}
            placeholder={props.placeholder}
            onChange={(event) => setValue(event.target.value)}
            aria-describedby={`${props.id}-hint`}
            spellCheck={false}
          />
          <p id={`${props.id}-hint`} className="field-hint">
            {props.hint}
          </p>
        </div>
        <button type="submit" disabled={props.isRunning || value.trim() === ''}>
          {props.submitLabel}
        </button>
      </div>
      {props.error !== undefined && <ErrorMessage error={props.error} title={props.errorTitle} />}
    </form>
  );
}
