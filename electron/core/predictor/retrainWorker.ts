// Worker-thread entry of predictor retraining: GCN training takes seconds of CPU, which would
// freeze the engine (and the UI's IPC) if it ran on the main thread. Receives a RetrainRequest as
// workerData and posts back { result } or { error }.
import { parentPort, workerData } from 'node:worker_threads';
import { retrainPredictor, type RetrainRequest } from './retrainPredictor.ts';

if (parentPort === null) {
  throw new Error('retrainWorker.ts must run in a worker thread.');
}
const port = parentPort;
retrainPredictor(workerData as RetrainRequest).then(
  (result) => port.postMessage({ result }),
  (error: unknown) =>
    port.postMessage({
      error: {
        message: error instanceof Error ? error.message : String(error),
        isExpected: error instanceof Error && error.name === 'InvalidRequestError',
      },
    }),
);
