import { useState, type FormEvent } from 'react';
import type { CloudProviderEntry } from '#shared/domain.ts';
import { defaultHandover, type HandoverKind } from '#shared/taskRequest.ts';
import { appendFolder, PickFolderButton } from '../../components/PickFolderButton.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { AdvancedRunFields } from './AdvancedRunFields.tsx';
import {
  initialTaskFields,
  taskStartRequestOf,
  type Escalation,
  type OperatingPoint,
  type ProviderChoice,
  type TaskFields,
  type TaskStartRequest,
} from './taskStartRequest.ts';

export { providerFields, type TaskStartRequest } from './taskStartRequest.ts';

/** Props of TaskForm. */
export type TaskFormProps = {
  readonly isRunning: boolean;
  /** Whether a start request is on its way (the Run button waits). */
  readonly isStarting: boolean;
  readonly onRun: (request: TaskStartRequest) => void;
  readonly onCancel: () => void;
};

const operatingPoints: readonly { value: OperatingPoint; name: string }[] = [
  { value: 'save-most', name: 'Save the most' },
  { value: 'save-more', name: 'Save more' },
  { value: 'balanced', name: 'Balanced' },
  { value: 'better-answers', name: 'Better answers' },
  { value: 'best-answers', name: 'Best answers' },
];

/** The handovers the form offers, in plain words (the engine's `digest` and `transcript-full` are the CLI's). */
const handoverChoices: readonly { kind: HandoverKind; label: string }[] = [
  { kind: 'restart', label: 'The question only' },
  { kind: 'transcript', label: "The path's work so far" },
  { kind: 'continue', label: 'The steps so far, to check and continue' },
];

/** What each group of fields reads and changes. */
type FieldsProps = {
  readonly fields: TaskFields;
  readonly set: (patch: Partial<TaskFields>) => void;
  readonly isRunning: boolean;
};

/**
 * The task input: a question or a world task number, paths (Settings' paths per task until changed),
 * strategy, escalation and where an escalation goes: a saved provider (the profile's default unless
 * another is picked) or an endpoint typed here with its own key. Checks what it can before sending;
 * the host checks everything.
 */
