import type { Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type {
  ChatProvider,
  ContinueTranscriptOptions,
  ContinueTranscriptResult,
} from '#core/llm/providers/ChatProvider.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';

/**
 * The transcript without its oldest carried turn (a question and its answer from `history`, found
 * by identity: every path's start holds the same message objects), and how many carried turns it
 * has left; null when none is left to drop.
 */
export function dropOldestTurn(
  transcript: Transcript,
  history: ReadonlySet<TranscriptMessage>,
): { transcript: Transcript; remainingTurns: number } | null {
  const carried = transcript.messages.filter((message) => history.has(message));
  if (carried.length < 2) return null;
  const dropped = new Set(carried.slice(0, 2));
  return {
    transcript: { ...transcript, messages: transcript.messages.filter((message) => !dropped.has(message)) },
    remainingTurns: Math.floor((carried.length - 2) / 2),
  };
}

/**
 * The local provider, with the second half of the stated context rule (fitConversation.ts has the
 * first): when a path's own work fills the context while it still carries earlier turns of the chat,
 * its oldest carried turn is dropped and the path goes on from where it was, with the rest of its
 * steps and tokens, until it answers, its budget ends, or no carried turn is left. `onTrimmed` is
 * told how many carried turns the path has dropped so far, so the turn can say what was left out.
 */
export function keepWithinContext(
  provider: ChatProvider,
  history: readonly TranscriptMessage[],
  onTrimmed: (droppedTurns: number) => void,
): ChatProvider {
  const carried = new Set(history);
  const initialTurns = Math.floor(history.length / 2);
  return {
    id: provider.id,
    modelName: provider.modelName,
    locality: provider.locality,
    dispose: () => provider.dispose(),
    async continueTranscript(transcript, options): Promise<ContinueTranscriptResult> {
      const allowance = options.maxTokens ?? requestDefaults.maxTokens;
      let current = transcript;
      let total = { steps: 0, tokensIn: 0, tokensOut: 0 };
      for (let attempt = 0; ; attempt += 1) {
        const leg: ContinueTranscriptOptions = {
          ...options,
          stepBudget: options.stepBudget - total.steps,
          maxTokens: allowance - total.tokensOut,
          seed: options.seed + attempt,
        };
        const result = await provider.continueTranscript(current, leg);
        total = {
          steps: total.steps + result.steps,
          tokensIn: total.tokensIn + result.tokensIn,
          tokensOut: total.tokensOut + result.tokensOut,
        };
        const merged = { ...result, ...total };
        const hasRoomToGo = total.steps < options.stepBudget && total.tokensOut < allowance;
        if (result.status !== 'exhausted' || result.isContextFull !== true || !hasRoomToGo) return merged;
        const trimmed = dropOldestTurn(result.transcript, carried);
        if (trimmed === null) return merged;
        current = trimmed.transcript;
        onTrimmed(initialTurns - trimmed.remainingTurns);
      }
    },
  };
}
