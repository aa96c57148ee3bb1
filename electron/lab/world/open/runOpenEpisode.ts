import { cutAfterCalls } from '#core/llm/chat/cutAfterCalls.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider, ContinueTranscriptResult } from '#core/llm/providers/ChatProvider.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { openSystemPrompt } from './openEpisodes.ts';
import type { OpenTask } from './openTasks.ts';

/** Sampling of one path (as `bench world` samples: the provider's engine path, a seed per path). */
export type OpenEpisodeOptions = {
  readonly seed: number;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly signal?: AbortSignal;
};

/** One model path on an open task, checked. */
export type OpenModelEpisode = ContinueTranscriptResult & { readonly task: OpenTask; readonly isCorrect: boolean };

/** Runs an open task on a provider from a fresh transcript (the open world's system prompt and the question). */
export async function runOpenEpisode(
  provider: ChatProvider,
  task: OpenTask,
  options: OpenEpisodeOptions,
): Promise<OpenModelEpisode> {
  const transcript: Transcript = {
    tools: createWorldTools().definitions,
    messages: [
      { role: 'system', text: openSystemPrompt },
      { role: 'user', text: task.question },
    ],
  };
  return await continueOpen(provider, task, transcript, task.stepBudget, options);
}

/**
 * The hotswap of `bench world` on an open path: the source transcript's first floor(budget / 2)
 * calls with their results, the handoff note, and `target` finishing with the rest of the budget.
 */
export async function hotswapOpen(
  source: OpenModelEpisode,
  target: ChatProvider,
  options: OpenEpisodeOptions,
): Promise<OpenModelEpisode> {
  const { task } = source;
  const { transcript, calls } = cutAfterCalls(source.transcript, Math.floor(task.stepBudget / 2));
  const handedOver: Transcript = { ...transcript, messages: [...transcript.messages, handoffNote] };
  return await continueOpen(target, task, handedOver, task.stepBudget - calls, options);
}

async function continueOpen(
  provider: ChatProvider,
  task: OpenTask,
  transcript: Transcript,
  stepBudget: number,
  options: OpenEpisodeOptions,
): Promise<OpenModelEpisode> {
  const result = await provider.continueTranscript(transcript, {
    tools: createWorldTools(),
    stepBudget,
    seed: options.seed,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    signal: options.signal,
  });
  return { ...result, task, isCorrect: task.verify(result.answer) };
}
