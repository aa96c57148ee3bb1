import type * as Tensorflow from '@tensorflow/tfjs';
import { assert, CancelledError } from '#core/errors.ts';
import type { LlamaConfig, LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { adamStep, createAdamState, disposeAdamState } from './adamStep.ts';
import { createLlamaForward } from './createLlamaForward.ts';
import type { EncodedSequence } from './encodeTranscript.ts';
import {
  createLlamaParameters,
  exportLlamaWeights,
  listLlamaVariables,
  loadLlamaParameters,
} from './LlamaParameters.ts';
import { buildTrainingBatch, maskedCrossEntropy } from './trainingBatch.ts';

/** Where training is, reported every `progressEvery` steps. */
export type TrainingProgress = {
  step: number;
  steps: number;
  /** Mean masked cross-entropy of the steps since the last report. */
  loss: number;
  learningRate: number;
  /** Trained-on tokens (not padding) per second so far. */
  tokensPerSecond: number;
  seconds: number;
};

/** Options of {@link trainLlama}; everything but the model shape and data has a default. */
export type TrainLlamaOptions = {
  config: LlamaConfig;
  sequences: readonly EncodedSequence[];
  steps: number;
  /** Sequences per step. Defaults to 32. */
  batchSize?: number;
  /** Peak Adam step size. Defaults to 5e-3. */
  learningRate?: number;
  /** Linear warm-up steps before the cosine decay. Defaults to min(100, steps/10). */
  warmupSteps?: number;
  /** The cosine ends at this fraction of the peak. Defaults to 0.1. */
  finalLearningRateFraction?: number;
  /** Seeds the initialisation and the data order. Defaults to 1. */
  seed?: number;
  /**
   * Continue training these weights (e.g. a released model read back from its GGUF) instead of a
   * seeded initialisation; their config must equal `config`. `seed` still orders the data.
   */
  initialWeights?: LlamaWeights;
  /** Prefix of the variable names. Defaults to 'llama'. */
  name?: string;
  /** Seconds from an arbitrary origin (the host's clock); defaults to a clock that stays at 0. */
  clock?: () => number;
  /** Defaults to 25. */
  progressEvery?: number;
  onProgress?: (progress: TrainingProgress) => void;
  /** Called every `every` steps with the current weights; returning true stops training there. */
  checkpoint?: { every: number; shouldStop: (weights: LlamaWeights, step: number) => boolean };
  signal?: AbortSignal;
  /** Awaited between steps so the host's timers and the signal's listeners can run (no global timers in core). */
  yieldToHost?: () => Promise<void>;
};

/** What training produced. */
export type TrainedLlama = {
  weights: LlamaWeights;
  /** The loss of every step. */
  losses: number[];
  /** Mean loss of the last 10% of steps (at least one). */
  finalLoss: number;
  stepsRun: number;
  seconds: number;
  tokensPerSecond: number;
};

/**
 * Trains a llama decoder on tokenized transcripts with tfjs: masked cross-entropy on the model's
 * own tokens, Adam (β2 0.98) with linear warm-up, cosine decay and global-norm clipping at 1,
 * seeded initialisation and data order (an epoch is a seeded shuffle). Every tensor is freed.
 */
export async function trainLlama(tf: typeof Tensorflow, options: TrainLlamaOptions): Promise<TrainedLlama> {
  const { config, sequences, steps, batchSize = 32, learningRate = 5e-3, seed = 1 } = options;
  const warmupSteps = options.warmupSteps ?? Math.min(100, Math.ceil(steps / 10));
  const finalFraction = options.finalLearningRateFraction ?? 0.1;
  const clock = options.clock ?? ((): number => 0);
  const progressEvery = options.progressEvery ?? 25;
  const longest = sequences.reduce((most, sequence) => Math.max(most, sequence.tokens.length - 1), 1);
  const length = Math.min(longest, config.contextLength);
  const name = options.name ?? 'llama';
  if (options.initialWeights !== undefined) {
    const initial = options.initialWeights.config;
    assert(
      (Object.keys(config) as (keyof LlamaConfig)[]).every((key) => initial[key] === config[key]),
      'initialWeights must have the config being trained',
    );
  }
  const parameters =
    options.initialWeights === undefined
      ? createLlamaParameters(tf, config, seed, name)
      : loadLlamaParameters(tf, options.initialWeights, name);
  const variables = listLlamaVariables(parameters);
  const forward = createLlamaForward(tf, parameters, batchSize, length);
  const adam = createAdamState();
  const random = createRandom((seed * 7919 + 17) >>> 0);
  let order: number[] = [];
  const losses: number[] = [];
  let trainedTokens = 0;
  let reportedLoss = 0;
  const started = clock();
  try {
    for (let step = 0; step < steps; step++) {
      if (options.signal?.aborted === true) throw new CancelledError('training was cancelled');
      const picked: EncodedSequence[] = [];
      while (picked.length < batchSize) {
        if (order.length === 0) order = shuffled(sequences.length, random);
        picked.push(sequences[order.pop() ?? 0] as EncodedSequence);
      }
      const batch = buildTrainingBatch(tf, picked, length, config.vocabSize);
      const { value, grads } = tf.variableGrads(
        () => maskedCrossEntropy(tf, forward.logits(batch.inputs), batch.targets, batch.weights),
        variables,
      );
      const rate = scheduledRate(step, steps, warmupSteps, learningRate, finalFraction);
      adamStep(tf, adam, variables, grads, rate);
      const loss = value.dataSync()[0] ?? 0;
      value.dispose();
      Object.values(grads).forEach((gradient) => gradient.dispose());
      batch.dispose();
      losses.push(loss);
      trainedTokens += batch.tokenCount;
      reportedLoss += loss;
      const done = step + 1;
      const seconds = clock() - started;
      if (done % progressEvery === 0 || done === steps) {
        const since = done % progressEvery === 0 ? progressEvery : done % progressEvery;
        const tokensPerSecond = seconds > 0 ? trainedTokens / seconds : 0;
        options.onProgress?.({
          step: done,
          steps,
          loss: reportedLoss / since,
          learningRate: rate,
          tokensPerSecond,
          seconds,
        });
        reportedLoss = 0;
      }
      if (options.checkpoint && done % options.checkpoint.every === 0 && done < steps) {
        if (options.checkpoint.shouldStop(exportLlamaWeights(parameters), done)) break;
      }
      if (options.yieldToHost) await options.yieldToHost();
    }
    const seconds = clock() - started;
    const tail = losses.slice(-Math.max(1, Math.floor(losses.length / 10)));
    return {
      weights: exportLlamaWeights(parameters),
      losses,
      finalLoss: tail.reduce((sum, loss) => sum + loss, 0) / tail.length,
      stepsRun: losses.length,
      seconds,
      tokensPerSecond: seconds > 0 ? trainedTokens / seconds : 0,
    };
  } finally {
    forward.dispose();
    disposeAdamState(adam);
    variables.forEach((variable) => variable.dispose());
  }
}

/** Linear warm-up to the peak, then a cosine down to `finalFraction` of it. */
export function scheduledRate(
  step: number,
  steps: number,
  warmup: number,
  peak: number,
  finalFraction: number,
): number {
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const progress = (step - warmup) / Math.max(1, steps - warmup);
  return peak * (finalFraction + (1 - finalFraction) * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
}

function shuffled(count: number, random: () => number): number[] {
  const indices = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [indices[index], indices[other]] = [indices[other] as number, indices[index] as number];
  }
  return indices;
}
