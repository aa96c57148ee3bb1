// One configuration of `bench:inference`, run in a process of its own so its peak memory is its own:
//   node --import tsx bench/inferenceRun.ts '{"kind":"paths","model":FILE,"mode":"contexts","paths":5,...}'
// Prints one JSON line. Paths decode with sequence.evaluate (temperature 0.8, a seed per path,
// end-of-generation tokens yielded so every path writes exactly `decode` tokens).
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { LlamaBackend } from '#core/llm/providers/LlamaBackend.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';

/** How R paths share llama.cpp: one context batching R sequences, R contexts, or one path after another. */
export type PathMode = 'one-context' | 'contexts' | 'sequential';

/** What the parent asks a child to measure. */
export type InferenceJob =
  | {
      kind: 'paths';
      /** Threads of the one context (one-context, sequential); contexts get max(1, threads / paths) each. */
      threads: number;
      model: string;
      mode: PathMode;
      paths: number;
      promptTokens: number;
      decode: number;
      contextPerPath: number;
    }
  | { kind: 'overhead'; model: string; promptTokens: number; decode: number; contextPerPath: number };

const cores = availableParallelism();
/** llama.cpp's micro-batch: a ~500-token prompt is read in one batch in every mode. */
const batchSize = 512;
const filler =
  'The committee reviewed the quarterly report on water quality in the northern district and asked for ' +
  'clearer figures on the filtration plant, its energy use per cubic metre, the maintenance backlog, ' +
  'and the schedule for replacing the old pipes under the market square before the winter season. ';

/** `count` prompt tokens of plain English text (BOS first when the model adds one). */
function promptTokens(model: LlamaModel, count: number): Token[] {
  const bos = model.tokens.bos;
  const tokens: Token[] = bos === null ? [] : [bos];
  while (tokens.length < count) tokens.push(...model.tokenize(filler));
  return tokens.slice(0, count);
}

/** When a path started, and when each of its tokens came out. */
type PathTiming = { start: number; firstToken: number; end: number; tokens: number; times: number[] };

async function decodePath(
  sequence: LlamaContextSequence,
  prompt: Token[],
  decode: number,
  seed: number,
): Promise<PathTiming> {
  const start = performance.now();
  let firstToken = start;
  let tokens = 0;
  const times: number[] = [];
  for await (const token of sequence.evaluate(prompt, { temperature: 0.8, seed, yieldEogToken: true })) {
    void token;
    times.push(performance.now());
    if (tokens === 0) firstToken = times[0] ?? start;
    tokens += 1;
    if (tokens >= decode) break;
  }
  return { start, firstToken, end: performance.now(), tokens, times };
}

/**
 * Decoding speed with every path decoding: tokens that came out while all paths were past their
 * prompt and none had finished, per second of that window (one after another: each path's tokens
 * after its first, per second of its decoding).
 */
function decodeRate(timings: readonly PathTiming[], isSequential: boolean): number {
  if (isSequential) {
    const tokens = timings.reduce((total, timing) => total + timing.tokens - 1, 0);
    const seconds = timings.reduce((total, timing) => total + (timing.end - timing.firstToken) / 1000, 0);
    return tokens / seconds;
  }
  const from = Math.max(...timings.map((timing) => timing.firstToken));
  const to = Math.min(...timings.map((timing) => timing.times.at(-1) ?? timing.end));
  if (to <= from) return Number.NaN;
  const tokens = timings.reduce(
    (total, timing) => total + timing.times.filter((time) => time > from && time <= to).length,
    0,
  );
  return tokens / ((to - from) / 1000);
}

