import { cutAfterCalls } from '#core/llm/chat/cutAfterCalls.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type { Episode } from './Episode.ts';
import { runEpisode, type RunEpisodeOptions } from './runEpisode.ts';
import { solveTask } from './solveTask.ts';
import type { WorldPolicy } from './WorldPolicy.ts';
import type { WorldTask } from './WorldTask.ts';

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
  const redo = solveTask(task, options);
  // The redo's messages after its system prompt and question, call ids numbered after the prefix's.
  const renumber = (id: string): string => `call-${Number(id.slice('call-'.length)) + calls}`;
  const redoMessages = redo.transcript.messages.slice(2).map((message): TranscriptMessage => {
    if (message.role === 'assistant')
      return { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call, id: renumber(call.id) })) };
    if (message.role === 'tool') return { ...message, callId: renumber(message.callId) };
    return message;
  });
  const messages = [...transcript.messages, handoffNote, ...redoMessages];
  return {
    task,
    policy: `takeover-after-${prefix.name}`,
    steps: [...failed.steps.slice(0, calls), ...redo.steps],
    answer: redo.answer,
    stoppedBy: redo.stoppedBy,
    isCorrect: redo.isCorrect,
    transcript: { tools: transcript.tools, messages },
    trainedFrom: transcript.messages.length + 1,
  };
}
