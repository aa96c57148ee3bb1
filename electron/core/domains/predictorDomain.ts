import path from 'node:path';
import type { PredictorStatus, PredictorVersion, RetrainOutcome } from '#shared/domain.ts';
import { InvalidRequestError, NotFoundError } from '#core/errors.ts';
import { PredictorVersions } from '#core/predictor/PredictorVersions.ts';
import { readPredictorCheckpoints } from '#core/predictor/readPredictorStatus.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';
import { runRetrainInWorker } from '#core/predictor/runRetrainInWorker.ts';
import { historyPredictorK } from '#core/tasks/HistoryPredictors.ts';
import type { DomainContext } from './EngineContext.ts';
import type { HandlerSlice } from './IpcHandlers.ts';

/** The engine's predictor: the checkpoints it ships, and the profile's retrained versions. */
export type PredictorApi = {
  getPredictorStatus(): Promise<PredictorStatus>;
  /**
   * Retrains the active profile's predictor from its own finished tasks in a worker thread, and
   * activates the new version only if it beats the current one on held-out history.
   */
  retrainPredictor(
    input: { k?: number | undefined; mode?: 'parallel' | 'sequential' | undefined },
    signal?: AbortSignal,
  ): Promise<RetrainOutcome>;
  /** Makes an earlier accepted predictor version (parallel, k = 5) active again. */
  activatePredictorVersion(version: number): Promise<PredictorVersion[]>;
};

/** The predictor domain: its part of the facade and its IPC handlers. */
export function createPredictorDomain(context: DomainContext) {
  const { ports, activeRecord } = context;
  let isRetraining = false;

  async function retrain(
    { k = historyPredictorK, mode = 'parallel' }: Parameters<PredictorApi['retrainPredictor']>[0],
    signal: AbortSignal | undefined,
  ): Promise<RetrainOutcome> {
    const profileId = activeRecord().id;
    const store = new PredictorVersions(ports.paths.dataDir, profileId, mode, k);
    const trainedAt = new Date(ports.clock.now()).toISOString();
    const result = await runRetrainInWorker(
      ports.workers.predictorRetraining,
      {
        history: readRecordedTrajectories(context.history.current(), profileId, { onlyLabelled: true, strategy: mode }),
        current: await store.readActive(),
        k,
        mode,
        trainedAt,
      },
      signal === undefined ? context.lifetime : AbortSignal.any([signal, context.lifetime]),
    );
    const record = {
      trainedAt,
      trainTasks: result.trainTasks,
      heldOutTasks: result.heldOutTasks,
      rocAuc: result.candidateScore.rocAuc,
      accuracy: result.candidateScore.accuracy,
      previousRocAuc: result.currentScore?.rocAuc ?? null,
      isAccepted: result.isBetter,
    };
    // The person may have switched away and deleted the profile while the worker trained on its
    // history: a predictor of a profile that is gone is kept nowhere.
    if (context.profiles.get(profileId) === undefined)
      throw new NotFoundError('The profile was deleted while its predictor retrained; nothing was kept.');
    const version = await store.add(result.candidate, record);
    ports.logger.info('predictor retrained', { profileId, k, mode, version, isAccepted: result.isBetter });
    return { k, mode, version: { version, ...record, isActive: result.isBetter } };
  }

  const api: PredictorApi = {
    async getPredictorStatus() {
      const { checkpoints, problems } = await readPredictorCheckpoints([
        path.join(ports.paths.bundledModelsDir, 'predictor'),
        path.join(ports.paths.dataDir, 'predictor'),
      ]);
      const profileId = activeRecord().id;
      const versions = await new PredictorVersions(
        ports.paths.dataDir,
        profileId,
        'parallel',
        historyPredictorK,
      ).list();
      return { checkpoints, problems, versions, labelledTasks: context.tasks.countFinished(profileId) };
    },
    async retrainPredictor(input, signal) {
      if (isRetraining) {
        throw new InvalidRequestError('The predictor is already retraining; wait for it to finish.');
      }
      isRetraining = true;
      try {
        return await context.track(retrain(input, signal));
      } finally {
        isRetraining = false;
      }
    },
    async activatePredictorVersion(version) {
      return await new PredictorVersions(
        ports.paths.dataDir,
        activeRecord().id,
        'parallel',
        historyPredictorK,
      ).activate(version);
    },
  };

  const handlers = {
    'predictor:get-status': () => api.getPredictorStatus(),
    'predictor:retrain': (request) => api.retrainPredictor(request),
    'predictor:activate-version': (request) => api.activatePredictorVersion(request.version),
  } satisfies HandlerSlice;

  return { api, handlers };
}
