import type { Transcript, TranscriptMessage } from './Transcript.ts';

/**
 * The transcript up to and including the result of its `limit`-th tool call, and how many calls it
 * kept (fewer if the transcript has fewer). Everything after is dropped: further calls, text, an
 * answer. Text before a kept call stays with it; an assistant message without a kept call (an
 * answer) is dropped, so the cut transcript never ends with an answer.
 */
export function cutAfterCalls(transcript: Transcript, limit: number): { transcript: Transcript; calls: number } {
  const kept: TranscriptMessage[] = [];
  const keptIds = new Set<string>();
  let calls = 0;
  for (const message of transcript.messages) {
    if (message.role === 'system' || message.role === 'user') {
      kept.push(message);
    } else if (message.role === 'assistant') {
      if (calls >= limit) break;
      const toolCalls = message.toolCalls.slice(0, limit - calls);
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
