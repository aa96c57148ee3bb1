// The compact format through the real node-llama-cpp path, with a GGUF written on the fly: a
// random-weight character model is steered token by token to write a world transcript, while the
// real LlamaChatSession detects the calls, constrains them with its grammars, runs the real calc
// tool and inserts the results. Its history and its context must equal renderTranscript's text.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defineChatSessionFunction, getLlama, LlamaChatSession, type Llama, type LlamaModel } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtroposChatWrapper } from '#core/llm/chat/AtroposChatWrapper.ts';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { fromChatHistory } from '#core/llm/chat/fromChatHistory.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import { saveGgufFile } from '#lab/llm/gguf/saveGgufFile.ts';
import { writeLlamaGguf } from '#lab/llm/gguf/writeLlamaGguf.ts';
import { calcTool } from '#core/world/calcTool.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { Episode } from '#lab/world/Episode.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { runEpisode } from '#lab/world/runEpisode.ts';
import { idealPolicy, solveTask } from '#lab/world/solveTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { createRandomLlamaWeights } from './createRandomLlamaWeights.ts';
import { steerSession } from './steerSession.ts';
import { characterVocabulary, tinyCharacterConfig } from './tinyCharacterModel.ts';

const vocabulary = characterVocabulary;
const config = tinyCharacterConfig(1024);
let llama: Llama;
let model: LlamaModel;
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atropos-chat-'));
  const file = path.join(folder, 'random-chat.gguf');
  const weights = createRandomLlamaWeights(config, 3);
  const chatFormat = chatFormatMetadata.compactV1;
  await saveGgufFile(file, writeLlamaGguf({ name: 'random-chat', weights, vocabulary, chatFormat }));
  llama = await getLlama({ gpu: false, build: 'never', skipDownload: true, maxThreads: 2 });
  model = await llama.loadModel({ modelPath: file });
}, 60_000);

afterAll(async () => {
  await model?.dispose();
  await llama?.dispose();
  if (folder) await rm(folder, { recursive: true, force: true });
});

/** The episodes as one conversation: the first one's system prompt and tools, then each question and turn. */
function conversation(episodes: readonly Episode[]): Transcript {
  const [first, ...rest] = episodes;
  return {
    tools: first?.transcript.tools ?? [],
    messages: [
      ...(first?.transcript.messages ?? []),
      ...rest.flatMap((episode) => episode.transcript.messages.slice(1)),
    ],
  };
}

/** Asks the episodes' questions in one session steered to write their transcripts. */
async function replay(...episodes: Episode[]) {
  const transcript = conversation(episodes);
  const target = renderTranscript(transcript).pieces.flatMap((piece) =>
    piece.kind === 'bos'
      ? [vocabulary.bosId]
      : piece.kind === 'eos'
        ? [vocabulary.eosId]
        : vocabulary.tokenize(piece.text),
  );
  const { functions: definitions } = toChatHistory(transcript);
  // One thread: on a busy 2-core machine two threads made each token 60x slower.
  const context = await model.createContext({ contextSize: 1024, threads: 1 });
  try {
    const sequence = context.getSequence();
    const chatWrapper = new AtroposChatWrapper({ tools: definitions });
    const session = new LlamaChatSession({ contextSequence: sequence, chatWrapper, systemPrompt: worldSystemPrompt });
    const calls: string[] = [];
    const calc = defineChatSessionFunction({
      description: calcTool.description,
      params: { type: 'object', properties: { expr: { type: 'string' } } } as const,
      handler: (params) => {
        calls.push(params.expr);
        return calcTool.run(params);
      },
    });
    const tokenBias = steerSession(sequence, model, vocabulary, target);
    const answers: string[] = [];
    for (const episode of episodes) {
      const options = {
        functions: { calc },
        tokenBias,
        temperature: 0,
        maxTokens: 300,
        signal: AbortSignal.timeout(30_000),
      };
      answers.push(await session.prompt(episode.task.question, options));
    }
    const history = renderTranscript(fromChatHistory(session.getChatHistory(), definitions)).text;
    // The context holds every token of the conversation but the model's last EOS (BOS and EOS included).
    return { answers, calls, history, contextTokens: [...sequence.contextTokens], expectedTokens: target.slice(0, -1) };
  } finally {
    await context.dispose();
  }
}

describe('AtroposChatWrapper in a real LlamaChatSession', () => {
  const tasks = generateWorldTasks({ seed: 7, count: 40 });

  it('runs the calls of ideal transcripts and records exactly what renderTranscript renders', async () => {
    const twoOperators = tasks.find((task) => task.operators.length === 2 && task.operators.includes('*'));
    const threeOperators = tasks.find((task) => task.operators.length === 3);
    for (const task of [twoOperators!, threeOperators!]) {
      const episode = solveTask(task);
      const text = renderTranscript(episode.transcript).text;
      const result = await replay(episode);
      expect(result.calls).toEqual(episode.steps.map((step) => step.arguments.expr));
      expect(result.answers).toEqual([String(task.answer)]);
      expect(result.history).toBe(text);
      expect(result.contextTokens).toEqual(result.expectedTokens);
    }
  });

  it('inserts a tool error as a JSON string, as renderTranscript writes it', async () => {
    const task = tasks[0]!;
    const episode = runEpisode(task, {
      name: 'divides-by-zero-first',
      decide: (_task, steps) =>
        steps.length === 0
          ? { kind: 'call', name: 'calc', arguments: { expr: '7/0' } }
          : idealPolicy.decide(task, steps.slice(1)),
    });
    const text = renderTranscript(episode.transcript).text;
    expect(text).toContain('\n[[result: "error: division by zero"]]\n');
    const result = await replay(episode);
    expect(result.calls[0]).toBe('7/0');
    expect(result.history).toBe(text);
  });

  it('closes the first turn with EOS when the next question comes, as renderTranscript does', async () => {
    const episodes = [solveTask(tasks[1]!), solveTask(tasks[2]!)];
    const text = renderTranscript(conversation(episodes)).text;
    expect(text).toContain(`${tasks[1]!.answer}</s>\nU: ${tasks[2]!.question}\nA: [[call: `);
    const result = await replay(...episodes);
    expect(result.answers).toEqual([String(tasks[1]!.answer), String(tasks[2]!.answer)]);
    expect(result.history).toBe(text);
    expect(result.contextTokens).toEqual(result.expectedTokens);
    expect(result.contextTokens.filter((token) => token === vocabulary.eosId)).toHaveLength(1);
  });
});
