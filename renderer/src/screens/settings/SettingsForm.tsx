import { useState, type FormEvent } from 'react';
import type { Settings } from '#shared/domain.ts';
import { largestKeptModelMegabytes } from '#shared/ipc/schemas.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { StatusMessage } from '../../components/StatusMessage.tsx';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { parseWholeNumber } from './parseWholeNumber.ts';

/** Props of SettingsForm. */
export type SettingsFormProps = {
  readonly settings: Settings;
  /** Called with the settings the host saved, so the shell can apply the theme at once. */
  readonly onSaved: (settings: Settings) => void;
};

type NumberField =
  | 'pathsPerTask'
  | 'stepBudget'
  | 'localThreads'
  | 'cloudIdleTimeoutSeconds'
  | 'cloudTotalTimeoutSeconds'
  | 'cloudMaxResponseMegabytes'
  | 'localModelIdleMinutes'
  | 'localModelMemoryLimitMegabytes';

// The ranges match the host's request schema for settings:update.
const numberFields: readonly { field: NumberField; label: string; minimum: number; maximum: number; hint: string }[] = [
  {
    field: 'pathsPerTask',
    label: 'Paths per task',
    minimum: 1,
    maximum: 32,
    hint: 'Self-consistency paths run for each task (1–32).',
  },
  {
    field: 'stepBudget',
    label: 'Step budget',
    minimum: 1,
    maximum: 100,
    hint: 'Tool calls one path may make (1–100).',
  },
  {
    field: 'localThreads',
    label: 'Local threads',
    minimum: 0,
    maximum: 256,
    hint: 'llama.cpp threads (0–256); 0 = one per core.',
  },
  {
    field: 'cloudIdleTimeoutSeconds',
    label: 'Cloud silence limit (seconds)',
    minimum: 1,
    maximum: 600,
    hint: 'A cloud that sends nothing this long is dropped and the task goes on locally (1–600).',
  },
  {
    field: 'cloudTotalTimeoutSeconds',
    label: 'Cloud request time limit (seconds)',
    minimum: 5,
    maximum: 3600,
    hint: 'The longest one cloud request may take (5–3600).',
  },
  {
    field: 'cloudMaxResponseMegabytes',
    label: 'Cloud response size limit (MB)',
    minimum: 1,
    maximum: 256,
    hint: 'A larger cloud response is cut off and the task goes on locally (1–256).',
  },
  {
    field: 'localModelIdleMinutes',
    label: 'Keep the local model loaded (minutes idle)',
    minimum: 1,
    maximum: 1440,
    hint: 'The model stays loaded between chat turns and is freed after this long unused (1–1440).',
  },
  {
    field: 'localModelMemoryLimitMegabytes',
    label: 'Largest model kept loaded (MB)',
    minimum: 64,
    maximum: largestKeptModelMegabytes,
    hint: `A larger model file is loaded for each turn and freed after it (64–${largestKeptModelMegabytes}; 1024 MB = 1 GB).`,
  },
];

type Drafts = {
  theme: Settings['theme'];
  localGpu: Settings['localGpu'];
  endUnlikelyPathsEarly: boolean;
} & Record<NumberField, string>;

function toDrafts(settings: Settings): Drafts {
  return {
    theme: settings.theme,
    localGpu: settings.localGpu,
    endUnlikelyPathsEarly: settings.endUnlikelyPathsEarly,
    pathsPerTask: String(settings.pathsPerTask),
    stepBudget: String(settings.stepBudget),
    localThreads: String(settings.localThreads),
    cloudIdleTimeoutSeconds: String(settings.cloudIdleTimeoutSeconds),
    cloudTotalTimeoutSeconds: String(settings.cloudTotalTimeoutSeconds),
    cloudMaxResponseMegabytes: String(settings.cloudMaxResponseMegabytes),
    localModelIdleMinutes: String(settings.localModelIdleMinutes),
    localModelMemoryLimitMegabytes: String(settings.localModelMemoryLimitMegabytes),
  };
}

