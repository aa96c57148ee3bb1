// LocalLlamaProvider through the real node-llama-cpp, on random-weight GGUFs written here: a model
// steered token by token writes chosen world transcripts while the provider's own loop detects the
// calls, executes the real calculator and enforces the step budget.
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TokenBias } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import type { JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import { saveGgufFile } from '#lab/llm/gguf/saveGgufFile.ts';
import { writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import { createWorldTools, type WorldTools } from '#core/world/createWorldTools.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { runEpisode } from '#lab/world/runEpisode.ts';
import { hotswap, runModelEpisode } from '#lab/world/runModelEpisode.ts';
import { takeoverEpisode } from '#lab/world/takeoverEpisode.ts';
import type { WorldPolicy } from '#lab/world/WorldPolicy.ts';
import { idealPolicy, solveTask } from '#lab/world/solveTask.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { createRandomLlamaWeights } from './createRandomLlamaWeights.ts';
import { steerSession } from './steerSession.ts';
import { characterVocabulary, tinyCharacterConfig } from './tinyCharacterModel.ts';

const vocabulary = characterVocabulary;
const config = tinyCharacterConfig(1024);
const tasks = generateWorldTasks({ seed: 11, count: 40 });
const threeOperators = tasks.find((task) => task.operators.length === 3)!;

type Steered = {
  provider: LocalLlamaProvider;
  steerTo: (transcript: Transcript | null) => void;
  /** Unsteered paths: the context tokens when the last token was sampled. */
  lastContext: () => readonly number[];
};
let folder: string;
let source: Steered;
let target: Steered;

async function writeModel(name: string, seed: number): Promise<string> {
  const file = path.join(folder, `${name}.gguf`);
  const weights = createRandomLlamaWeights(config, seed);
  await saveGgufFile(file, writeLlamaGguf({ name, weights, vocabulary, chatFormat: chatFormatMetadata.compactV1 }));
  return file;
}

/** A provider whose paths write `transcript` as renderTranscript renders it (unsteered when null). */
async function loadSteered(modelPath: string): Promise<Steered> {
  let tokens: number[] | null = null;
  let context: number[] = [];
  const provider = await LocalLlamaProvider.load({
    modelPath,
    cores: 2,
    contextSize: 1024,
    steer: (sequence, model) => {
      if (tokens !== null) return steerSession(sequence, model, vocabulary, tokens);
      return () => {
        context = [...sequence.contextTokens];
        return new TokenBias(model.tokenizer);
      };
    },
  });
  const steerTo = (transcript: Transcript | null): void => {
    tokens =
      transcript === null
        ? null
        : renderTranscript(transcript).pieces.flatMap((piece) =>
            piece.kind === 'bos'
              ? [vocabulary.bosId]
              : piece.kind === 'eos'
                ? [vocabulary.eosId]
                : vocabulary.tokenize(piece.text),
          );
  };
  return { provider, steerTo, lastContext: () => context };
}

/** The world's tools, recording every call the engine really executes. */
function recordingTools(): { tools: WorldTools; calls: { expr: JsonValue; result: JsonValue }[] } {
  const world = createWorldTools();
  const calls: { expr: JsonValue; result: JsonValue }[] = [];
  const call = (name: string, args: JsonValue): JsonValue => {
    const result = world.call(name, args);
    calls.push({ expr: (args as { expr?: JsonValue }).expr ?? null, result });
    return result;
  };
  return { tools: { ...world, call }, calls };
}

/** A transcript that repeats one calc call `calls` times (room made for them) and never answers. */
function loopingTranscript(task: WorldTask, calls: number): Transcript {
  const roomy = { ...task, stepBudget: calls };
  return runEpisode(roomy, {
    name: 'loop',
    decide: () => ({ kind: 'call', name: 'calc', arguments: { expr: `${task.operands[0]}+1` } }),
  }).transcript;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atropos-provider-'));
  source = await loadSteered(await writeModel('random-source', 3));
  target = await loadSteered(await writeModel('random-target', 5));
}, 60_000);

afterAll(async () => {
  await source?.provider.dispose();
  await target?.provider.dispose();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('LocalLlamaProvider', () => {
  it('selects the compact format from the GGUF and names the model', () => {
    expect(source.provider.locality).toBe('local');
    expect(source.provider.id).toBe('local:random-source.gguf');
    expect(source.provider.modelName).toBe('random-source');
    expect(source.provider.chatWrapperName).toBe('AtroposCompact');
  });

  it('runs a path whose calls the real calculator executes and the transcript records', async () => {
    const ideal = solveTask(threeOperators);
    source.steerTo(ideal.transcript);
    const { tools, calls } = recordingTools();
    const episode = await runModelEpisode(source.provider, threeOperators, { seed: 1, tools, temperature: 0 });
    expect(calls).toEqual(ideal.steps.map((step) => ({ expr: step.arguments.expr, result: step.result })));
    expect(episode).toMatchObject({
      status: 'answered',
      answer: String(threeOperators.answer),
      steps: 3,
      isCorrect: true,
    });
    expect(episode.transcript).toEqual(ideal.transcript);
    expect(episode.tokensIn).toBeGreaterThan(50);
    expect(episode.tokensOut).toBeGreaterThan(20);
  });

  it('stops a looping path at the step budget without running the extra call', async () => {
    const budget = threeOperators.stepBudget;
    source.steerTo(loopingTranscript(threeOperators, budget + 1));
    const { tools, calls } = recordingTools();
    const episode = await runModelEpisode(source.provider, threeOperators, { seed: 2, tools, temperature: 0 });
    expect(episode).toMatchObject({ status: 'exhausted', answer: null, steps: budget, isCorrect: false });
    expect(calls).toHaveLength(budget);
    expect(episode.transcript.messages.filter((message) => message.role === 'tool')).toHaveLength(budget);
  });

  it('cancels a path through its AbortSignal with a CancelledError', async () => {
    source.steerTo(solveTask(threeOperators).transcript);
    const before = AbortSignal.abort();
    await expect(runModelEpisode(source.provider, threeOperators, { seed: 1, signal: before })).rejects.toThrow(
      CancelledError,
    );
    const controller = new AbortController();
    const world = createWorldTools();
    const tools = { ...world, call: (name: string, args: JsonValue) => (controller.abort(), world.call(name, args)) };
    const running = runModelEpisode(source.provider, threeOperators, { seed: 1, tools, signal: controller.signal });
    await expect(running).rejects.toThrow(CancelledError);
  });

  it('gives identical paths for identical seeds, each on its own context', async () => {
    source.steerTo(null);
    const run = async (seed: number) => {
      const episode = await runModelEpisode(source.provider, tasks[0]!, { seed, temperature: 1.2, maxTokens: 24 });
      return { episode, text: vocabulary.detokenize(source.lastContext()) };
    };
    const first = await run(42);
    const second = await run(42);
    expect(first.episode.tokensOut).toBeGreaterThan(10);
    expect(second).toEqual(first);
    const texts = new Set([first.text]);
    for (const seed of [43, 44, 45]) texts.add((await run(seed)).text);
    expect(texts.size).toBeGreaterThan(1);
  });

  it('hands a source path over at the midpoint with the handoff note; the other provider redoes it', async () => {
    const ideal = solveTask(threeOperators);
    const half = Math.floor(threeOperators.stepBudget / 2);
    // The source makes the ideal first calls, then answers wrongly.
    const givesUp: WorldPolicy = {
      name: 'gives-up',
      decide: (task, steps) => (steps.length < half ? idealPolicy.decide(task, steps) : { kind: 'answer', text: '7' }),
    };
    const wrong = runEpisode(threeOperators, givesUp);
    source.steerTo(wrong.transcript);
    const failed = await runModelEpisode(source.provider, threeOperators, { seed: 3, temperature: 0 });
    expect(failed).toMatchObject({ answer: '7', isCorrect: false, steps: half });
    // What the target is trained to do after the note: solve the task again from the start.
    const takeover = takeoverEpisode(threeOperators, givesUp);
    target.steerTo(takeover.transcript);
    const { tools, calls } = recordingTools();
    const rescued = await hotswap(failed, target.provider, { seed: 4, tools, temperature: 0 });
    expect(rescued).toMatchObject({ providerId: 'local:random-target.gguf', isCorrect: true, steps: 3 });
    expect(calls.map((call) => call.expr)).toEqual(ideal.steps.map((step) => step.arguments.expr));
    expect(rescued.transcript.messages.filter((message) => message.role === 'user')).toEqual([
      { role: 'user', text: threeOperators.question },
      handoffNote,
    ]);
    expect(rescued.transcript).toEqual(takeover.transcript);
  });

  it("uses node-llama-cpp's own wrapper for a GGUF without the project's format", async () => {
    const file = path.join(folder, 'plain.gguf');
    const weights = createRandomLlamaWeights(config, 7);
    await saveGgufFile(file, writeLlamaGguf({ name: 'plain', weights, vocabulary }));
    const plain = await LocalLlamaProvider.load({ modelPath: file, cores: 2, contextSize: 2048 });
    try {
      expect(plain.chatWrapperName).not.toBe('AtroposCompact');
      const episode = await runModelEpisode(plain, tasks[0]!, { seed: 1, maxTokens: 8 });
      expect(episode.tokensIn).toBeGreaterThan(500);
      expect(episode.tokensOut).toBeGreaterThan(0);
    } finally {
      await plain.dispose();
    }
  });

  it('ends a path that fills a small context as exhausted instead of failing in the context shift', async () => {
    const small = await LocalLlamaProvider.load({
      modelPath: path.join(folder, 'random-target.gguf'),
      cores: 2,
      contextSize: 256,
    });
    try {
      const episode = await runModelEpisode(small, tasks[0]!, { seed: 1, maxTokens: 400 });
      expect(episode.status).toBe('exhausted');
      expect(episode.tokensIn + episode.tokensOut).toBeLessThanOrEqual(256);
    } finally {
      await small.dispose();
    }
  });

  it('refuses a missing, corrupt or truncated GGUF with model-missing, before llama.cpp sees it', async () => {
    const good = path.join(folder, 'random-source.gguf');
    const bytes = await readFile(good);
    const cut = path.join(folder, 'cut.gguf');
    const shortByOne = path.join(folder, 'short.gguf');
    const garbage = path.join(folder, 'garbage.gguf');
    const headerOnly = path.join(folder, 'header.gguf');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await writeFile(shortByOne, bytes);
    await truncate(shortByOne, bytes.length - 1);
    await writeFile(garbage, Buffer.from('not a gguf at all, just text'.repeat(40)));
    await writeFile(headerOnly, bytes.subarray(0, 24));
    for (const modelPath of [path.join(folder, 'absent.gguf'), cut, shortByOne, garbage, headerOnly, folder]) {
      const error: unknown = await LocalLlamaProvider.load({ modelPath, cores: 2 }).catch((caught: unknown) => caught);
      expect(error, modelPath).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('model-missing');
    }
  });

  it('frees everything on dispose and refuses further paths', async () => {
    const extra = await loadSteered(path.join(folder, 'random-target.gguf'));
    await runModelEpisode(extra.provider, tasks[0]!, { seed: 1, maxTokens: 4 });
    await extra.provider.dispose();
    expect(extra.provider.isDisposed).toBe(true);
    await extra.provider.dispose();
    await expect(runModelEpisode(extra.provider, tasks[0]!, { seed: 1 })).rejects.toThrow(/after dispose/);
  });
});
