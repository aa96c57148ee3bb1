// The cloud providers over real HTTP against the local model server (`cli serve`'s server) running
// the target fixture model: world tasks solved with real calc calls, streamed tokens, usage, a path
// started on the local source model and continued in the "cloud", a rejected key and an abort.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import { AnthropicProvider } from '#core/llm/providers/AnthropicProvider.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { OpenAiCompatibleProvider } from '#core/llm/providers/OpenAiCompatibleProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import { createWorldTools, type WorldTools } from '#core/world/createWorldTools.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';

const fixtures = path.join(repositoryRoot, 'models', 'fixtures');
const apiKey = 'test-key';
let source: LocalLlamaProvider;
let target: LocalLlamaProvider;
let server: ModelServer;
let fetches = 0;
/** Every provider here goes through this fetch, as the engine's go through its egress gate. */
const countingFetch: typeof fetch = (input, init) => {
  fetches += 1;
  return globalThis.fetch(input, init);
};

type CloudKind = { name: string; create: (key?: string) => ChatProvider };
const kinds: CloudKind[] = [
  {
    name: 'OpenAiCompatibleProvider',
    create: (key = apiKey) =>
      new OpenAiCompatibleProvider({ baseUrl: `${server.url}/v1`, apiKey: key, model: 'target', fetch: countingFetch }),
  },
  {
    name: 'AnthropicProvider',
    create: (key = apiKey) =>
      new AnthropicProvider({ baseUrl: server.url, apiKey: key, model: 'target', fetch: countingFetch }),
  },
];

function startTranscript(task: WorldTask, tools: WorldTools): Transcript {
  return {
    tools: tools.definitions,
    messages: [
      { role: 'system', text: worldSystemPrompt },
      { role: 'user', text: task.question },
    ],
  };
}

/** The world's tools, recording every call the engine really executes. */
function recordingTools(): { tools: WorldTools; calls: JsonValue[] } {
  const world = createWorldTools();
  const calls: JsonValue[] = [];
  return { tools: { ...world, call: (name, args) => (calls.push(args), world.call(name, args)) }, calls };
}

const tasks = generateWorldTasks({ seed: 7, count: 40 });
/** A two-operator task the target fixture solves greedily (checked against the local run below). */
const task = tasks.find((candidate) => candidate.operators.length === 2)!;

beforeAll(async () => {
  source = await LocalLlamaProvider.load({ modelPath: path.join(fixtures, 'source.gguf'), cores: 2 });
  target = await LocalLlamaProvider.load({ modelPath: path.join(fixtures, 'target.gguf'), cores: 2 });
  // Greedy by default: the Anthropic API (SDK 1.14) sends no temperature.
  server = await createModelServer({ responder: target, clock: { now: () => 0 }, apiKey, defaultTemperature: 0 });
});

afterAll(async () => {
  await server?.close();
  await source?.dispose();
  await target?.dispose();
});

