import type { Database } from '../db/openDatabase.ts';
import type { Trajectory, TrajectoryRun, TrajectoryStep } from '#core/trajectory/Trajectory.ts';

type Row = {
  task_id: string;
  task_status: string;
  checkpoint: number | null;
  is_escalated: number;
  path_id: number;
  path_index: number;
  model: string;
  path_answer: string | null;
  answer_group: string | null;
  step_index: number | null;
  tool: string | null;
  args_json: string | null;
  result: string | null;
  tokens_in: number | null;
  tokens_out: number | null;
};

function labelOf(status: string): boolean | null {
  return status === 'succeeded' ? true : status === 'failed' ? false : null;
}

/**
 * The app's own recorded runs of a profile as trajectories, oldest task first: one run per path,
 * its steps in order, and where the task took its checkpoint decision. Only finished tasks that
 * stayed local carry a label (succeeded: true, failed: false): the outcome of a task whose paths
 * migrated to a cloud model, or ran on one (a sequential escalation), says what the cloud did, not whether the local paths would have
 * failed. Single paths are not judged, so their label is null. `onlyLabelled` keeps the
 * predictor's training set.
 */
export function readRecordedTrajectories(
  db: Database,
  profileId: string,
  options: {
    onlyLabelled?: boolean;
    /** Only tasks run in this strategy (a predictor decides in one). Defaults to both. */
    strategy?: 'parallel' | 'sequential';
  } = {},
): Trajectory[] {
  const rows = db
    .prepare<[string, string | null, string | null], Row>(
      `SELECT t.id AS task_id, t.status AS task_status,
              (SELECT json_extract(d.explanation_json, '$.checkpointAt') FROM decisions d
               WHERE d.task_id = t.id ORDER BY d.checkpoint, d.id LIMIT 1) AS checkpoint,
              EXISTS (SELECT 1 FROM paths m WHERE m.task_id = t.id AND m.ran_on_cloud = 1) AS is_escalated,
              p.id AS path_id, p.path_index, p.model,
              p.answer AS path_answer, p.answer_group, s.step_index, s.tool, s.args_json, s.result, s.tokens_in, s.tokens_out
       FROM tasks t
       JOIN paths p ON p.task_id = t.id
       LEFT JOIN steps s ON s.path_id = p.id
       WHERE t.profile_id = ? AND (? IS NULL OR t.strategy = ?)
       ORDER BY t.created_at, t.id, p.path_index, s.step_index`,
    )
    .all(profileId, options.strategy ?? null, options.strategy ?? null);
  const tasks = new Map<
    string,
    {
      success: boolean | null;
      model: string;
      checkpoint: number | null;
      runs: Map<number, TrajectoryRun & { steps: TrajectoryStep[] }>;
    }
  >();
  for (const row of rows) {
    let task = tasks.get(row.task_id);
    if (task === undefined) {
      task = {
        success: row.is_escalated === 1 ? null : labelOf(row.task_status),
        model: row.model,
        checkpoint: row.checkpoint,
        runs: new Map(),
      };
      tasks.set(row.task_id, task);
    }
    let run = task.runs.get(row.path_id);
    if (run === undefined) {
      run = {
        run: row.path_index + 1,
        steps: [],
        answer: row.path_answer,
        // NULL (short answers, no embeddings, tasks recorded before migration 10): clustered by text.
        ...(row.answer_group === null ? {} : { answerGroup: row.answer_group }),
        answerTokensIn: 0,
        answerTokensOut: 0,
        success: null,
      };
      task.runs.set(row.path_id, run);
    }
    if (row.tool !== null) {
      run.steps.push({
        tool: row.tool,
        args: JSON.parse(row.args_json ?? '{}') as Record<string, unknown>,
        result: row.result ?? '',
        tokensIn: row.tokens_in ?? 0,
        tokensOut: row.tokens_out ?? 0,
      });
    }
  }
  const trajectories = [...tasks].map(([task, { success, model, checkpoint, runs }]) => ({
    task,
    model,
    success,
    checkpoint,
    runs: [...runs.values()],
  }));
  return options.onlyLabelled === true
    ? trajectories.filter((trajectory) => trajectory.success !== null)
    : trajectories;
}
