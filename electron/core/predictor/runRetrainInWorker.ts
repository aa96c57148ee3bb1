import { Worker } from 'node:worker_threads';
import { CancelledError, InvalidRequestError } from '../errors.ts';
import type { WorkerScript } from '../ports.ts';
import type { RetrainRequest, RetrainResult } from './retrainPredictor.ts';

type Reply = { result: RetrainResult } | { error: { message: string; isExpected: boolean } };

/**
 * Runs `retrainPredictor` in a worker thread so the engine stays responsive. Aborting terminates
 * the worker and rejects with a CancelledError; the engine writes nothing in that case.
 */
export function runRetrainInWorker(
  script: WorkerScript,
  request: RetrainRequest,
  signal?: AbortSignal,
): Promise<RetrainResult> {
  if (signal?.aborted === true) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    const worker = new Worker(script.url, { workerData: request, argv: [...script.argv] });
    let isSettled = false;
    const settle = (action: () => void): void => {
      if (isSettled) return;
      isSettled = true;
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = (): void => {
      settle(() => reject(new CancelledError('Retraining was cancelled.')));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: Reply) => {
      settle(() => {
        if ('result' in reply) resolve(reply.result);
        else
          reject(
            reply.error.isExpected ? new InvalidRequestError(reply.error.message) : new Error(reply.error.message),
          );
      });
      void worker.terminate();
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The retraining worker exited with code ${code} before answering.`))),
    );
  });
}
