// `npm run models:train-open [-- --seed N --source-steps N --target-steps N --convert-share X --only source|target]`:
// trains the open-answer world's two tiny models (electron/lab/world/open) with the first world's
// pipeline (renderTranscript, encodeTranscript, trainLlama, writeLlamaGguf): a weak "source" on the
// weak mix (about 82% right, every failure before the checkpoint, no scripted compare failures; corpora
// 40% convert tasks) and a stronger "target" (one more layer) on ideal transcripts plus takeovers after the handoff note, and writes models/fixtures-open/{source,target}.gguf
// with manifest.json. The first world's models (models/fixtures) are not touched.
// By default (the committed models) the target starts from the saved source.gguf (same shape, 2
// layers) and is fine-tuned on the target corpus (500 steps, peak rate 0.002): the cheap stronger
// model on a loaded machine. `--target-start scratch` trains a 3-layer target from scratch instead.
import { createHash } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { initTensorflow } from '#core/predictor/gcn/initTensorflow.ts';
import type { LlamaConfig } from '#lab/llm/gguf/LlamaWeights.ts';
import { readLlamaWeights } from '#lab/llm/gguf/readLlamaWeights.ts';
import { saveGgufFile } from '#lab/llm/gguf/saveGgufFile.ts';
import { writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import { encodeTranscript } from '#lab/llm/training/encodeTranscript.ts';
import { evaluateWorldModel } from '#lab/llm/training/evaluateWorldModel.ts';
import { registerFastSliceKernels } from '#lab/llm/training/registerFastSliceKernels.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { trainLlama } from '#lab/llm/training/trainLlama.ts';
import { generateOpenEpisodes, openPolicyMixes, openSystemPrompt } from '#lab/world/open/openEpisodes.ts';
import { generateOpenTasks } from '#lab/world/open/openTasks.ts';
import { createOpenVocabulary } from '#lab/world/open/openVocabulary.ts';

const { values: flags } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    'source-steps': { type: 'string', default: '800' },
    'target-steps': { type: 'string', default: '500' },
    'corpus-size': { type: 'string', default: '4000' },
    'batch-size': { type: 'string', default: '32' },
    'learning-rate': { type: 'string', default: '0.005' },
    'held-out': { type: 'string', default: '100' },
    output: { type: 'string', default: 'models/fixtures-open' },
    only: { type: 'string' },
    'convert-share': { type: 'string', default: '0.4' },
    'target-start': { type: 'string', default: 'source' },
    'target-learning-rate': { type: 'string', default: '0.002' },
  },
});
const seed = Number(flags.seed);
const batchSize = Number(flags['batch-size']);
const learningRate = Number(flags['learning-rate']);
const tf = await initTensorflow();
registerFastSliceKernels(tf);
const vocabulary = createOpenVocabulary();
const heldOut = generateOpenTasks({ seed: seed + 1000, count: Number(flags['held-out']) });
const evaluate = (weights: Parameters<typeof evaluateWorldModel>[0], tasks = heldOut): number =>
  evaluateWorldModel(weights, vocabulary, tasks, 200, openSystemPrompt).accuracy;

const baseConfig: LlamaConfig = {
  vocabSize: vocabulary.size,
  embedding: 64,
  layers: 2,
  heads: 4,
  kvHeads: 4,
  feedForward: 176,
  contextLength: 256,
};
const plans = [
  { name: 'source', mix: 'weak', corpusSeed: seed, steps: Number(flags['source-steps']), config: baseConfig },
  {
    name: 'target',
    mix: 'target',
    corpusSeed: seed + 1,
    steps: Number(flags['target-steps']),
    config: flags['target-start'] === 'source' ? baseConfig : { ...baseConfig, layers: 3 },
  },
] as const;
const fromSource = flags['target-start'] === 'source';

