import { describe, expect, it } from 'vitest';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import { llamaReference } from '#lab/llm/gguf/llamaReference.ts';
import type { LlamaConfig } from '#lab/llm/gguf/LlamaWeights.ts';
import { writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import { createLlamaForward } from '#lab/llm/training/createLlamaForward.ts';
import { encodeTranscript } from '#lab/llm/training/encodeTranscript.ts';
import { createLlamaParameters, exportLlamaWeights } from '#lab/llm/training/LlamaParameters.ts';
import { LlamaDecoder } from '#lab/llm/training/LlamaDecoder.ts';
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
const sequences = generateWorldEpisodes({ seed: 5, count: 64, policyMix: policyMixes.ideal }).map((episode) =>
  encodeTranscript(renderTranscript(episode.transcript), vocabulary),
);

describe('world vocabulary', () => {
  it('tokenizes like llama.cpp would, never across author borders, in about 30 tokens', () => {
    const rebuilt = new LlamaVocabulary(vocabulary.entries);
    for (const sequence of sequences.slice(0, 8)) {
      expect(sequence.isBoundarySafe).toBe(true);
      const text = rebuilt.detokenize(sequence.tokens);
      expect(rebuilt.tokenize(text.split('\n')[0] ?? '')).toEqual(vocabulary.tokenize(text.split('\n')[0] ?? ''));
    }
    const average = sequences.reduce((sum, sequence) => sum + sequence.tokens.length, 0) / sequences.length;
    expect(average).toBeLessThan(40);
  });
});

describe('trainLlama', () => {
  it('lowers the loss and exports weights that llamaReference evaluates like the tfjs forward', async () => {
    const tf = await initTensorflow();
    registerFastSliceKernels(tf);
    const before = tf.memory().numTensors;
    const trained = await trainLlama(tf, { config, sequences, steps: 12, batchSize: 8, learningRate: 1e-2, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    const firstLoss = trained.losses.slice(0, 3).reduce((sum, loss) => sum + loss, 0) / 3;
    expect(trained.finalLoss).toBeLessThan(firstLoss - 0.5);

    const bytes = writeLlamaGguf({ name: 'toy', weights: trained.weights, vocabulary });
    expect(bytes.length).toBeGreaterThan(0);

    // Same weights back in tfjs layout: a fresh parameter set overwritten with the trained values.
    const parameters = createLlamaParameters(tf, config, 9, 'check');
    const transpose = (values: Float32Array, rows: number, columns: number): Float32Array =>
      Float32Array.from({ length: values.length }, (_, index) => {
        const row = index % rows;
        const column = Math.floor(index / rows);
        return values[row * columns + column] ?? 0;
      });
    const { embedding, feedForward, vocabSize } = config;
    parameters.tokenEmbedding.assign(tf.tensor2d(trained.weights.tokenEmbedding, [vocabSize, embedding]));
    parameters.outputNorm.assign(tf.tensor1d(trained.weights.outputNorm));
    parameters.output.assign(
      tf.tensor2d(transpose(trained.weights.output ?? new Float32Array(0), vocabSize, embedding), [
        embedding,
        vocabSize,
      ]),
    );
    trained.weights.layers.forEach((layer, index) => {
      const target = parameters.layers[index];
      if (target === undefined) throw new Error('layer count');
      target.attentionNorm.assign(tf.tensor1d(layer.attentionNorm));
      target.feedForwardNorm.assign(tf.tensor1d(layer.feedForwardNorm));
      for (const name of ['query', 'key', 'value', 'attentionOutput'] as const) {
        target[name].assign(tf.tensor2d(transpose(layer[name], embedding, embedding), [embedding, embedding]));
      }
      target.gate.assign(tf.tensor2d(transpose(layer.gate, feedForward, embedding), [embedding, feedForward]));
      target.up.assign(tf.tensor2d(transpose(layer.up, feedForward, embedding), [embedding, feedForward]));
      target.down.assign(tf.tensor2d(transpose(layer.down, embedding, feedForward), [feedForward, embedding]));
    });
    expect(exportLlamaWeights(parameters).layers[1]?.down).toEqual(trained.weights.layers[1]?.down);

    const tokens = sequences[0]?.tokens.slice(0, 24) ?? [];
    const forward = createLlamaForward(tf, parameters, 1, tokens.length);
    const oneHot = new Float32Array(tokens.length * vocabSize);
    tokens.forEach((token, row) => (oneHot[row * vocabSize + token] = 1));
    const probabilities = tf.tidy(() =>
      tf.softmax(forward.logits(tf.tensor2d(oneHot, [tokens.length, vocabSize]))).arraySync(),
    ) as number[][];
    forward.dispose();
    parameters.layers.forEach((layer) => Object.values(layer).forEach((variable) => variable.dispose()));
    [parameters.tokenEmbedding, parameters.outputNorm, parameters.output].forEach((variable) => variable.dispose());

    const reference = llamaReference(trained.weights, tokens);
    const decoder = new LlamaDecoder(trained.weights);
    let largest = 0;
    reference.forEach((row, position) => {
      const decoded = decoder.append(tokens[position] ?? 0);
      const top = Math.max(...decoded);
      const total = decoded.reduce((sum, logit) => sum + Math.exp(logit - top), 0);
      row.forEach((probability, token) => {
        largest = Math.max(largest, Math.abs(probability - (probabilities[position]?.[token] ?? 0)));
        largest = Math.max(largest, Math.abs(probability - Math.exp((decoded[token] ?? 0) - top) / total));
      });
    });
    expect(largest).toBeLessThan(1e-4);
  });
});
