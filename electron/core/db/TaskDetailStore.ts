import type { TaskStatus } from '#shared/domain.ts';
import type {
  TaskDetail,
  TaskDetailCharge,
  TaskDetailDecision,
  TaskDetailPath,
  TaskDetailPrediction,
  TaskDetailStep,
  TaskLocalRun,
} from '#shared/ipc/TaskDetail.ts';
import type { CheckpointAction } from '#shared/taskEvents.ts';
import { costsOf, historyOf, ledgerOf, type HistorySource } from './HistorySource.ts';
import type { Database } from './openDatabase.ts';

type TaskRow = {
  id: string;
  profile_id: string;
  prompt: string;
  status: TaskStatus;
  answer: string | null;
  created_at: number;
  finished_at: number | null;
  strategy: 'parallel' | 'sequential';
  is_low_confidence: number;
  local_backend: TaskLocalRun['backend'] | null;
  local_requested_backend: TaskLocalRun['requested'] | null;
  local_gpu_layers: number | null;
  local_total_layers: number | null;
  local_fallback_reason: string | null;
  path_mode: TaskLocalRun['pathMode']['kind'] | null;
  threads_per_path: number | null;
};

type PathRow = {
  id: number;
  path_index: number;
  provider: string;
  status: TaskDetailPath['status'];
  answer: string | null;
  migrated_to: string | null;
  ran_on_cloud: number;
  answer_group: string | null;
  vote_group: string | null;
  tokens_in: number;
  tokens_out: number;
};

type StepRow = {
  path_id: number;
  step_index: number;
  tool: string;
  args_json: string;
  result: string | null;
  provider: string | null;
  at: number;
};

type DecisionRow = {
  checkpoint: number;
  action: CheckpointAction;
  decided_by: string;
  failure_probability: number | null;
  at: number;
  explanation_json: string | null;
};

type PredictionRow = {
  step: number;
  failure_probability: number;
  threshold: number;
  decided_by: string;
  at: number;
};

type ChargeRow = {
  provider: string;
  model: string;
  path_index: number | null;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  at: number;
};

/** Reads one recorded task back whole (paths, steps, decisions, per-step estimates, charges) for History's detail view. */
export class TaskDetailStore {
  readonly #source: HistorySource;

  /** The history this store reads and writes now (the active profile's, for the engine's stores). */
  get #db(): Database {
    return historyOf(this.#source);
  }

  constructor(source: HistorySource) {
    this.#source = source;
  }

  /** The task of `profileId` with id `taskId`, or undefined when that profile has no such task. */
  read(profileId: string, taskId: string): TaskDetail | undefined {
    const row = this.#db
      .prepare<[string, string], TaskRow>('SELECT t.* FROM tasks t WHERE t.id = ? AND t.profile_id = ?')
      .get(taskId, profileId);
    if (row === undefined) return undefined;
    const pathRows = this.#db
      .prepare<[string], PathRow>('SELECT * FROM paths WHERE task_id = ? ORDER BY path_index')
      .all(taskId);
    const stepRows = this.#db
      .prepare<[string], StepRow>(
        `SELECT s.* FROM steps s JOIN paths p ON s.path_id = p.id WHERE p.task_id = ? ORDER BY s.path_id, s.step_index`,
      )
      .all(taskId);
    const stepsByPath = new Map<number, TaskDetailStep[]>();
    for (const step of stepRows) {
      const list = stepsByPath.get(step.path_id) ?? [];
      list.push({
        step: step.step_index,
        tool: step.tool,
        arguments: parseJson(step.args_json),
        result: step.result,
        provider: step.provider,
        at: step.at,
      });
      stepsByPath.set(step.path_id, list);
    }
    const paths: TaskDetailPath[] = pathRows.map((path) => ({
      index: path.path_index,
      provider: path.provider,
      status: path.status,
      answer: path.answer,
      migratedTo: path.migrated_to,
      ranOnCloud: path.ran_on_cloud === 1,
      answerGroup: path.answer_group,
      voteGroup: path.vote_group,
      tokensIn: path.tokens_in,
      tokensOut: path.tokens_out,
      steps: stepsByPath.get(path.id) ?? [],
    }));
    const decisions: TaskDetailDecision[] = this.#db
      .prepare<[string], DecisionRow>('SELECT * FROM decisions WHERE task_id = ? ORDER BY checkpoint, id')
      .all(taskId)
      .map((decision) => ({
        checkpoint: decision.checkpoint,
        action: decision.action,
        decidedBy: decision.decided_by,
        failureProbability: decision.failure_probability,
        at: decision.at,
        explanation:
          decision.explanation_json === null
            ? null
            : (parseJson(decision.explanation_json) as TaskDetailDecision['explanation']),
      }));
    const predictions: TaskDetailPrediction[] = this.#db
      .prepare<[string], PredictionRow>('SELECT * FROM predictions WHERE task_id = ? ORDER BY step, id')
      .all(taskId)
      .map((prediction) => ({
        step: prediction.step,
        failureProbability: prediction.failure_probability,
        threshold: prediction.threshold,
        decidedBy: prediction.decided_by,
        at: prediction.at,
      }));
    // Charges live in the app database's ledger, also for a protected profile's tasks.
    const charges: TaskDetailCharge[] = ledgerOf(this.#source)
      .prepare<[string], ChargeRow>('SELECT * FROM cost_ledger WHERE task_id = ? ORDER BY at, id')
      .all(taskId)
      .map((charge) => ({
        provider: charge.provider,
        model: charge.model,
        pathIndex: charge.path_index,
        tokensIn: charge.tokens_in,
        tokensOut: charge.tokens_out,
        costUsd: charge.cost_usd,
        at: charge.at,
      }));
    return {
      task: {
        id: row.id,
        profileId: row.profile_id,
        prompt: row.prompt,
        status: row.status,
        answer: row.answer,
        pathCount: paths.length,
        stepCount: stepRows.length,
        costUsd: costsOf(this.#source, [row.id]).get(row.id) ?? 0,
        createdAt: row.created_at,
        finishedAt: row.finished_at,
        isEscalated: paths.some((path) => path.ranOnCloud),
        strategy: row.strategy,
        isLowConfidence: row.is_low_confidence === 1,
        localRun: localRunOf(row),
      },
      paths,
      decisions,
      predictions,
      charges,
    };
  }
}

/** What the task's local paths ran on; null when the task has no record of it (recorded before, or unstarted). */
function localRunOf(row: TaskRow): TaskLocalRun | null {
  const { local_backend: backend, local_requested_backend: requested, path_mode: kind } = row;
  const { local_gpu_layers: gpuLayers, local_total_layers: totalLayers, threads_per_path: threadsPerPath } = row;
  // Written together by TaskStore.insertTask, so all or none are set.
  if (backend === null || requested === null || kind === null) return null;
  if (gpuLayers === null || totalLayers === null || threadsPerPath === null) return null;
  return {
    backend,
    requested,
    gpuLayers,
    totalLayers,
    fallbackReason: row.local_fallback_reason,
    pathMode: { kind, threadsPerPath },
  };
}

/** Recorded JSON is the engine's own; a row that does not parse is shown as its text. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
