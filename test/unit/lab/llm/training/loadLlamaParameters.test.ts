import { describe, expect, it } from 'vitest';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import type { LlamaConfig } from '#lab/llm/gguf/LlamaWeights.ts';
import { encodeTranscript } from '#lab/llm/training/encodeTranscript.ts';
import { createLlamaParameters, exportLlamaWeights, loadLlamaParameters } from '#lab/llm/training/LlamaParameters.ts';
import { registerFastSliceKernels } from '#lab/llm/training/registerFastSliceKernels.ts';
import { trainLlama } from '#lab/llm/training/trainLlama.ts';
import { createWorldVocabulary } from '#lab/llm/training/worldVocabulary.ts';
import { initTensorflow } from '#core/predictor/gcn/initTensorflow.ts';
import { generateWorldEpisodes, policyMixes } from '#lab/world/generateWorldEpisodes.ts';

const vocabulary = createWorldVocabulary();
const config: LlamaConfig = {
  vocabSize: vocabulary.size,
  embedding: 32,
  layers: 2,
  heads: 4,
  kvHeads: 4,
  feedForward: 64,
  contextLength: 128,
};

describe('loadLlamaParameters', () => {
  it('is the inverse of exportLlamaWeights, a tied output included', async () => {
    const tf = await initTensorflow();
    const parameters = createLlamaParameters(tf, config, 4, 'saved');
    const weights = exportLlamaWeights(parameters);
    const loaded = loadLlamaParameters(tf, weights, 'loaded');
    expect(exportLlamaWeights(loaded)).toEqual(weights);
    const tied = exportLlamaWeights(loadLlamaParameters(tf, { ...weights, output: undefined }, 'tied'));
    expect(tied.output).toEqual(
      exportLlamaWeights(loadLlamaParameters(tf, { ...weights, output: weights.tokenEmbedding }, 'copy')).output,
    );
    for (const model of [parameters, loaded]) {
      [
        model.tokenEmbedding,
        model.outputNorm,
        model.output,
        ...model.layers.flatMap((layer) => Object.values(layer)),
      ].forEach((variable) => variable.dispose());
    }
  });

  it('lets trainLlama continue saved weights: the first loss is the trained model’s, not a fresh one’s', async () => {
    const tf = await initTensorflow();
    registerFastSliceKernels(tf);
    const sequences = generateWorldEpisodes({ seed: 5, count: 64, policyMix: policyMixes.ideal }).map((episode) =>
      encodeTranscript(renderTranscript(episode.transcript), vocabulary),
    );
    const first = await trainLlama(tf, { config, sequences, steps: 30, batchSize: 8, learningRate: 1e-2, seed: 3 });
    const before = tf.memory().numTensors;
    const continued = await trainLlama(tf, {
      config,
      sequences,
      steps: 3,
      batchSize: 8,
      learningRate: 1e-3,
      seed: 3,
      initialWeights: first.weights,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(continued.losses[0]).toBeLessThan((first.losses[0] ?? 0) - 1);
    expect(continued.losses[0]).toBeLessThan(first.finalLoss * 1.5);
    await expect(
      trainLlama(tf, { config: { ...config, layers: 3 }, sequences, steps: 1, initialWeights: first.weights }),
    ).rejects.toThrow('initialWeights must have the config being trained');
  });
});
