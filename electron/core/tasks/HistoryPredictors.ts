import type { Logger } from '#core/ports.ts';
import type { GcnCheckpoint } from '#core/predictor/gcn/GcnCheckpoint.ts';
import { loadCheckpointScorer, type CheckpointScorer } from '#core/predictor/checkpointScorer.ts';
import { loadGcnCheckpointFile } from '#core/predictor/gcn/saveGcnCheckpoint.ts';
import { PredictorVersions } from '#core/predictor/PredictorVersions.ts';
import { createHistoryPredictor, type AnswerVectorLookup, type HistoryPredictor } from './historyPredictor.ts';

/** The checkpoint (steps per path, or runs in sequential mode) the app retrains its predictor at. */
export const historyPredictorK = 5;

type Active = { readonly version: number; readonly checkpoint: GcnCheckpoint; readonly tasks: number };

/**
 * The predictors each profile retrained on its own history (Predictor screen, `predictor:retrain`),
 * as live tasks use them: the active version of the task's strategy. The parsed checkpoint is
 * cached per folder and version (reread when another version becomes active); every task builds
 * its own model from it and disposes it when it ends, so a retraining or a roll back never frees a
 * model a running task still uses. A profile without an accepted version, or whose version predates
 * calibrated thresholds, has none: the cold-start agreement decides. A version that cannot be read
 * is logged and skipped, so a damaged file never stops a task.
 */
export class HistoryPredictors {
  readonly #dataDir: string;
  readonly #logger: Logger;
  readonly #checkpoints = new Map<string, Active>();

  constructor(dataDir: string, logger: Logger) {
    this.#dataDir = dataDir;
    this.#logger = logger;
  }

  /**
   * The predictor a task of `profileId` in `mode` decides with, or null for the cold start. The
   * caller owns the result: `dispose()` it when the task ends.
   * @param answerVectors The task's answer embeddings: the graph's answer nodes then follow the groups by
   *   meaning, as TaskRecorder keeps them for retraining. Defaults to none (answers clustered by text).
   */
  async forTask(
    profileId: string,
    mode: 'parallel' | 'sequential',
    taskId: string,
    answerVectors?: AnswerVectorLookup,
  ): Promise<HistoryPredictor | null> {
    const versions = new PredictorVersions(this.#dataDir, profileId, mode, historyPredictorK);
    let active: Active | undefined;
    let predictor: CheckpointScorer;
    let thresholds: NonNullable<GcnCheckpoint['escalation']>;
    try {
      const history = await versions.readHistory();
      if (history.active === null) return null;
      active = this.#checkpoints.get(versions.folder);
      if (active?.version !== history.active) {
        const entry = history.versions.find((version) => version.version === history.active);
        active = {
          version: history.active,
          checkpoint: await loadGcnCheckpointFile(versions.fileOf(history.active)),
          tasks: (entry?.trainTasks ?? 0) + (entry?.heldOutTasks ?? 0),
        };
        this.#checkpoints.set(versions.folder, active);
      }
      if (active.checkpoint.escalation === undefined) return null;
      thresholds = active.checkpoint.escalation;
      predictor = await loadCheckpointScorer(active.checkpoint);
    } catch (error) {
      this.#logger.warn('the retrained predictor could not be loaded; the cold start decides', {
        folder: versions.folder,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
    return createHistoryPredictor({
      taskId,
      predictor,
      thresholds,
      decidedBy: `predictor v${active.version} (from ${active.tasks} of your tasks)`,
      ...(answerVectors === undefined ? {} : { answerVectors }),
    });
  }
}
