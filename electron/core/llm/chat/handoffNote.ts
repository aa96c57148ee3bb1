import type { TranscriptUserMessage } from './Transcript.ts';

/**
 * What a hotswap appends to the migrated transcript before the next model continues it: the
 * receiving model learns that the steps above were written by another (weaker) model and may be
 * wrong, instead of reading them as its own. The world's target model is trained on takeovers that
 * start with exactly this message, so changing the text is a new model version.
 */
export const handoffNote: TranscriptUserMessage = {
  role: 'user',
  text: 'Another model did the steps above and may be wrong. Solve it again and answer.',
};