export function TaskForm({ isRunning, isStarting, onRun, onCancel }: TaskFormProps) {
  const settings = useInvoke('settings:get', {});
  const providers = useInvoke('cloud:list', {});
  const [fields, setFields] = useState<TaskFields>(initialTaskFields);
  const set = (patch: Partial<TaskFields>) => setFields((previous) => ({ ...previous, ...patch }));
  // Null until the person types: the field shows the Settings' paths per task meanwhile.
  const [typedPaths, setPaths] = useState<string | null>(null);
  const paths = typedPaths ?? String(settings.data?.pathsPerTask ?? '');
  // Null until the person picks: the profile's default provider (or none) meanwhile.
  const [pickedProvider, setProviderChoice] = useState<ProviderChoice | null>(null);
  const providerChoice = pickedProvider ?? providers.data?.find((entry) => entry.isDefault)?.id ?? 'none';
  const [problem, setProblem] = useState<string | undefined>(undefined);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const request = taskStartRequestOf(fields, paths, providerChoice);
    if (typeof request === 'string') {
      setProblem(request);
      return;
    }
    setProblem(undefined);
    onRun(request);
  }

  return (
    <form className="panel task-form" onSubmit={submit} aria-label="New task">
      <QuestionFields fields={fields} set={set} isRunning={isRunning} />
      <RunFields fields={fields} set={set} isRunning={isRunning} paths={paths} onPaths={setPaths} />
      <FolderFields fields={fields} set={set} isRunning={isRunning} />
      <AdvancedRunFields fields={fields} set={set} isRunning={isRunning} />
      <EscalationTargetFields
        fields={fields}
        set={set}
        isRunning={isRunning}
        providers={providers.data ?? []}
        providerChoice={providerChoice}
        onProviderChoice={setProviderChoice}
      />
      {problem !== undefined && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={isRunning || isStarting}>
          {isStarting ? 'Starting…' : 'Run'}
        </button>
        <button type="button" onClick={onCancel} disabled={!isRunning}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The question, or a practice (world) task number instead. */
function QuestionFields({ fields, set, isRunning }: FieldsProps) {
  return (
    <div className="form-row">
      <div className="form-field task-question">
        <label htmlFor="task-question">Question</label>
        <input
          id="task-question"
          type="text"
          value={fields.question}
          placeholder="What is 12+30*2?"
          onChange={(event) => set({ question: event.target.value })}
          disabled={isRunning}
        />
      </div>
      <div className="form-field narrow-field">
        <label htmlFor="task-world">Practice task number</label>
        <input
          id="task-world"
          type="text"
          inputMode="numeric"
          value={fields.worldTask}
          aria-describedby="task-world-hint"
          onChange={(event) => set({ worldTask: event.target.value })}
          disabled={isRunning}
        />
        <span id="task-world-hint" className="field-hint">
          A built-in arithmetic task (0–100000), instead of a question
        </span>
      </div>
    </div>
  );
}

/** How the task runs: paths, strategy, escalation, checkpoint and operating point. */
function RunFields({
  fields,
  set,
  isRunning,
  paths,
  onPaths,
}: FieldsProps & { readonly paths: string; readonly onPaths: (paths: string) => void }) {
  return (
    <div className="form-row">
      <div className="form-field narrow-field">
        <label htmlFor="task-paths">Paths</label>
        <input
          id="task-paths"
          type="number"
          min={1}
          max={32}
          value={paths}
          onChange={(event) => onPaths(event.target.value)}
          disabled={isRunning}
        />
      </div>
      <div className="form-field">
        <label htmlFor="task-strategy">Strategy</label>
        <select
          id="task-strategy"
          value={fields.strategy}
          onChange={(event) => set({ strategy: event.target.value as TaskFields['strategy'] })}
          disabled={isRunning}
        >
          <option value="parallel">Parallel (paths advance together)</option>
          <option value="sequential">Sequential (one path after another)</option>
        </select>
      </div>
      <div className="form-field">
        <label htmlFor="task-escalation">Escalation</label>
        <select
          id="task-escalation"
          value={fields.escalation}
          onChange={(event) => set({ escalation: event.target.value as Escalation })}
          disabled={isRunning}
        >
          <option value="auto">Policy decides</option>
          <option value="never">Never (stay local)</option>
          <option value="always">Always at the checkpoint</option>
        </select>
      </div>
      <div className="form-field checkpoint-field">
        <label htmlFor="task-checkpoint">Check for failure after</label>
        <input
          id="task-checkpoint"
          type="text"
          inputMode="numeric"
          value={fields.checkpoint}
          placeholder="default"
          aria-describedby="task-checkpoint-hint"
          onChange={(event) => set({ checkpoint: event.target.value })}
          disabled={isRunning}
        />
        <span id="task-checkpoint-hint" className="field-hint">
          Steps per path (paths if sequential) before deciding on cloud help. Empty: the default.
        </span>
      </div>
      <div className="form-field">
        <label htmlFor="task-operating-point">Operating point</label>
        <select
          id="task-operating-point"
          value={fields.operatingPoint}
          onChange={(event) => set({ operatingPoint: event.target.value as OperatingPoint })}
          disabled={isRunning}
        >
          {operatingPoints.map((point) => (
            <option key={point.value} value={point.value}>
              {point.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** The folders the task's paths may read. */
function FolderFields({ fields, set }: FieldsProps) {
  return (
    <details className="granted-folders">
      <summary>Folders this task may read (optional)</summary>
      <div className="form-field">
        <label htmlFor="task-folders">Granted folders, one absolute path per line</label>
        <textarea
          id="task-folders"
          rows={2}
          value={fields.folders}
          onChange={(event) => set({ folders: event.target.value })}
          aria-describedby="task-folders-hint"
        />
        <PickFolderButton onPick={(folder) => set({ folders: appendFolder(fields.folders, folder) })} />
        <span id="task-folders-hint" className="field-hint">
          The paths may list, read and search files there, read-only, and nothing outside them.
        </span>
      </div>
    </details>
  );
}

/** Where an escalation goes: a saved provider, none, or an endpoint typed here; and what it takes along. */
function EscalationTargetFields({
  fields,
  set,
  isRunning,
  providers,
  providerChoice,
  onProviderChoice,
}: FieldsProps & {
  readonly providers: readonly CloudProviderEntry[];
  readonly providerChoice: ProviderChoice;
  readonly onProviderChoice: (choice: ProviderChoice) => void;
}) {
  return (
    <details className="cloud-endpoint">
      <summary>Where an escalation goes</summary>
      <div className="form-row">
        <div className="form-field">
          <label htmlFor="task-provider">Escalate to</label>
          <select
            id="task-provider"
            value={providerChoice}
            onChange={(event) => onProviderChoice(event.target.value)}
            disabled={isRunning}
            aria-describedby="task-provider-hint"
          >
            {providers.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name}
                {entry.isDefault ? ' (default)' : ''}
              </option>
            ))}
            <option value="none">No cloud: the task stays on this computer</option>
            <option value="endpoint">An endpoint typed here</option>
          </select>
          <span id="task-provider-hint" className="field-hint">
            Saved providers (Models) use their stored key and prices.
          </span>
        </div>
        {providerChoice !== 'none' && (
          <div className="form-field">
            <label htmlFor="task-handover">Hand over</label>
            <select
              id="task-handover"
              value={fields.handover}
              onChange={(event) => set({ handover: event.target.value as HandoverKind })}
              disabled={isRunning}
              aria-describedby="task-handover-hint"
            >
              {handoverChoices.map((choice) => (
                <option key={choice.kind} value={choice.kind}>
                  {choice.label}
                  {choice.kind === defaultHandover ? ' (default)' : ''}
                </option>
              ))}
            </select>
            <span id="task-handover-hint" className="field-hint">
              What the cloud model is sent (redacted) when it takes over: the question only keeps the local work on this
              machine and starts afresh; the work so far lets it go on from there; the steps so far ask it to check each
              step and go on from the last sound one.
            </span>
          </div>
        )}
      </div>
      {providerChoice === 'endpoint' && (
        <div className="form-row">
          <div className="form-field">
            <label htmlFor="task-cloud-api">API</label>
            <select
              id="task-cloud-api"
              value={fields.cloudApi}
              onChange={(event) => set({ cloudApi: event.target.value as TaskFields['cloudApi'] })}
              disabled={isRunning}
            >
              <option value="openai">OpenAI-compatible</option>
              <option value="anthropic">Anthropic</option>
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="task-cloud-url">Endpoint URL</label>
            <input
              id="task-cloud-url"
              type="url"
              value={fields.cloudUrl}
              placeholder="https://api.openai.com/v1"
              onChange={(event) => set({ cloudUrl: event.target.value })}
              disabled={isRunning}
            />
          </div>
          <div className="form-field">
            <label htmlFor="task-cloud-model">Model</label>
            <input
              id="task-cloud-model"
              type="text"
              value={fields.cloudModel}
              onChange={(event) => set({ cloudModel: event.target.value })}
              disabled={isRunning}
            />
          </div>
          <div className="form-field">
            <label htmlFor="task-cloud-key">API key</label>
            <input
              id="task-cloud-key"
              type="password"
              autoComplete="off"
              value={fields.cloudKey}
              onChange={(event) => set({ cloudKey: event.target.value })}
              disabled={isRunning}
              aria-describedby="task-cloud-key-hint"
            />
            <span id="task-cloud-key-hint" className="field-hint">
              Used for this task only, never stored; empty for a server that needs none.
            </span>
          </div>
        </div>
      )}
    </details>
  );
}
