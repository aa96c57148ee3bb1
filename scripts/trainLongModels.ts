// `node --import tsx scripts/trainLongModels.ts [-- --steps N --stop-after SECONDS]`: fine-tunes the
// long world's tiny target (issue 19.3) from the first world's target (models/fixtures/target.gguf,
// carried onto the long vocabulary by carryWeights; same shape: 3 layers, width 64) on
// generateLongEpisodes: ideal chains from the start and continuing takeovers of weak scripted paths
// (the continue note, the check sentence, the calls from the last sound step). Writes
// models/fixtures-long/target.gguf and manifest.json; the first world's models are not touched.
// `--from models/fixtures-long/target.gguf` trains a long target further. `--stop-after` ends training at the first checkpoint past that many seconds (the 2 shared cores).
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { initTensorflow } from '#core/predictor/gcn/initTensorflow.ts';
import { readLlamaWeights } from '#lab/llm/gguf/readLlamaWeights.ts';
import { saveGgufFile } from '#lab/llm/gguf/saveGgufFile.ts';
import { writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import { encodeTranscript } from '#lab/llm/training/encodeTranscript.ts';
import { evaluateWorldModel } from '#lab/llm/training/evaluateWorldModel.ts';
import { registerFastSliceKernels } from '#lab/llm/training/registerFastSliceKernels.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { trainLlama } from '#lab/llm/training/trainLlama.ts';
import { createWorldVocabulary } from '#lab/llm/training/worldVocabulary.ts';
import { carryWeights } from '#lab/world/long/carryWeights.ts';
import { sourceRates } from '#lab/world/long/checkLongWorld.ts';
import { generateLongEpisodes } from '#lab/world/long/generateLongEpisodes.ts';
import { generateLongTasks } from '#lab/world/long/generateLongTasks.ts';
import { createLongVocabulary } from '#lab/world/long/longVocabulary.ts';

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    steps: { type: 'string', default: '600' },
    'corpus-size': { type: 'string', default: '3000' },
    'batch-size': { type: 'string', default: '12' },
    'learning-rate': { type: 'string', default: '0.002' },
    'context-length': { type: 'string', default: '384' },
    'held-out': { type: 'string', default: '50' },
    'stop-after': { type: 'string', default: '100000' },
    from: { type: 'string', default: 'models/fixtures/target.gguf' },
    output: { type: 'string', default: 'models/fixtures-long' },
  },
});
const seed = Number(flags.seed);
const batchSize = Number(flags['batch-size']);
const learningRate = Number(flags['learning-rate']);
const stopAfter = Number(flags['stop-after']);
const clock = (): number => performance.now() / 1000;

const tf = await initTensorflow();
registerFastSliceKernels(tf);
const vocabulary = createLongVocabulary();
// A long target (already on the long vocabulary) is trained further as it is.
const fromWeights = await readLlamaWeights(flags.from);
const initialWeights =
  fromWeights.config.vocabSize === vocabulary.size
    ? fromWeights
    : carryWeights(fromWeights, createWorldVocabulary(), vocabulary, Number(flags['context-length']));
const heldOut = generateLongTasks({ seed: seed + 1000, count: Number(flags['held-out']) });
const checkTasks = heldOut.slice(0, 20);
const accuracyOf = (weights: typeof initialWeights, tasks: typeof heldOut): number =>
  evaluateWorldModel(weights, vocabulary, tasks, 360).accuracy;

const episodes = generateLongEpisodes({ seed, count: Number(flags['corpus-size']), sourceRates });
const sequences = episodes.map((episode) =>
  encodeTranscript(renderTranscript(episode.transcript, { trainedFrom: episode.trainedFrom }), vocabulary),
);
const takeovers = episodes.filter((episode) => episode.trainedFrom !== undefined).length;
const averageTokens = sequences.reduce((sum, sequence) => sum + sequence.tokens.length, 0) / sequences.length;
process.stderr.write(
  `[long] corpus: ${episodes.length} episodes (${takeovers} continuing takeovers), ${averageTokens.toFixed(1)} tokens ` +
    `on average, vocabulary ${vocabulary.size}, boundary-unsafe ${sequences.filter((s) => !s.isBoundarySafe).length}\n`,
);
const started = clock();
const checkpoints: { step: number; accuracy: number; seconds: number }[] = [];
const trained = await trainLlama(tf, {
  config: initialWeights.config,
  sequences,
  steps: Number(flags.steps),
  batchSize,
  learningRate,
  seed,
  name: 'long',
  initialWeights,
  clock,
  progressEvery: 20,
  yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
  onProgress: (progress) =>
    process.stderr.write(
      `[long] step ${progress.step}/${progress.steps}  loss ${progress.loss.toFixed(4)}  ` +
        `${Math.round(progress.tokensPerSecond)} tok/s  elapsed ${Math.round(progress.seconds)} s\n`,
    ),
  checkpoint: {
    every: 100,
    shouldStop: (weights, step) => {
      const accuracy = accuracyOf(weights, checkTasks);
      const seconds = clock() - started;
      checkpoints.push({ step, accuracy, seconds: Math.round(seconds) });
      process.stderr.write(
        `[long] step ${step}: greedy accuracy from the start ${(accuracy * 100).toFixed(0)}% on 20 held-out\n`,
      );
      return seconds > stopAfter;
    },
  },
});
const accuracy = accuracyOf(trained.weights, heldOut);
process.stderr.write(
  `[long] done: ${trained.stepsRun} steps in ${trained.seconds.toFixed(0)} s, final loss ${trained.finalLoss.toFixed(4)}, ` +
    `greedy accuracy from the start ${(accuracy * 100).toFixed(1)}% on ${heldOut.length} held-out\n`,
);
const bytes = writeLlamaGguf({
  name: 'atropos-long-target',
  weights: trained.weights,
  vocabulary,
  chatFormat: chatFormatMetadata.compactV1,
});
await saveGgufFile(path.join(flags.output, 'target.gguf'), bytes);
const manifest = {
  models: [
    {
      file: 'target.gguf',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      sizeBytes: bytes.length,
      architecture: { ...trained.weights.config, tensorType: 'F32' },
      training: {
        startedFrom: flags.from,
        seed,
        steps: trained.stepsRun,
        learningRate,
        batchSize,
        corpus: { generator: 'generateLongEpisodes', seed, episodes: episodes.length, takeovers, averageTokens },
      },
      measured: {
        trainSeconds: Math.round(trained.seconds),
        finalLoss: Math.round(trained.finalLoss * 1e4) / 1e4,
        heldOutGreedyAccuracyFromStart: { tasks: heldOut.length, accuracy, taskSeed: seed + 1000 },
        checkpoints,
      },
    },
  ],
};
await writeFile(path.join(flags.output, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
process.stderr.write(`[long] wrote ${path.join(flags.output, 'target.gguf')} and manifest.json\n`);
