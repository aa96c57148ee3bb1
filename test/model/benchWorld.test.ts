// benchWorld: the metrics' bookkeeping with scripted providers (vote tie rule, rescue rate, the
// midpoint cut the target receives), then one small run on two random-weight GGUFs through the
// real node-llama-cpp.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { saveGgufFile } from '#lab/llm/gguf/saveGgufFile.ts';
import { writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import type { ChatProvider, ContinueTranscriptOptions } from '#core/llm/providers/ChatProvider.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { benchWorld } from '#lab/world/benchWorld.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { createRandomLlamaWeights } from './createRandomLlamaWeights.ts';
import { characterVocabulary, tinyCharacterConfig } from './tinyCharacterModel.ts';

const seed = 9_000_001;

/** A provider that answers from the question and the path seed without calling tools. */
function scriptedProvider(
  id: string,
  answer: (expected: number, path: number) => string | null,
  received: Transcript[] = [],
): ChatProvider {
  const tasks = generateWorldTasks({ seed, count: 10 });
  return {
    id,
    modelName: id,
    locality: 'local',
    continueTranscript: (transcript: Transcript, options: ContinueTranscriptOptions) => {
      received.push(transcript);
      const question = transcript.messages.find((message) => message.role === 'user');
      const task = tasks.find((candidate) => question?.role === 'user' && candidate.question === question.text)!;
      const text = answer(task.answer, (options.seed - seed) % 100);
      const messages = text === null ? [] : [{ role: 'assistant' as const, text, toolCalls: [] }];
      return Promise.resolve({
        transcript: { ...transcript, messages: [...transcript.messages, ...messages] },
        answer: text,
        steps: 0,
        tokensIn: 10,
        tokensOut: 5,
        status: text === null ? 'exhausted' : 'answered',
      });
    },
    dispose: () => Promise.resolve(),
  };
}

describe('benchWorld with scripted providers', () => {
  it('scores path 0, the vote (ties to the smallest answer, exhausted paths abstain) and the rescues', async () => {
    // Paths 1 and 2 are right, 0 and 3 say answer+1, 4 runs out: a 2-2 tie the smaller (right) answer wins.
    const source = scriptedProvider('source', (expected, path) =>
      path === 4
        ? null
        : path === 1 || path === 2
          ? String(expected)
          : `It is ${(expected + 1).toLocaleString('en-US')}`,
    );
    const received: Transcript[] = [];
    const target = scriptedProvider('target', (expected) => String(expected), received);
    let time = 0;
    const progress: number[] = [];
    const result = await benchWorld({
      source,
      target,
      tasks: 3,
      seed,
      clock: { now: () => (time += 500) },
      onProgress: ({ done }) => progress.push(done),
    });
    expect(result).toEqual({
      tasks: 3,
      source: { singlePathSuccess: 0, voteSuccess: 1, tokensPerSecond: 10 },
      target: { singlePathSuccess: 1, tokensPerSecond: 10 },
      hotswapRescueRate: 1,
    });
    expect(progress).toEqual([1, 2, 3]);
    // Each failure is handed over cut before the wrong answer: system prompt, question, handoff note.
    const handovers = received.filter((_, index) => index % 2 === 1);
    expect(handovers).toHaveLength(3);
    for (const transcript of handovers) {
      expect(transcript.messages.map((message) => message.role)).toEqual(['system', 'user', 'user']);
      expect(transcript.messages.at(-1)).toEqual(handoffNote);
    }
  });

  it('reports no rescue rate when the source never fails', async () => {
    const right = scriptedProvider('right', (expected) => String(expected));
    const result = await benchWorld({ source: right, target: right, tasks: 2, paths: 3, clock: { now: () => 0 } });
    expect(result.source).toEqual({ singlePathSuccess: 1, voteSuccess: 1, tokensPerSecond: 0 });
    expect(result.hotswapRescueRate).toBeNull();
  });
});

describe('benchWorld on random-weight GGUFs', () => {
  const vocabulary = characterVocabulary;
  const config = tinyCharacterConfig(512);
  let folder: string;
  const providers: LocalLlamaProvider[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'atropos-bench-'));
    for (const [index, name] of ['source', 'target'].entries()) {
      const file = path.join(folder, `${name}.gguf`);
      const weights = createRandomLlamaWeights(config, 20 + index);
      await saveGgufFile(file, writeLlamaGguf({ name, weights, vocabulary, chatFormat: chatFormatMetadata.compactV1 }));
      providers.push(await LocalLlamaProvider.load({ modelPath: file, cores: 2 }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const provider of providers) await provider.dispose();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('runs every path for real and returns the JSON shape', async () => {
    const [source, target] = providers;
    const result = await benchWorld({
      source: source!,
      target: target!,
      tasks: 2,
      paths: 2,
      maxTokens: 16,
      clock: Date,
    });
    expect(Object.keys(result)).toEqual(['tasks', 'source', 'target', 'hotswapRescueRate']);
    expect(result.tasks).toBe(2);
    expect(result.source.tokensPerSecond).toBeGreaterThan(0);
    expect(result.target.tokensPerSecond).toBeGreaterThan(0);
    for (const share of [result.source.singlePathSuccess, result.source.voteSuccess, result.target.singlePathSuccess])
      expect(share).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    // One context per path: running two at once changes the speed, not the outcomes.
    const parallel = await benchWorld({
      source: source!,
      target: target!,
      tasks: 2,
      paths: 2,
      maxTokens: 16,
      clock: Date,
      concurrency: 2,
    });
    const outcomes = (bench: typeof result) => ({
      ...bench,
      source: { ...bench.source, tokensPerSecond: 0 },
      target: { ...bench.target, tokensPerSecond: 0 },
    });
    expect(outcomes(parallel)).toEqual(outcomes(result));
  });
});