async function runPaths(
  job: Extract<InferenceJob, { kind: 'paths' }>,
  model: LlamaModel,
): Promise<Record<string, number>> {
  const prompt = promptTokens(model, job.promptTokens);
  const seeds = Array.from({ length: job.paths }, (_, index) => 100 + index);
  let timings: PathTiming[];
  const started = performance.now();
  if (job.mode === 'one-context') {
    const context = await model.createContext({
      contextSize: job.contextPerPath * job.paths,
      sequences: job.paths,
      threads: job.threads,
      batchSize,
    });
    timings = await Promise.all(seeds.map((seed) => decodePath(context.getSequence(), prompt, job.decode, seed)));
    await context.dispose();
  } else if (job.mode === 'contexts') {
    const contexts = await Promise.all(
      seeds.map(() =>
        model.createContext({
          contextSize: job.contextPerPath,
          sequences: 1,
          threads: Math.max(1, Math.floor(job.threads / job.paths)),
          batchSize,
        }),
      ),
    );
    timings = await Promise.all(
      seeds.map((seed, index) => decodePath(contexts[index]!.getSequence(), prompt, job.decode, seed)),
    );
    for (const context of contexts) await context.dispose();
  } else {
    const context = await model.createContext({
      contextSize: job.contextPerPath,
      sequences: 1,
      threads: job.threads,
      batchSize,
    });
    const sequence = context.getSequence();
    timings = [];
    for (const seed of seeds) {
      await sequence.clearHistory();
      timings.push(await decodePath(sequence, prompt, job.decode, seed));
    }
    await context.dispose();
  }
  const end = Math.max(...timings.map((timing) => timing.end));
  const tokens = timings.reduce((total, timing) => total + timing.tokens, 0);
  return {
    tokensPerSecond: tokens / ((end - started) / 1000),
    decodeTokensPerSecond: decodeRate(timings, job.mode === 'sequential'),
    firstTokenMs: Math.min(...timings.map((timing) => timing.firstToken)) - started,
    wallMs: end - started,
  };
}

/**
 * The engine's cost on top of llama.cpp: one turn through LocalLlamaProvider.respond (fresh context,
 * chat wrapper, LlamaChat, the runaway guard) against bare sequence.evaluate of as many prompt
 * tokens on a context of the same size and threads.
 */
async function runOverhead(
  job: Extract<InferenceJob, { kind: 'overhead' }>,
  backend: LlamaBackend,
): Promise<Record<string, number>> {
  const model = await backend.llama.loadModel({ modelPath: job.model });
  // A question of about `promptTokens` tokens in this model's tokenizer (the chat template adds a few).
  const question = filler.repeat(Math.max(1, Math.round(job.promptTokens / model.tokenize(filler).length)));
  const provider = await LocalLlamaProvider.load({ modelPath: job.model, backend, contextSize: job.contextPerPath });
  let first = 0;
  const started = performance.now();
  const turn = await provider.respond(
    { tools: [], messages: [{ role: 'user', text: question }] },
    { tools: [], seed: 7, temperature: 0.8, maxTokens: job.decode, onToken: () => void (first ||= performance.now()) },
  );
  const engineEnd = performance.now();
  await provider.dispose();
  const context = await model.createContext({ contextSize: job.contextPerPath, sequences: 1, threads: 1 });
  const raw = await decodePath(context.getSequence(), promptTokens(model, turn.tokensIn), turn.tokensOut, 7);
  await context.dispose();
  await model.dispose();
  const engineFirst = (first || engineEnd) - started;
  const engineDecodeMsPerToken = (engineEnd - started - engineFirst) / Math.max(1, turn.tokensOut - 1);
  const rawDecodeMsPerToken = (raw.end - raw.firstToken) / Math.max(1, raw.tokens - 1);
  return {
    promptTokens: turn.tokensIn,
    decodedTokens: turn.tokensOut,
    engineFirstTokenMs: engineFirst,
    rawFirstTokenMs: raw.firstToken - raw.start,
    turnStartOverheadMs: engineFirst - (raw.firstToken - raw.start),
    engineDecodeMsPerToken,
    rawDecodeMsPerToken,
    overheadShareOfDecode: (engineDecodeMsPerToken - rawDecodeMsPerToken) / rawDecodeMsPerToken,
  };
}

const job = JSON.parse(process.argv[2] ?? '{}') as InferenceJob;
// Peak resident memory of this configuration, sampled every 10 ms from before the model loads
// (resourceUsage().maxRSS would also count the backend's start-up test).
let peakRss = 0;
const sampleRss = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
const backend = await LlamaBackend.open({ gpu: 'auto', cores });
const sampler = setInterval(sampleRss, 10);
const modelName = path.basename(job.model, '.gguf');
if (job.kind === 'overhead') {
  const figures = await runOverhead(job, backend);
  console.log(JSON.stringify({ model: modelName, overhead: true, ...figures }));
} else {
  const loadStarted = performance.now();
  const model = await backend.llama.loadModel({ modelPath: job.model });
  const loadMs = performance.now() - loadStarted;
  const figures = await runPaths(job, model);
  sampleRss();
  await model.dispose();
  const peakRssMb = peakRss / 2 ** 20;
  console.log(JSON.stringify({ model: modelName, paths: job.paths, mode: job.mode, ...figures, peakRssMb, loadMs }));
}
clearInterval(sampler);
await backend.dispose();