/** The app-wide settings, validated here with the host's ranges before they are sent. */
export function SettingsForm({ settings, onSaved }: SettingsFormProps) {
  const update = useInvokeAction('settings:update');
  const [drafts, setDrafts] = useState<Drafts>(() => toDrafts(settings));
  const [problems, setProblems] = useState<Partial<Record<NumberField, string>>>({});
  const [isSaved, setIsSaved] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setIsSaved(false);
    const parsed = numberFields.map(
      ({ field, minimum, maximum }) => [field, parseWholeNumber(drafts[field], minimum, maximum)] as const,
    );
    const found: Partial<Record<NumberField, string>> = {};
    const values: Partial<Record<NumberField, number>> = {};
    for (const [field, result] of parsed) {
      if (result.ok) values[field] = result.value;
      else found[field] = result.error;
    }
    setProblems(found);
    const firstProblem = numberFields.find(({ field }) => found[field] !== undefined);
    if (firstProblem !== undefined) {
      // The field may be scrolled out of sight above the button: focus brings it and its error into view.
      document.getElementById(`setting-${firstProblem.field}`)?.focus();
      return;
    }
    const { theme, localGpu, endUnlikelyPathsEarly } = drafts;
    void update.run({ theme, localGpu, endUnlikelyPathsEarly, ...values }).then((result) => {
      if (result.ok) {
        setIsSaved(true);
        setDrafts(toDrafts(result.value));
        onSaved(result.value);
      }
    });
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-labelledby="preferences-title">
      <h2 id="preferences-title">Preferences</h2>
      <div className="form-field">
        <label htmlFor="setting-theme">Theme</label>
        <select
          id="setting-theme"
          value={drafts.theme}
          onChange={(event) => setDrafts({ ...drafts, theme: event.target.value as Settings['theme'] })}
        >
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="setting-localGpu">Local models run on</label>
        <select
          id="setting-localGpu"
          value={drafts.localGpu}
          onChange={(event) => setDrafts({ ...drafts, localGpu: event.target.value as Settings['localGpu'] })}
          aria-describedby="setting-localGpu-hint"
        >
          <option value="auto">A GPU where there is one (CUDA, Metal, Vulkan), else the CPU</option>
          <option value="cpu">The CPU only</option>
        </select>
        <p id="setting-localGpu-hint" className="field-hint">
          Applies from the next start of the app.
        </p>
      </div>
      <div className="form-field">
        <label className="checkbox-label">
          <input
            type="checkbox"
            checked={drafts.endUnlikelyPathsEarly}
            onChange={(event) => setDrafts({ ...drafts, endUnlikelyPathsEarly: event.target.checked })}
            aria-describedby="setting-endUnlikelyPathsEarly-hint"
          />{' '}
          End unlikely paths early
        </label>
        <p id="setting-endUnlikelyPathsEarly-hint" className="field-hint">
          For world tasks that stay on this computer: stops a path whose calculator calls use numbers found nowhere in
          the question or earlier results, and starts no more paths once one answer leads. On the test tasks it did
          about 38% less local work and was right a little more often.
        </p>
      </div>
      {numberFields.map(({ field, label, minimum, maximum, hint }) => (
        <div key={field} className="form-field">
          <label htmlFor={`setting-${field}`}>{label}</label>
          <input
            id={`setting-${field}`}
            type="number"
            inputMode="numeric"
            min={minimum}
            max={maximum}
            step={1}
            value={drafts[field]}
            onChange={(event) => setDrafts({ ...drafts, [field]: event.target.value })}
            aria-invalid={problems[field] !== undefined}
            aria-describedby={`setting-${field}-hint`}
          />
          <p id={`setting-${field}-hint`} className={problems[field] === undefined ? 'field-hint' : 'field-error'}>
            {problems[field] ?? hint}
          </p>
        </div>
      ))}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isRunning}>
          {update.isRunning ? 'Saving…' : 'Save settings'}
        </button>
        {isSaved && <StatusMessage>Settings saved.</StatusMessage>}
      </div>
      {update.error !== undefined && <ErrorMessage error={update.error} title="Could not save the settings." />}
    </form>
  );
}
