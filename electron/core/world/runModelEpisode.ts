import type { Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider, ContinueTranscriptResult } from '#core/llm/providers/ChatProvider.ts';
import { createWorldTools, type WorldTools } from './createWorldTools.ts';
import type { WorldTask } from './WorldTask.ts';
import { worldSystemPrompt } from './worldSystemPrompt.ts';

/** Options of {@link runModelEpisode} and {@link hotswap}. */
export type ModelEpisodeOptions = {
  /** The path's sampling seed. */
  readonly seed: number;
  /** Defaults to the provider's (0.7 for the local one). */
  readonly temperature?: number;
  /** Defaults to the provider's (256 for the local one). */
  readonly maxTokens?: number;
  /** Defaults to `createWorldTools()` (the calculator). */
  readonly tools?: WorldTools;
  readonly signal?: AbortSignal;
};

/** One path of a model on a world task, verified. */
export type ModelEpisode = ContinueTranscriptResult & {
  readonly task: WorldTask;
  /** The provider that wrote the (last part of the) path. */
  readonly providerId: string;
  /** The task's verifier on the answer (an exhausted path fails). */
  readonly isCorrect: boolean;
};

/** Runs one task on a provider from a fresh transcript (the world's system prompt and the question). */
export async function runModelEpisode(
  provider: ChatProvider,
  task: WorldTask,
  options: ModelEpisodeOptions,
): Promise<ModelEpisode> {
  const tools = options.tools ?? createWorldTools();
  const transcript: Transcript = {
    tools: tools.definitions,
    messages: [
      { role: 'system', text: worldSystemPrompt },
      { role: 'user', text: task.question },
    ],
  };
  return await continueEpisode(provider, task, transcript, task.stepBudget, options);
}

/**
 * Hands a path over at the midpoint of the step budget: keeps the source transcript's first
 * floor(budget / 2) tool calls with their results (fewer if the source made fewer), drops
 * everything after them (further calls, text, the answer), and lets `target` finish it with the
 * rest of the budget. The tool results carried over are the engine's real ones.
 */
export async function hotswap(
  source: ModelEpisode,
  target: ChatProvider,
  options: ModelEpisodeOptions,
): Promise<ModelEpisode> {
  const { task } = source;
  const { transcript, calls } = cutAfterCalls(source.transcript, Math.floor(task.stepBudget / 2));
  return await continueEpisode(target, task, transcript, task.stepBudget - calls, options);
}

async function continueEpisode(
  provider: ChatProvider,
  task: WorldTask,
  transcript: Transcript,
  stepBudget: number,
  options: ModelEpisodeOptions,
): Promise<ModelEpisode> {
  const result = await provider.continueTranscript(transcript, {
    tools: options.tools ?? createWorldTools(),
    stepBudget,
    seed: options.seed,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    signal: options.signal,
  });
  return { ...result, task, providerId: provider.id, isCorrect: task.verify(result.answer) };
}

/** The transcript up to and including the result of its `limit`-th tool call, and how many calls it kept. */
function cutAfterCalls(transcript: Transcript, limit: number): { transcript: Transcript; calls: number } {
  const kept: TranscriptMessage[] = [];
  const keptIds = new Set<string>();
  let calls = 0;
  for (const message of transcript.messages) {
    if (message.role === 'system' || message.role === 'user') {
      kept.push(message);
    } else if (message.role === 'assistant') {
      if (calls >= limit) break;
      const toolCalls = message.toolCalls.slice(0, limit - calls);
      // Text before the first kept call is kept only with a call: an answer alone is dropped.
      if (toolCalls.length === 0) break;
      kept.push({ ...message, toolCalls });
      for (const call of toolCalls) keptIds.add(call.id);
      calls += toolCalls.length;
    } else if (keptIds.has(message.callId)) {
      kept.push(message);
    }
  }
  return { transcript: { tools: transcript.tools, messages: kept }, calls };
}
