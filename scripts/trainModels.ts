// `npm run models:train [-- --seed N --source-steps N --target-steps N]`: trains the two tiny world
// models (a weak "source" on the weak policy mix, a strong "target" on the target mix: ideal
// transcripts and takeovers after the handoff note) and writes
// models/fixtures/{source,target}.gguf and manifest.json. A third stage then fine-tunes the target
// on takeovers of the source model's own paths (see generateModelTakeoverEpisodes: the saved
// source.gguf runs to the checkpoint through llama.cpp, its transcript is handed over as the live
// `transcript` hotswap hands it, the ideal redo follows) mixed with its first corpus, and rewrites
// target.gguf. `--only takeover` runs that stage alone on the saved models (`--takeover-steps 0`
// skips it).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import type { LlamaConfig, LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';
import { readLlamaWeights } from '#lab/llm/gguf/readLlamaWeights.ts';
import { saveGgufFile } from '#lab/llm/gguf/saveGgufFile.ts';
import { writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import { encodeTranscript } from '#lab/llm/training/encodeTranscript.ts';
import { evaluateWorldModel } from '#lab/llm/training/evaluateWorldModel.ts';
import { registerFastSliceKernels } from '#lab/llm/training/registerFastSliceKernels.ts';
import { trainLlama, type TrainingProgress } from '#lab/llm/training/trainLlama.ts';
import { createWorldVocabulary } from '#lab/llm/training/worldVocabulary.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { initTensorflow } from '#core/predictor/gcn/initTensorflow.ts';
import type { Episode } from '#lab/world/Episode.ts';
import { generateModelTakeoverEpisodes } from '#lab/world/generateModelTakeoverEpisodes.ts';
import { generateWorldEpisodes, policyMixes } from '#lab/world/generateWorldEpisodes.ts';
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
    // The takeover stage: fine-tune steps, peak learning rate, tasks the source model runs.
    'takeover-steps': { type: 'string', default: '800' },
    'takeover-learning-rate': { type: 'string', default: '0.001' },
    'takeover-tasks': { type: 'string', default: '3000' },
    output: { type: 'string', default: 'models/fixtures' },
    // Run one stage only ('source', 'target' or 'takeover'), e.g. after changing one corpus.
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
  name: 'source' | 'target' | 'takeover';
  /** The file the stage writes. */
  file: 'source.gguf' | 'target.gguf';
  mix: keyof typeof policyMixes;
  corpusSeed: number;
  steps: number;
  config: LlamaConfig;
  learningRate: number;
  /** The takeover stage: episodes of the saved source model added to the corpus, and the weights it starts from. */
  takeover?: { seed: number; tasks: number };
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
const targetConfig: LlamaConfig = { ...baseConfig, layers: Number(flags['target-layers']) };
const plans: ModelPlan[] = [
  {
    name: 'source',
    file: 'source.gguf',
    mix: 'weak',
    corpusSeed: seed,
    steps: Number(flags['source-steps']),
    config: baseConfig,
    learningRate,
  },
  {
    name: 'target',
    file: 'target.gguf',
    mix: 'target',
    corpusSeed: seed + 1,
    steps: Number(flags['target-steps']),
    config: targetConfig,
    learningRate,
  },
  {
    // The target's first corpus again (so fresh solving is kept) plus takeovers of the source model.
    name: 'takeover',
    file: 'target.gguf',
    mix: 'target',
    corpusSeed: seed + 1,
    steps: Number(flags['takeover-steps']),
    config: targetConfig,
    learningRate: Number(flags['takeover-learning-rate']),
    takeover: { seed: seed + 2, tasks: Number(flags['takeover-tasks']) },
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

/** Runs the saved source model on fresh tasks to the checkpoint and hands each path over (see the header). */
async function sourceTakeovers(takeover: { seed: number; tasks: number }): Promise<Episode[]> {
  const source = await LocalLlamaProvider.load({
    modelPath: path.join(flags.output, 'source.gguf'),
    cores: availableParallelism(),
  });
  try {
    return await generateModelTakeoverEpisodes({
      source,
      seed: takeover.seed,
      count: takeover.tasks,
      onProgress: (done, total) => {
        if (done % 500 === 0 || done === total) process.stderr.write(`[takeover] source paths: ${done}/${total}\n`);
      },
    });
  } finally {
    await source.dispose();
  }
}

type ManifestModel = { file: string } & Record<string, unknown>;
const manifestFile = path.join(flags.output, 'manifest.json');
// A partial run (--only) keeps the other models' entries.
const previousManifest = await readFile(manifestFile, 'utf8')
  .then((text) => JSON.parse(text) as { models: ManifestModel[] })
  .catch(() => ({ models: [] as ManifestModel[] }));
const manifestModels = new Map<string, ManifestModel>(previousManifest.models.map((model) => [model.file, model]));
const stages = plans.filter(
  (candidate) =>
    (flags.only === undefined || candidate.name === flags.only) && !(candidate.takeover && candidate.steps === 0),
);
for (const plan of stages) {
  const baseEpisodes = generateWorldEpisodes({
    seed: plan.corpusSeed,
    count: corpusSize,
    policyMix: policyMixes[plan.mix],
  });
  const modelEpisodes = plan.takeover === undefined ? [] : await sourceTakeovers(plan.takeover);
  const episodes = [...baseEpisodes, ...modelEpisodes];
  const initialWeights: LlamaWeights | undefined =
    plan.takeover === undefined ? undefined : await readLlamaWeights(path.join(flags.output, plan.file));
  if (plan.takeover !== undefined) {
    process.stderr.write(
      `[${plan.name}] ${modelEpisodes.length} takeovers of the source model's paths on ${plan.takeover.tasks} tasks ` +
        `(seed ${plan.takeover.seed}), fine-tuning ${plan.file}\n`,
    );
  }
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
    learningRate: plan.learningRate,
    seed: plan.corpusSeed,
    name: plan.name,
    ...(initialWeights === undefined ? {} : { initialWeights }),
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
    name: `atropos-world-${plan.file.replace('.gguf', '')}`,
    weights: trained.weights,
    vocabulary,
    chatFormat: chatFormatMetadata.compactV1,
  });
  const { file } = plan;
  await saveGgufFile(path.join(flags.output, file), bytes);
  const corpus = {
    generator: 'generateWorldEpisodes',
    policyMix: plan.mix,
    seed: plan.corpusSeed,
    episodes: episodes.length,
    correctShare,
    averageTokens,
  };
  const previous = manifestModels.get(file);
  manifestModels.set(file, {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
    architecture: { ...plan.config, headSize: plan.config.embedding / plan.config.heads, tensorType: 'F32' },
    training: {
      seed: plan.corpusSeed,
      steps: trained.stepsRun,
      learningRate: plan.learningRate,
      schedule: 'linear warm-up (min(100, steps/10)), cosine to 10%; Adam beta2 0.98; clip 1.0',
      batchSize,
      corpus:
        plan.takeover === undefined
          ? corpus
          : {
              ...corpus,
              generator: 'generateWorldEpisodes + generateModelTakeoverEpisodes',
              sourceTakeovers: { source: 'source.gguf', taskSeed: plan.takeover.seed, episodes: modelEpisodes.length },
            },
      // The takeover stage continues the target stage's weights: its record is kept here.
      ...(plan.takeover === undefined || previous === undefined ? {} : { startedFrom: startedFrom(previous) }),
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
await writeFile(
  manifestFile,
  `${JSON.stringify({ ...previousManifest, models: [...manifestModels.values()] }, null, 2)}\n`,
);
process.stderr.write(`wrote ${manifestFile}\n`);

/** The first training record of a model about to be fine-tuned (its own `startedFrom` if it already was). */
function startedFrom(model: ManifestModel): unknown {
  const training = model['training'] as { startedFrom?: unknown } | undefined;
  if (training?.startedFrom !== undefined) return training.startedFrom;
  return { sha256: model['sha256'], training: model['training'], measured: model['measured'] };
}