describe.each(kinds)('$name against the local model server', (kind) => {
  it('solves a world task with real calc calls, streaming its tokens and counting usage, as the local model does', async () => {
    const local = await target.continueTranscript(startTranscript(task, createWorldTools()), {
      tools: createWorldTools(),
      stepBudget: task.stepBudget,
      seed: 1,
      temperature: 0,
    });
    expect(local.status).toBe('answered');
    const { tools, calls } = recordingTools();
    const tokens: string[] = [];
    const fetchesBefore = fetches;
    const cloud = kind.create();
    expect(cloud.locality).toBe('cloud');
    const result = await cloud.continueTranscript(startTranscript(task, tools), {
      tools,
      stepBudget: task.stepBudget,
      seed: 1,
      temperature: 0,
      onToken: (text) => tokens.push(text),
    });
    expect(result.status).toBe('answered');
    expect(task.verify(result.answer)).toBe(true);
    expect(result.answer).toBe(local.answer);
    expect(result.steps).toBe(local.steps);
    expect(result.steps).toBeGreaterThanOrEqual(2);
    // The calls the engine executed are the model's, with the calculator's real results in the transcript.
    const callsOf = (transcript: Transcript): JsonValue[] =>
      transcript.messages.flatMap((message) =>
        message.role === 'assistant' ? message.toolCalls.map((call) => call.arguments) : [],
      );
    const resultsOf = (transcript: Transcript): JsonValue[] =>
      transcript.messages.flatMap((message) => (message.role === 'tool' ? [message.result] : []));
    expect(calls).toEqual(callsOf(local.transcript));
    expect(callsOf(result.transcript)).toEqual(calls);
    expect(resultsOf(result.transcript)).toEqual(resultsOf(local.transcript));
    expect(tokens.join('').trim()).toBe(result.answer);
    expect(result.tokensIn).toBeGreaterThan(0);
    expect(result.tokensOut).toBeGreaterThan(0);
    // One request per turn: each call, then the answer; all through the given fetch.
    expect(fetches - fetchesBefore).toBe(result.steps + 1);
  });

  it('continues a path the local source model started (hotswap) with the same tools and result as the local target', async () => {
    const started = await source.continueTranscript(startTranscript(task, createWorldTools()), {
      tools: createWorldTools(),
      stepBudget: task.stepBudget,
      seed: 3,
      temperature: 0,
    });
    // The source's first call and its real result, then the rest of the path in the cloud.
    const firstResult = started.transcript.messages.findIndex((message) => message.role === 'tool');
    expect(firstResult).toBeGreaterThan(0);
    const handedOver: Transcript = {
      ...started.transcript,
      messages: started.transcript.messages.slice(0, firstResult + 1),
    };
    const budget = task.stepBudget - 1;
    const local = await target.continueTranscript(handedOver, {
      tools: createWorldTools(),
      stepBudget: budget,
      seed: 1,
      temperature: 0,
    });
    const { tools, calls } = recordingTools();
    const cloud = await kind
      .create()
      .continueTranscript(handedOver, { tools, stepBudget: budget, seed: 1, temperature: 0 });
    expect(cloud.transcript.messages.slice(0, firstResult + 1)).toEqual(handedOver.messages);
    expect({ answer: cloud.answer, status: cloud.status, steps: cloud.steps }).toEqual({
      answer: local.answer,
      status: local.status,
      steps: local.steps,
    });
    expect(calls).toHaveLength(cloud.steps);
  });

  it('ends the path exhausted without executing the call that would exceed the step budget', async () => {
    const { tools, calls } = recordingTools();
    const result = await kind.create().continueTranscript(startTranscript(task, tools), {
      tools,
      stepBudget: 1,
      seed: 1,
      temperature: 0,
    });
    expect(result).toMatchObject({ status: 'exhausted', answer: null, steps: 1 });
    expect(calls).toHaveLength(1);
    expect(result.transcript.messages.at(-1)?.role).toBe('tool');
  });

  it('reports a key the server rejects (--api-key) as provider-rejected', async () => {
    const error = await kind
      .create('wrong-key')
      .continueTranscript(startTranscript(task, createWorldTools()), {
        tools: createWorldTools(),
        stepBudget: 3,
        seed: 1,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'provider-rejected' });
    expect((error as Error).message).toMatch(/HTTP 401.*Check it in Models > Cloud providers/);
  });

  it('cancels mid-stream with a CancelledError, and the server serves the next request', async () => {
    const controller = new AbortController();
    // The transcript ends with the result, so the model's next turn is streamed answer text.
    const solved = await target.continueTranscript(startTranscript(task, createWorldTools()), {
      tools: createWorldTools(),
      stepBudget: task.stepBudget,
      seed: 1,
      temperature: 0,
    });
    const beforeAnswer: Transcript = { ...solved.transcript, messages: solved.transcript.messages.slice(0, -1) };
    const cloud = kind.create();
    const run = cloud.continueTranscript(beforeAnswer, {
      tools: createWorldTools(),
      stepBudget: 3,
      seed: 1,
      signal: controller.signal,
      onToken: () => controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const next = await cloud.continueTranscript(beforeAnswer, {
      tools: createWorldTools(),
      stepBudget: 3,
      seed: 1,
      temperature: 0,
    });
    expect(next.answer).toBe(solved.answer);
  });
});