await mkdir(flags.output, { recursive: true });
const manifestFile = path.join(flags.output, 'manifest.json');
type ManifestModel = { file: string } & Record<string, unknown>;
for (const plan of plans.filter((candidate) => flags.only === undefined || candidate.name === flags.only)) {
  const episodes = generateOpenEpisodes({
    seed: plan.corpusSeed,
    count: Number(flags['corpus-size']),
    convertShare: Number(flags['convert-share']),
    mix: openPolicyMixes[plan.mix],
  });
  const sequences = episodes.map((episode) =>
    encodeTranscript(renderTranscript(episode.transcript, { trainedFrom: episode.trainedFrom }), vocabulary),
  );
  const averageTokens = sequences.reduce((sum, sequence) => sum + sequence.tokens.length, 0) / sequences.length;
  const correctShare = episodes.filter((episode) => episode.isCorrect).length / episodes.length;
  process.stderr.write(
    `[${plan.name}] corpus: ${episodes.length} episodes (${(correctShare * 100).toFixed(1)}% correct), ` +
      `${averageTokens.toFixed(1)} tokens on average, vocabulary ${vocabulary.size}, ` +
      `boundary-unsafe ${sequences.filter((sequence) => !sequence.isBoundarySafe).length}\n`,
  );
  const checkpoints: { step: number; accuracy: number }[] = [];
  const sourceFile = path.join(flags.output, 'source.gguf');
  const isFineTune = plan.name === 'target' && fromSource;
  const initialWeights = isFineTune ? await readLlamaWeights(sourceFile) : undefined;
  const planRate = isFineTune ? Number(flags['target-learning-rate']) : learningRate;
  const trained = await trainLlama(tf, {
    config: plan.config,
    sequences,
    steps: plan.steps,
    batchSize,
    learningRate: planRate,
    ...(initialWeights === undefined ? {} : { initialWeights }),
    seed: plan.corpusSeed,
    name: plan.name,
    clock: () => performance.now() / 1000,
    progressEvery: 50,
    yieldToHost: () => new Promise<void>((resolve) => setImmediate(resolve)),
    onProgress: (progress) =>
      process.stderr.write(
        `[${plan.name}] step ${progress.step}/${progress.steps} loss ${progress.loss.toFixed(4)} ` +
          `${Math.round(progress.tokensPerSecond)} tok/s elapsed ${Math.round(progress.seconds)} s\n`,
      ),
    checkpoint: {
      every: 250,
      shouldStop: (weights, step) => {
        const accuracy = evaluate(weights, heldOut.slice(0, 50));
        checkpoints.push({ step, accuracy });
        process.stderr.write(`[${plan.name}] step ${step}: greedy accuracy ${(accuracy * 100).toFixed(0)}% on 50\n`);
        return false;
      },
    },
  });
  const accuracy = evaluate(trained.weights);
  process.stderr.write(`[${plan.name}] done in ${trained.seconds.toFixed(0)} s, greedy accuracy ${accuracy}\n`);
  const file = `${plan.name}.gguf`;
  const bytes = writeLlamaGguf({
    name: `atropos-open-${plan.name}`,
    weights: trained.weights,
    vocabulary,
    chatFormat: chatFormatMetadata.compactV1,
  });
  await saveGgufFile(path.join(flags.output, file), bytes);
  // Re-read just before writing: the two stages may run as two processes at once.
  const previous = await readFile(manifestFile, 'utf8')
    .then((text) => JSON.parse(text) as { models: ManifestModel[] })
    .catch(() => ({ models: [] as ManifestModel[] }));
  const entry: ManifestModel = {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
    architecture: { ...plan.config, headSize: plan.config.embedding / plan.config.heads, tensorType: 'F32' },
    training: {
      seed: plan.corpusSeed,
      steps: trained.stepsRun,
      learningRate: planRate,
      ...(isFineTune
        ? {
            startedFrom: {
              file: 'source.gguf',
              sha256: createHash('sha256')
                .update(await readFile(sourceFile))
                .digest('hex'),
            },
          }
        : {}),
      schedule: 'linear warm-up (min(100, steps/10)), cosine to 10%; Adam beta2 0.98; clip 1.0',
      batchSize,
      corpus: {
        generator: 'generateOpenEpisodes',
        policyMix: plan.mix,
        seed: plan.corpusSeed,
        episodes: episodes.length,
        convertShare: Number(flags['convert-share']),
        correctShare,
        averageTokens,
      },
    },
    measured: {
      trainSeconds: Math.round(trained.seconds * 10) / 10,
      tokensPerSecondTraining: Math.round(trained.tokensPerSecond),
      finalLoss: Math.round(trained.finalLoss * 1e4) / 1e4,
      heldOutGreedyAccuracy: { tasks: heldOut.length, accuracy, taskSeed: seed + 1000 },
      checkpoints,
    },
  };
  const models = [...previous.models.filter((model) => model.file !== file), entry];
  models.sort((a, b) => a.file.localeCompare(b.file));
  await writeFile(manifestFile, `${JSON.stringify({ ...previous, models }, null, 2)}\n`);
  process.stderr.write(`wrote ${path.join(flags.output, file)} and ${manifestFile}\n`);
}
