import { cutAfterCalls } from '#core/llm/chat/cutAfterCalls.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider, ContinueTranscriptResult } from '#core/llm/providers/ChatProvider.ts';
import { createWorldTools, type WorldTools } from '#core/world/createWorldTools.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';

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
 * everything after them (further calls, text, the answer), appends the {@link handoffNote} and lets
 * `target` finish it with the rest of the budget. The tool results carried over are the engine's
 * real ones.
 */
export async function hotswap(
  source: ModelEpisode,
  target: ChatProvider,
  options: ModelEpisodeOptions,
): Promise<ModelEpisode> {
  const { task } = source;
  const { transcript, calls } = cutAfterCalls(source.transcript, Math.floor(task.stepBudget / 2));
  const handedOver: Transcript = { ...transcript, messages: [...transcript.messages, handoffNote] };
  return await continueEpisode(target, task, handedOver, task.stepBudget - calls, options);
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
