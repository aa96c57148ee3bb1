// `npm run models:train [-- --seed N --source-steps N --target-steps N]`: trains the two tiny world
// models (a weak "source" on the weak policy mix, a strong "target" on the target mix: ideal
// transcripts and takeovers after the handoff note) and writes
// models/fixtures/{source,target}.gguf and manifest.json.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { renderTranscript } from '#core/llm/chat/renderTranscript.ts';
import type { LlamaConfig } from '#core/llm/gguf/LlamaWeights.ts';
import { saveGgufFile } from '#core/llm/gguf/saveGgufFile.ts';
import { writeLlamaGguf } from '#core/llm/gguf/writeLlamaGguf.ts';
import { encodeTranscript } from '#core/llm/training/encodeTranscript.ts';
import { evaluateWorldModel } from '#core/llm/training/evaluateWorldModel.ts';
import { registerFastSliceKernels } from '#core/llm/training/registerFastSliceKernels.ts';
import { trainLlama, type TrainingProgress } from '#core/llm/training/trainLlama.ts';
import { createWorldVocabulary } from '#core/llm/training/worldVocabulary.ts';
import { initTensorflow } from '#core/predictor/gcn/initTensorflow.ts';
import { generateWorldEpisodes, policyMixes } from '#core/world/generateWorldEpisodes.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    'source-steps': { type: 'string', default: '1400' },
    'target-steps': { type: 'string', default: '2500' },
    'corpus-size': { type: 'string', default: '4000' },
    'batch-size': { type: 'string', default: '32' },
    'learning-rate': { type: 'string', default: '0.005' },
    'target-layers': { type: 'string', default: '3' },
    'held-out': { type: 'string', default: '100' },
    output: { type: 'string', default: 'models/fixtures' },
    // Train one model only ('source' or 'target'), e.g. after changing one corpus.
    only: { type: 'string' },
  },
});
const seed = Number(flags.seed);
const corpusSize = Number(flags['corpus-size']);
const batchSize = Number(flags['batch-size']);
const learningRate = Number(flags['learning-rate']);
const clock = (): number => performance.now() / 1000;

const tf = await initTensorflow();
registerFastSliceKernels(tf);
const vocabulary = createWorldVocabulary();
const heldOutTasks = generateWorldTasks({ seed: seed + 1000, count: Number(flags['held-out']) });
const checkTasks = heldOutTasks.slice(0, 50);

type ModelPlan = {
  name: 'source' | 'target';
  mix: keyof typeof policyMixes;
  corpusSeed: number;
  steps: number;
  config: LlamaConfig;
};
const baseConfig: LlamaConfig = {
  vocabSize: vocabulary.size,
  embedding: 64,
  layers: 2,
  heads: 4,
  kvHeads: 4,
  feedForward: 176,
  contextLength: 256,
};
const plans: ModelPlan[] = [
  { name: 'source', mix: 'weak', corpusSeed: seed, steps: Number(flags['source-steps']), config: baseConfig },
  {
    name: 'target',
    mix: 'target',
    corpusSeed: seed + 1,
    steps: Number(flags['target-steps']),
    config: { ...baseConfig, layers: Number(flags['target-layers']) },
  },
];

function showProgress(name: string, progress: TrainingProgress): void {
  const remaining = progress.step > 0 ? (progress.seconds / progress.step) * (progress.steps - progress.step) : 0;
  process.stderr.write(
    `[${name}] step ${progress.step}/${progress.steps}  loss ${progress.loss.toFixed(4)}  ` +
      `lr ${progress.learningRate.toExponential(2)}  ${Math.round(progress.tokensPerSecond)} tok/s  ` +
      `elapsed ${Math.round(progress.seconds)} s  ETA ${Math.round(remaining)} s\n`,
  );
}

const manifestModels: unknown[] = [];
for (const plan of plans.filter((candidate) => flags.only === undefined || candidate.name === flags.only)) {
  const episodes = generateWorldEpisodes({
    seed: plan.corpusSeed,
    count: corpusSize,
    policyMix: policyMixes[plan.mix],
  });
  const sequences = episodes.map((episode) =>
    encodeTranscript(renderTranscript(episode.transcript, { trainedFrom: episode.trainedFrom }), vocabulary),
  );
  const unsafe = sequences.filter((sequence) => !sequence.isBoundarySafe).length;
  const averageTokens = sequences.reduce((sum, sequence) => sum + sequence.tokens.length, 0) / sequences.length;
  const correctShare = episodes.filter((episode) => episode.isCorrect).length / episodes.length;
  process.stderr.write(
    `[${plan.name}] corpus: ${episodes.length} ${plan.mix} episodes (${(correctShare * 100).toFixed(1)}% correct), ` +
      `${averageTokens.toFixed(1)} tokens on average, vocabulary ${vocabulary.size}, boundary-unsafe ${unsafe}\n`,
  );
  const checkpoints: { step: number; accuracy: number }[] = [];
  const trained = await trainLlama(tf, {
    config: plan.config,
    sequences,
    steps: plan.steps,
    batchSize,
    learningRate,
    seed: plan.corpusSeed,
    name: plan.name,
    clock,
    progressEvery: 50,
    yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
    onProgress: (progress) => showProgress(plan.name, progress),
    checkpoint: {
      every: 250,
      shouldStop: (weights, step) => {
        const { accuracy } = evaluateWorldModel(weights, vocabulary, checkTasks);
        checkpoints.push({ step, accuracy });
        process.stderr.write(
          `[${plan.name}] step ${step}: greedy accuracy ${(accuracy * 100).toFixed(0)}% on 50 held-out\n`,
        );
        return false;
      },
    },
  });
  const evaluation = evaluateWorldModel(trained.weights, vocabulary, heldOutTasks);
  process.stderr.write(
    `[${plan.name}] done in ${trained.seconds.toFixed(0)} s, final loss ${trained.finalLoss.toFixed(4)}, ` +
      `greedy accuracy ${(evaluation.accuracy * 100).toFixed(1)}% on ${evaluation.tasks} held-out tasks\n`,
  );
  const bytes = writeLlamaGguf({
    name: `atropos-world-${plan.name}`,
    weights: trained.weights,
    vocabulary,
    chatFormat: chatFormatMetadata.compactV1,
  });
  const file = `${plan.name}.gguf`;
  await saveGgufFile(path.join(flags.output, file), bytes);
  manifestModels.push({
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
    architecture: { ...plan.config, headSize: plan.config.embedding / plan.config.heads, tensorType: 'F32' },
    training: {
      seed: plan.corpusSeed,
      steps: trained.stepsRun,
      learningRate,
      schedule: 'linear warm-up (min(100, steps/10)), cosine to 10%; Adam beta2 0.98; clip 1.0',
      batchSize,
      corpus: {
        generator: 'generateWorldEpisodes',
        policyMix: plan.mix,
        seed: plan.corpusSeed,
        episodes: episodes.length,
        correctShare,
        averageTokens,
      },
    },
    measured: {
      trainSeconds: Math.round(trained.seconds * 10) / 10,
      tokensPerSecondTraining: Math.round(trained.tokensPerSecond),
      finalLoss: Math.round(trained.finalLoss * 1e4) / 1e4,
      heldOutGreedyAccuracy: { tasks: evaluation.tasks, accuracy: evaluation.accuracy, taskSeed: seed + 1000 },
      checkpoints,
    },
  });
}
const manifestFile = path.join(flags.output, 'manifest.json');
await writeFile(manifestFile, `${JSON.stringify({ models: manifestModels }, null, 2)}\n`);
process.stderr.write(`wrote ${manifestFile}\n`);
