import type { HandoverKind } from '#core/agent/handover.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import type { Episode } from '../Episode.ts';
import { runEpisode } from '../runEpisode.ts';
import { createChainPolicy, drawSlipPlan, soundPlan, type SlipRates } from './chainSolver.ts';
import { generateLongTasks } from './generateLongTasks.ts';
import type { LongTask } from './LongTask.ts';
import { handLongPath, readHandedCalls, runTakeover } from './runTakeover.ts';

/**
 * The continuing target's lesson on one path: `source` (a weak path) is handed over at its
 * checkpoint in `kind`'s format with the {@link continueNote}, and the sound continuation follows:
 * the check sentence, then the calls from the last sound step on, then the answer. `trainedFrom`
 * points after the note: only the continuation is the target's own writing.
 */
export function continueEpisode(task: LongTask, source: Episode, kind: HandoverKind = 'transcript-full'): Episode {
  const handed = handLongPath(task, source, kind, continueNote);
  const run = runTakeover(task, handed, 'continue', soundPlan(task));
  return {
    task,
    policy: `continue-after-${source.policy}`,
    steps: readHandedCalls(run.transcript).map((call) => ({ name: 'calc', ...call })),
    answer: run.answer,
    stoppedBy: run.answer === null ? 'budget' : 'answer',
    isCorrect: run.isCorrect,
    transcript: run.transcript,
    trainedFrom: handed.transcript.messages.length,
  };
}

/** Options of {@link generateLongEpisodes}. */
export type LongEpisodeOptions = {
  /** Seeds the tasks and every draw; the same seed gives the same corpus. */
  readonly seed: number;
  readonly count: number;
  /** Share of continuing takeovers (the rest are ideal paths from the start). Defaults to 0.6. */
  readonly continueShare?: number;
  /** Of the takeovers, the share handed as a digest (the rest as the transcript). Defaults to 0.2. */
  readonly digestShare?: number;
  /** The handed paths' slips. Defaults to the world check's weak source. */
  readonly sourceRates: SlipRates;
};

/**
 * The long world's target corpus: ideal paths (what a restart should do) and continuing takeovers
 * after weak paths (`continueEpisode`), one per task, drawn from the seed. A weak path without a
 * slip before its checkpoint still teaches: the target keeps every handed step and goes on.
 */
export function generateLongEpisodes(options: LongEpisodeOptions): Episode[] {
  const tools = createWorldTools();
  const random = createRandom((options.seed ^ 0x5eed) >>> 0);
  const continueShare = options.continueShare ?? 0.6;
  const digestShare = options.digestShare ?? 0.2;
  return generateLongTasks({ seed: options.seed, count: options.count }).map((task) => {
    const isTakeover = random() < continueShare;
    const isDigest = random() < digestShare;
    if (!isTakeover) return runEpisode(task, createChainPolicy('ideal', soundPlan(task)), { tools });
    const plan = drawSlipPlan(task, options.sourceRates, random);
    const source = runEpisode(task, createChainPolicy('weak', plan), { tools });
    return continueEpisode(task, source, isDigest ? 'continue' : 'transcript-full');
  });
}
