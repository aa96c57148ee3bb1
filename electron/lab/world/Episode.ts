import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { EpisodeStep } from './WorldPolicy.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';

/** One run of a policy on a task, with the real tool results and the verdict. */
export type Episode = {
  readonly task: WorldTask;
  /** The policy's name: "ideal" or a failure kind. */
  readonly policy: string;
  readonly steps: readonly EpisodeStep[];
  /** The final answer text, or null when the step budget ran out first. */
  readonly answer: string | null;
  readonly stoppedBy: 'answer' | 'budget';
  /** The task's verifier on the answer. */
  readonly isCorrect: boolean;
  /** The conversation: system prompt, question, one assistant message per call, tool results, answer. */
  readonly transcript: Transcript;
  /**
   * For a takeover: the index of the first message the taking-over model wrote; the turns before
   * it are another model's and are not trained on (`renderTranscript`'s `trainedFrom`). Absent: 0.
   */
  readonly trainedFrom?: number;
};
