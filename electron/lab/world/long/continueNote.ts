import type { TranscriptUserMessage } from '#core/llm/chat/Transcript.ts';

/**
 * The note a continuing handover appends instead of the engine's `handoffNote` ("... Solve it again
 * and answer."): the taker-over checks each handed step against the question and the previous sound
 * result, keeps the sound ones and goes on from the last of them. The same text for the long world's
 * fixture target (trained on it) and for any cloud model; changing it is a new model version.
 */
export const continueNote: TranscriptUserMessage = {
  role: 'user',
  text: 'Another model did the steps above and may be wrong. Check each step, keep the sound ones and go on from the last sound one.',
};

/** What a continuing taker-over writes before its first call: how many handed steps it kept. */
export function checkedText(sound: number, handed: number): string {
  return `Checked: ${sound} of ${handed} steps sound.`;
}
