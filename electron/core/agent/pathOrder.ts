import type { Transcript } from '#core/llm/chat/Transcript.ts';

/**
 * How promising a path looks from its transcript alone, for selective hotswap (higher first): a
 * path loses a point for every tool result that is an error and for every call that repeats an
 * earlier one word for word (loops), and gains one for every distinct successful call. Ties keep
 * path order. A cheap, documented stand-in until a predictor scores single paths.
 */
export function pathPromise(transcript: Transcript): number {
  const seen = new Set<string>();
  const failedCalls = new Set<string>();
  for (const message of transcript.messages) {
    if (message.role === 'tool' && typeof message.result === 'string' && message.result.startsWith('error'))
      failedCalls.add(message.callId);
  }
  let score = 0;
  for (const message of transcript.messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.toolCalls) {
      const key = `${call.name}:${JSON.stringify(call.arguments)}`;
      if (failedCalls.has(call.id)) score -= 1;
      else if (seen.has(key)) score -= 1;
      else score += 1;
      seen.add(key);
    }
  }
  return score;
}

/** The indices of the `count` most promising transcripts, best first. */
export function mostPromising(transcripts: readonly Transcript[], count: number): number[] {
  return transcripts
    .map((transcript, index) => ({ index, score: pathPromise(transcript) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, Math.max(0, count))
    .map(({ index }) => index);
}
