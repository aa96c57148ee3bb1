import type { TranscriptUserMessage } from './Transcript.ts';

/**
 * What the `continue` handover appends after the handed steps, instead of the {@link handoffNote}'s
 * "Solve it again": the receiving model checks each handed step against the question and the
 * previous sound result, keeps the sound ones and goes on from the last of them, rather than
 * starting over or trusting them blindly. The same text for any cloud model and for the long world's
 * fixture target (trained on takeovers that start with exactly this message), so changing it is a
 * new model version.
 */
export const continueNote: TranscriptUserMessage = {
  role: 'user',
  text: 'Another model did the steps above and may be wrong. Check each step, keep the sound ones and go on from the last sound one.',
};
