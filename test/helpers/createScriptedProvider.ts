import type { JsonObject, Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type {
  ChatProvider,
  ContinueTranscriptOptions,
  ContinueTranscriptResult,
} from '#core/llm/providers/ChatProvider.ts';
import { CancelledError } from '#core/errors.ts';

/** What a scripted model does in one continuation: these tool calls, then this answer (null: none). */
export type ScriptedTurns = {
  readonly calls: readonly { readonly name: string; readonly arguments: JsonObject }[];
  readonly answer: string | null;
  /** Thrown instead of continuing (a cloud that fails). */
  readonly error?: Error;
};

/** Who asks: the transcript so far and the path's sampling seed (seed + path index, +1000 after a checkpoint). */
export type ScriptRequest = { readonly transcript: Transcript; readonly seed: number };

/** A scripted provider and the continuations it was asked for. */
export type ScriptedProvider = ChatProvider & { readonly requests: ScriptRequest[] };

/**
 * A fake model for the runner's unit tests: deterministic turns from `script`, no model loaded. It
 * executes its calls through the runner's real tools, honours the step budget (asking for a call
 * beyond it ends the continuation as exhausted) and the abort signal, and counts tokens as 10 per
 * message read and 5 per turn written.
 */
export function createScriptedProvider(options: {
  readonly id: string;
  readonly locality?: 'local' | 'cloud';
  readonly script: (request: ScriptRequest) => ScriptedTurns;
}): ScriptedProvider {
  const requests: ScriptRequest[] = [];
  return {
    id: options.id,
    modelName: options.id,
    locality: options.locality ?? 'local',
    requests,
    async continueTranscript(transcript, continuation: ContinueTranscriptOptions): Promise<ContinueTranscriptResult> {
      if (continuation.signal?.aborted) throw new CancelledError();
      const request = { transcript, seed: continuation.seed };
      requests.push(request);
      const turns = options.script(request);
      if (turns.error !== undefined) throw turns.error;
      const messages: TranscriptMessage[] = [...transcript.messages];
      const result = (status: 'answered' | 'exhausted', answer: string | null, steps: number) => ({
        transcript: { ...transcript, messages },
        answer,
        steps,
        tokensIn: 10 * transcript.messages.length,
        tokensOut: 5 * (steps + 1),
        status,
      });
      let steps = 0;
      for (const call of turns.calls) {
        if (steps >= continuation.stepBudget) return result('exhausted', null, steps);
        const callId = `${options.id}-${continuation.seed}-${steps}`;
        const value = await continuation.tools.call(call.name, call.arguments);
        if (continuation.signal?.aborted) throw new CancelledError();
        messages.push(
          { role: 'assistant', text: '', toolCalls: [{ id: callId, name: call.name, arguments: call.arguments }] },
          { role: 'tool', callId, name: call.name, result: value },
        );
        steps += 1;
      }
      if (turns.answer === null) return result('exhausted', null, steps);
      continuation.onToken?.(turns.answer);
      messages.push({ role: 'assistant', text: turns.answer, toolCalls: [] });
      return result('answered', turns.answer, steps);
    },
    async dispose() {},
  };
}
