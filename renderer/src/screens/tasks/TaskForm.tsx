import { useState, type FormEvent } from 'react';
import type { InvokeRequest } from '#shared/ipc/contract.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';

/** What the form sends to `task:start`. */
export type TaskStartRequest = InvokeRequest<'task:start'>;

/** Props of TaskForm. */
export type TaskFormProps = {
  readonly isRunning: boolean;
  /** Whether a start request is on its way (the Run button waits). */
  readonly isStarting: boolean;
  readonly onRun: (request: TaskStartRequest) => void;
  readonly onCancel: () => void;
};

type Escalation = 'auto' | 'never' | 'always';
type OperatingPoint = NonNullable<TaskStartRequest['operatingPoint']>;

const operatingPoints: readonly { value: OperatingPoint; name: string }[] = [
  { value: 'save-most', name: 'Save the most' },
  { value: 'save-more', name: 'Save more' },
  { value: 'balanced', name: 'Balanced' },
  { value: 'better-answers', name: 'Better answers' },
  { value: 'best-answers', name: 'Best answers' },
];

/** Where an escalation goes: a saved provider's id, `none` (stay local), or `endpoint` (typed in the form). */
type ProviderChoice = string;

type TypedEndpoint = { api: 'openai' | 'anthropic'; baseUrl: string; model: string; apiKey: string };

/** The request fields of a provider choice: a saved provider by id, an endpoint with its key, or none. */
export function providerFields(
  choice: ProviderChoice,
  endpoint: TypedEndpoint,
): Pick<TaskStartRequest, 'cloudProviderId' | 'cloud'> {
  if (choice === 'none') return { cloudProviderId: null };
  if (choice !== 'endpoint') return { cloudProviderId: choice };
  const { apiKey, ...rest } = endpoint;
  return { cloud: apiKey === '' ? rest : { ...rest, apiKey } };
}

/**
 * The task input: a question or a world task number, paths (Settings' paths per task until changed),
 * strategy, escalation and where an escalation goes: a saved provider (the profile's default unless
 * another is picked) or an endpoint typed here with its own key. Checks what it can before sending;
 * the host checks everything.
 */
