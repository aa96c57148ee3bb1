import { cutAfterCalls } from '#core/llm/chat/cutAfterCalls.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type { Episode } from './Episode.ts';
import { runEpisode, type RunEpisodeOptions } from './runEpisode.ts';
import { solveTask } from './solveTask.ts';
import type { EpisodeStep, WorldPolicy } from './WorldPolicy.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';

/**
 * What a stronger model should do with a hotswap: `prefix` (a weak solver) works on the task, its
 * transcript is cut after floor(budget / 2) calls as `hotswap` cuts it, the {@link handoffNote}
 * follows, and the task is solved again from scratch, ideally, in a new turn. With the default
 * slack of two calls a full redo always fits in the rest of the budget (1 operator: 1 + 1 of 3
 * calls; 2: 2 + 2 of 4; 3: 2 + 3 of 5). `trainedFrom` points after the note: only the redo is the
 * target model's own writing.
 */
export function takeoverEpisode(task: WorldTask, prefix: WorldPolicy, options: RunEpisodeOptions = {}): Episode {
  const failed = runEpisode(task, prefix, options);
  const { transcript, calls } = cutAfterCalls(failed.transcript, Math.floor(task.stepBudget / 2));
  const handedOver: Transcript = { ...transcript, messages: [...transcript.messages, handoffNote] };
  return redoAfter(task, handedOver, failed.steps.slice(0, calls), `takeover-after-${prefix.name}`, options);
}

/**
 * The ideal redo written after a handed-over transcript (ending with the {@link handoffNote}):
 * the task solved from scratch in a new turn, its call ids numbered after the `prefixSteps` calls
 * already made. `trainedFrom` points after the note, so only the redo is trained on.
 */
export function redoAfter(
  task: WorldTask,
  handedOver: Transcript,
  prefixSteps: readonly EpisodeStep[],
  policy: string,
  options: RunEpisodeOptions = {},
): Episode {
  const redo = solveTask(task, options);
  const calls = prefixSteps.length;
  // The redo's messages after its system prompt and question, call ids numbered after the prefix's.
  const renumber = (id: string): string => `call-${Number(id.slice('call-'.length)) + calls}`;
  const redoMessages = redo.transcript.messages.slice(2).map((message): TranscriptMessage => {
    if (message.role === 'assistant')
      return { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call, id: renumber(call.id) })) };
    if (message.role === 'tool') return { ...message, callId: renumber(message.callId) };
    return message;
  });
  return {
    task,
    policy,
    steps: [...prefixSteps, ...redo.steps],
    answer: redo.answer,
    stoppedBy: redo.stoppedBy,
    isCorrect: redo.isCorrect,
    transcript: { tools: handedOver.tools, messages: [...handedOver.messages, ...redoMessages] },
    trainedFrom: handedOver.messages.length,
  };
}
