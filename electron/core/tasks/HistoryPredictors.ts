import type { Logger } from '#core/ports.ts';
import { GcnPredictor } from '#core/predictor/gcn/GcnPredictor.ts';
import { loadGcnCheckpointFile } from '#core/predictor/gcn/saveGcnCheckpoint.ts';
import { PredictorVersions } from '#core/predictor/PredictorVersions.ts';
import { createHistoryPredictor, type HistoryPredictor } from './historyPredictor.ts';

/** The checkpoint (steps per path, or runs in sequential mode) the app retrains its predictor at. */
export const historyPredictorK = 5;

type Loaded = {
  readonly folder: string;
  readonly version: number;
  readonly predictor: GcnPredictor;
  readonly checkpoint: Awaited<ReturnType<typeof loadGcnCheckpointFile>>;
  readonly trainTasks: number;
};

/**
 * The predictors each profile retrained on its own history (Predictor screen, `predictor:retrain`),
 * as live tasks use them: the active version of the task's strategy, loaded once and reloaded when
 * another version becomes active. A profile without an accepted version, or whose version predates
 * calibrated thresholds, has none: the cold-start agreement decides. A version that cannot be read
 * is logged and skipped, so a damaged file never stops a task.
 */
export class HistoryPredictors {
  readonly #dataDir: string;
  readonly #logger: Logger;
  readonly #loaded = new Map<string, Loaded>();

  constructor(dataDir: string, logger: Logger) {
    this.#dataDir = dataDir;
    this.#logger = logger;
  }

  /** The predictor a task of `profileId` in `mode` decides with, or null for the cold start. */
  async forTask(profileId: string, mode: 'parallel' | 'sequential', taskId: string): Promise<HistoryPredictor | null> {
    const versions = new PredictorVersions(this.#dataDir, profileId, mode, historyPredictorK);
    let loaded: Loaded | undefined;
    try {
      const history = await versions.readHistory();
      if (history.active === null) return null;
      loaded = this.#loaded.get(versions.folder);
      if (loaded?.version !== history.active) {
        const checkpoint = await loadGcnCheckpointFile(versions.fileOf(history.active));
        const predictor = await GcnPredictor.fromCheckpoint(checkpoint);
        this.#loaded.get(versions.folder)?.predictor.dispose();
        const entry = history.versions.find((version) => version.version === history.active);
        loaded = {
          folder: versions.folder,
          version: history.active,
          predictor,
          checkpoint,
          trainTasks: (entry?.trainTasks ?? 0) + (entry?.heldOutTasks ?? 0),
        };
        this.#loaded.set(versions.folder, loaded);
      }
    } catch (error) {
      this.#logger.warn('the retrained predictor could not be loaded; the cold start decides', {
        folder: versions.folder,
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
    const thresholds = loaded.checkpoint.escalation;
    if (thresholds === undefined) return null;
    return createHistoryPredictor({
      taskId,
      predictor: loaded.predictor,
      thresholds,
      decidedBy: `predictor v${loaded.version} (trained on ${loaded.trainTasks} of your tasks)`,
    });
  }

  /** Frees every loaded model. */
  dispose(): void {
    for (const loaded of this.#loaded.values()) loaded.predictor.dispose();
    this.#loaded.clear();
  }
}
