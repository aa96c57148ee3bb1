import type { Transcript, TranscriptMessage, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { CancelledError, InvalidRequestError } from '#core/errors.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';
import type { AssistantTurn } from './AssistantTurn.ts';
import type { ContinueTranscriptOptions, ContinueTranscriptResult } from './ChatProvider.ts';

/** What one round of {@link runToolLoop} asks the provider for. */
export type TurnRequest = {
  /** The conversation so far, with the tools on offer. */
  readonly transcript: Transcript;
  /** Tokens the model may still write in this continuation. */
  readonly maxTokens: number;
  /** The path's seed plus the round, as the local loop seeds its rounds. */
  readonly seed: number;
};

/**
 * The tool loop of a provider whose model writes one assistant turn per request (the cloud APIs):
 * asks for a turn, executes its calls through `options.tools`, appends the results and asks again,
 * until the model answers, the step budget would be exceeded (that call is not executed and the
 * path ends `exhausted`) or the token budget is spent. The same contract as `continueLlamaChat`.
 * A turn that reports its request's charge adds it to the result's `costUsd`; one that says
 * `mustStop` (a dearer or unpriced model billed it) ends the loop after its own answer or calls.
 */
export async function runToolLoop(
  transcript: Transcript,
  options: ContinueTranscriptOptions,
  nextTurn: (
    request: TurnRequest,
  ) => Promise<AssistantTurn & { readonly costUsd?: number; readonly mustStop?: boolean }>,
): Promise<ContinueTranscriptResult> {
  const last = transcript.messages.at(-1);
  if (last?.role === 'assistant' && last.toolCalls.length === 0)
    throw new InvalidRequestError('The transcript already ends with an answer; add a user message to continue it.');
  const tools: readonly TranscriptTool[] = options.tools.definitions;
  const maxTokens = options.maxTokens ?? requestDefaults.maxTokens;
  const messages: TranscriptMessage[] = [...transcript.messages];
  let steps = 0;
  let tokensIn = 0;
  let tokensOut = 0;
  let answer: string | null = null;
  let billedModel: string | undefined;
  let costUsd: number | undefined;
  for (let round = 0; tokensOut < maxTokens; round += 1) {
    if (options.signal?.aborted) throw new CancelledError();
    const turn = await nextTurn({
      transcript: { tools, messages: [...messages] },
      maxTokens: maxTokens - tokensOut,
      seed: options.seed + round,
    });
    tokensIn += turn.tokensIn;
    tokensOut += turn.tokensOut;
    billedModel = turn.billedModel ?? billedModel;
    if (turn.costUsd !== undefined) costUsd = (costUsd ?? 0) + turn.costUsd;
    if (turn.finishReason !== 'toolCalls' || turn.toolCalls.length === 0) {
      // Text cut off by the token limit is left out: it would read as an answer.
      if (turn.finishReason === 'stop') {
        messages.push({ role: 'assistant', text: turn.text, toolCalls: [] });
        answer = turn.text.trim();
      }
      break;
    }
    // The call that would exceed the budget is not executed: the path ends without an answer.
    if (steps + turn.toolCalls.length > options.stepBudget) break;
    messages.push({ role: 'assistant', text: turn.text, toolCalls: turn.toolCalls });
    for (const call of turn.toolCalls) {
      if (options.signal?.aborted) throw new CancelledError();
      const result = await options.tools.call(call.name, call.arguments);
      messages.push({ role: 'tool', callId: call.id, name: call.name, result });
      steps += 1;
    }
    if (turn.mustStop === true) break;
  }
  if (options.signal?.aborted) throw new CancelledError();
  return {
    transcript: { tools, messages },
    answer,
    steps,
    tokensIn,
    tokensOut,
    status: answer === null ? 'exhausted' : 'answered',
    ...(billedModel === undefined ? {} : { billedModel }),
    ...(costUsd === undefined ? {} : { costUsd }),
  };
}
