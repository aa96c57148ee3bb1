import { useState, type FormEvent } from 'react';
import type { InvokeRequest } from '#shared/ipc/contract.ts';

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

/**
 * The task input: a question or a world task number, paths, strategy, escalation and, for
 * escalation, a cloud endpoint. Checks what it can before sending; the host checks everything.
 */
export function TaskForm({ isRunning, isStarting, onRun, onCancel }: TaskFormProps) {
  const [question, setQuestion] = useState('');
  const [worldTask, setWorldTask] = useState('');
  const [paths, setPaths] = useState('3');
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
    if ((cloudUrl.trim() === '') !== (cloudModel.trim() === '')) {
      setProblem('For escalation give both the cloud endpoint URL and its model, or neither.');
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
      ...(cloudUrl.trim() === ''
        ? {}
        : { cloud: { api: cloudApi, baseUrl: cloudUrl.trim(), model: cloudModel.trim() }, handover }),
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
        <summary>Cloud endpoint for escalation (optional)</summary>
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
        </div>
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
