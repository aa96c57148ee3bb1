import { useState, type FormEvent } from 'react';
import type { BudgetCaps } from '#shared/domain.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { parseCap } from './parseCap.ts';

/** Props of BudgetCapsForm. */
export type BudgetCapsFormProps = {
  readonly caps: BudgetCaps;
  /** Called with the caps the host saved, so the screen can reload its summary. */
  readonly onSaved: (caps: BudgetCaps) => void;
};

type Field = 'perTaskUsd' | 'dailyUsd' | 'monthlyUsd';
type Drafts = Record<Field, string>;

const fields: readonly { readonly field: Field; readonly label: string }[] = [
  { field: 'perTaskUsd', label: 'Per-task cap (USD)' },
  { field: 'dailyUsd', label: 'Daily cap (USD, resets 00:00 UTC)' },
  { field: 'monthlyUsd', label: 'Monthly cap (USD)' },
];

function toDrafts(caps: BudgetCaps): Drafts {
  return {
    perTaskUsd: caps.perTaskUsd?.toString() ?? '',
    dailyUsd: caps.dailyUsd?.toString() ?? '',
    monthlyUsd: caps.monthlyUsd?.toString() ?? '',
  };
}

/** Sets the per-task, daily and monthly spending caps; an empty field means no cap. */
export function BudgetCapsForm({ caps, onSaved }: BudgetCapsFormProps) {
  const setCaps = useInvokeAction('budget:set-caps');
  const [drafts, setDrafts] = useState<Drafts>(() => toDrafts(caps));
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [isSaved, setIsSaved] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const perTask = parseCap(drafts.perTaskUsd);
    const daily = parseCap(drafts.dailyUsd);
    const monthly = parseCap(drafts.monthlyUsd);
    setProblems({
      perTaskUsd: perTask.ok ? undefined : perTask.error,
      dailyUsd: daily.ok ? undefined : daily.error,
      monthlyUsd: monthly.ok ? undefined : monthly.error,
    });
    setIsSaved(false);
    if (!perTask.ok || !daily.ok || !monthly.ok) {
      return;
    }
    void setCaps.run({ perTaskUsd: perTask.value, dailyUsd: daily.value, monthlyUsd: monthly.value }).then((result) => {
      if (result.ok) {
        setIsSaved(true);
        setDrafts(toDrafts(result.value));
        onSaved(result.value);
      }
    });
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="caps-title">
      <h2 id="caps-title">Spending caps</h2>
      <div className="form-row">
        {fields.map(({ field, label }) => (
          <div key={field} className="form-field">
            <label htmlFor={`cap-${field}`}>{label}</label>
            <input
              id={`cap-${field}`}
              type="text"
              inputMode="decimal"
              placeholder="No cap"
              value={drafts[field]}
              onChange={(event) => setDrafts({ ...drafts, [field]: event.target.value })}
              aria-invalid={problems[field] !== undefined}
              aria-describedby={`cap-${field}-hint`}
            />
            <p id={`cap-${field}-hint`} className={problems[field] === undefined ? 'field-hint' : 'field-error'}>
              {problems[field] ?? 'Leave empty for no cap.'}
            </p>
          </div>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={setCaps.isRunning}>
          {setCaps.isRunning ? 'Saving…' : 'Save caps'}
        </button>
        {isSaved && <StatusMessage>Caps saved.</StatusMessage>}
      </div>
      {setCaps.error !== undefined && <ErrorMessage error={setCaps.error} title="Could not save the caps." />}
    </form>
  );
}