export function TaskForm({ isRunning, isStarting, onRun, onCancel }: TaskFormProps) {
  const settings = useInvoke('settings:get', {});
  const providers = useInvoke('cloud:list', {});
  const [question, setQuestion] = useState('');
  const [worldTask, setWorldTask] = useState('');
  // Null until the person types: the field shows the Settings' paths per task meanwhile.
  const [typedPaths, setPaths] = useState<string | null>(null);
  const paths = typedPaths ?? String(settings.data?.pathsPerTask ?? '');
  // Null until the person picks: the profile's default provider (or none) meanwhile.
  const [pickedProvider, setProviderChoice] = useState<ProviderChoice | null>(null);
  const providerChoice = pickedProvider ?? providers.data?.find((entry) => entry.isDefault)?.id ?? 'none';
  const [cloudKey, setCloudKey] = useState('');
  const [strategy, setStrategy] = useState<'parallel' | 'sequential'>('parallel');
  const [escalation, setEscalation] = useState<Escalation>('auto');
  const [checkpoint, setCheckpoint] = useState('');
  const [operatingPoint, setOperatingPoint] = useState<OperatingPoint>('balanced');
  const [cloudApi, setCloudApi] = useState<'openai' | 'anthropic'>('openai');
  const [cloudUrl, setCloudUrl] = useState('');
  const [cloudModel, setCloudModel] = useState('');
  const [handover, setHandover] = useState<'transcript' | 'restart'>('transcript');
  const [folders, setFolders] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const trimmed = question.trim();
    const world = worldTask.trim();
    if ((trimmed === '') === (world === '')) {
      setProblem('Type a question or a world task number (one of the two).');
      return;
    }
    const worldNumber = Number(world);
    if (world !== '' && (!Number.isInteger(worldNumber) || worldNumber < 0 || worldNumber > 100_000)) {
      setProblem('A world task number is a whole number from 0 to 100000.');
      return;
    }
    const pathCount = Number(paths);
    if (!Number.isInteger(pathCount) || pathCount < 1 || pathCount > 32) {
      setProblem('Paths is a whole number from 1 to 32.');
      return;
    }
    const checkpointAt = checkpoint.trim() === '' ? undefined : Number(checkpoint);
    if (checkpointAt !== undefined && (!Number.isInteger(checkpointAt) || checkpointAt < 0 || checkpointAt > 100)) {
      setProblem('The checkpoint is a whole number of steps (or paths) from 0 to 100, or empty for the default.');
      return;
    }
    const isEndpoint = providerChoice === 'endpoint';
    if (isEndpoint && (cloudUrl.trim() === '' || cloudModel.trim() === '')) {
      setProblem('For an endpoint typed here give both its URL and its model, or pick a saved provider.');
      return;
    }
    const grantedFolders = folders
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (grantedFolders.some((folder) => !/^(\/|[A-Za-z]:[\\/])/.test(folder))) {
      setProblem('Granted folders are absolute paths, one per line (e.g. /home/ana/notes).');
      return;
    }
    setProblem(undefined);
    onRun({
      ...(world === '' ? { prompt: trimmed } : { worldTask: worldNumber }),
      paths: pathCount,
      strategy,
      escalation,
      operatingPoint,
      ...(checkpointAt === undefined ? {} : { checkpoint: checkpointAt }),
      ...(grantedFolders.length === 0 || world !== '' ? {} : { grantedFolders }),
      ...providerFields(providerChoice, {
        api: cloudApi,
        baseUrl: cloudUrl.trim(),
        model: cloudModel.trim(),
        apiKey: cloudKey.trim(),
      }),
      ...(providerChoice === 'none' ? {} : { handover }),
    });
  }

  return (
    <form className="panel task-form" onSubmit={submit} aria-label="New task">
      <div className="form-row">
        <div className="form-field task-question">
          <label htmlFor="task-question">Question</label>
          <input
            id="task-question"
            type="text"
            value={question}
            placeholder="What is 12+30*2?"
            onChange={(event) => setQuestion(event.target.value)}
            disabled={isRunning}
          />
        </div>
        <div className="form-field narrow-field">
          <label htmlFor="task-world">World task number</label>
          <input
            id="task-world"
            type="text"
            inputMode="numeric"
            value={worldTask}
            aria-describedby="task-world-hint"
            onChange={(event) => setWorldTask(event.target.value)}
            disabled={isRunning}
          />
          <span id="task-world-hint" className="field-hint">
            Instead of a question
          </span>
        </div>
      </div>
      <div className="form-row">
        <div className="form-field narrow-field">
          <label htmlFor="task-paths">Paths</label>
          <input
            id="task-paths"
            type="number"
            min={1}
            max={32}
            value={paths}
            onChange={(event) => setPaths(event.target.value)}
            disabled={isRunning}
          />
        </div>
        <div className="form-field">
          <label htmlFor="task-strategy">Strategy</label>
          <select
            id="task-strategy"
            value={strategy}
            onChange={(event) => setStrategy(event.target.value as 'parallel' | 'sequential')}
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
            value={escalation}
            onChange={(event) => setEscalation(event.target.value as Escalation)}
            disabled={isRunning}
          >
            <option value="auto">Policy decides</option>
            <option value="never">Never (stay local)</option>
            <option value="always">Always at the checkpoint</option>
          </select>
        </div>
        <div className="form-field narrow-field">
          <label htmlFor="task-checkpoint">Checkpoint</label>
          <input
            id="task-checkpoint"
            type="text"
            inputMode="numeric"
            value={checkpoint}
            placeholder="default"
            aria-describedby="task-checkpoint-hint"
            onChange={(event) => setCheckpoint(event.target.value)}
            disabled={isRunning}
          />
          <span id="task-checkpoint-hint" className="field-hint">
            Steps (parallel) or paths (sequential)
          </span>
        </div>
        <div className="form-field">
          <label htmlFor="task-operating-point">Operating point</label>
          <select
            id="task-operating-point"
            value={operatingPoint}
            onChange={(event) => setOperatingPoint(event.target.value as OperatingPoint)}
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
      <details className="granted-folders">
        <summary>Folders this task may read (optional)</summary>
        <div className="form-field">
          <label htmlFor="task-folders">Granted folders, one absolute path per line</label>
          <textarea
            id="task-folders"
            rows={2}
            value={folders}
            onChange={(event) => setFolders(event.target.value)}
            aria-describedby="task-folders-hint"
          />
          <span id="task-folders-hint" className="field-hint">
            The paths may list, read and search files there, read-only, and nothing outside them.
          </span>
        </div>
      </details>
      <details className="cloud-endpoint">
        <summary>Where an escalation goes</summary>
        <div className="form-row">
          <div className="form-field">
            <label htmlFor="task-provider">Escalate to</label>
            <select
              id="task-provider"
              value={providerChoice}
              onChange={(event) => setProviderChoice(event.target.value)}
              disabled={isRunning}
              aria-describedby="task-provider-hint"
            >
              {(providers.data ?? []).map((entry) => (
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
                value={handover}
                onChange={(event) => setHandover(event.target.value as 'transcript' | 'restart')}
                disabled={isRunning}
                aria-describedby="task-handover-hint"
              >
                <option value="transcript">The path&apos;s work so far</option>
                <option value="restart">The question only</option>
              </select>
              <span id="task-handover-hint" className="field-hint">
                What a hotswap sends (redacted): the work so far lets the cloud model go on from it; the question only
                keeps the local work on this machine and starts afresh.
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
                value={cloudApi}
                onChange={(event) => setCloudApi(event.target.value as 'openai' | 'anthropic')}
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
                value={cloudUrl}
                placeholder="https://api.openai.com/v1"
                onChange={(event) => setCloudUrl(event.target.value)}
                disabled={isRunning}
              />
            </div>
            <div className="form-field">
              <label htmlFor="task-cloud-model">Model</label>
              <input
                id="task-cloud-model"
                type="text"
                value={cloudModel}
                onChange={(event) => setCloudModel(event.target.value)}
                disabled={isRunning}
              />
            </div>
            <div className="form-field">
              <label htmlFor="task-cloud-key">API key</label>
              <input
                id="task-cloud-key"
                type="password"
                autoComplete="off"
                value={cloudKey}
                onChange={(event) => setCloudKey(event.target.value)}
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
