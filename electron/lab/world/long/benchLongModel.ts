import type { HandoverKind } from '#core/agent/handover.ts';
import { costAt, type ModelPrice } from '#core/budget/priceTable.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { runEpisode } from '../runEpisode.ts';
import { createChainPolicy, drawSlipPlan } from './chainSolver.ts';
import { sourceRates } from './checkLongWorld.ts';
import { billedTokens } from './countTokens.ts';
import { generateLongTasks } from './generateLongTasks.ts';
import { handLongPath } from './runTakeover.ts';

/** A handover a model is measured with: the engine's kind and the note at its end. */
export type ModelArm = { readonly name: string; readonly kind: HandoverKind; readonly note: TranscriptMessage | null };

/** The engine's kinds as they are (with the handoff note), and the continuing ones. */
export const modelArms: readonly ModelArm[] = [
  { name: 'restart', kind: 'restart', note: null },
  { name: 'transcript', kind: 'transcript', note: handoffNote },
  { name: 'digest', kind: 'digest', note: handoffNote },
  { name: 'transcript/continue', kind: 'transcript', note: continueNote },
  { name: 'transcript-full/continue', kind: 'transcript-full', note: continueNote },
  // The engine's `continue` kind (the digest with the continue note), as a cloud model gets it.
  { name: 'digest/continue', kind: 'continue', note: continueNote },
];

/** Options of {@link benchLongModel}. */
export type BenchLongModelOptions = {
  /** The taker-over: the long world's fixture target, or any provider (the same note and format). */
  readonly target: ChatProvider;
  readonly seed: number;
  readonly count: number;
  readonly price: ModelPrice;
  /** Defaults to every arm of {@link modelArms}. */
  readonly arms?: readonly ModelArm[];
  /** Defaults to 0.7 (the benches'). */
  readonly temperature?: number;
  /** Defaults to 384. */
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
};

/** One arm's figures with a model as the target. */
export type ModelArmFigures = {
  readonly name: string;
  readonly success: number;
  readonly rescued: number;
  readonly rescueRate: number;
  /** Billed target tokens (in + out, see `billedTokens`) over the source's failures, per rescue. */
  readonly tokensPerRescue: number;
  readonly usdPerRescue: number;
  /** Success per dollar on every task handed over, relative to the first arm (restart). */
  readonly successPerDollarVsFirst: number;
  /** The model's own count of tokens it wrote, summed over every task. */
  readonly modelTokensOut: number;
};

/**
 * The measure on the long world for one target model: every task's scripted weak source
 * path (the tiny source model was not trained on chains) is handed over at its checkpoint by each
 * arm, and the target continues it through its provider with the real tools, within the budget the
 * handover grants, on the same sampling seed in every arm. Tokens are billed as a cloud bills them
 * (the whole transcript read per turn, bytes / 3), so every arm is priced alike; a call refused
 * beyond the budget is not in the provider's transcript and is not billed (slightly favours the
 * kinds that run out of budget).
 */
export async function benchLongModel(options: BenchLongModelOptions): Promise<{
  readonly tasks: number;
  readonly sourceSuccess: number;
  readonly arms: readonly ModelArmFigures[];
}> {
  const arms = options.arms ?? modelArms;
  const tools = createWorldTools();
  const tasks = generateLongTasks({ seed: options.seed, count: options.count });
  const tallies = arms.map(() => ({ right: 0, usd: 0, rescued: 0, failureUsd: 0, failureTokens: 0, tokensOut: 0 }));
  let sourceRight = 0;
  for (const [index, task] of tasks.entries()) {
    const plan = drawSlipPlan(task, sourceRates, createRandom((options.seed + 10_000 * index + 1) >>> 0));
    const source = runEpisode(task, createChainPolicy('source', plan), { tools });
    if (source.isCorrect) sourceRight += 1;
    for (const [armIndex, arm] of arms.entries()) {
      const handed = handLongPath(task, source, arm.kind, arm.note ?? undefined);
      const handedSteps = handed.transcript.messages.filter((message) => message.role === 'tool').length;
      const result = await options.target.continueTranscript(handed.transcript, {
        tools,
        stepBudget: handed.isFullBudget ? task.stepBudget : task.stepBudget - handedSteps,
        seed: (options.seed + 100 * index + 7) >>> 0,
        temperature: options.temperature ?? 0.7,
        maxTokens: options.maxTokens ?? 384,
        signal: options.signal,
      });
      const billed = billedTokens(result.transcript, handed.transcript.messages.length);
      const usd = costAt(options.price, billed.tokensIn, billed.tokensOut);
      const isRight = task.verify(result.answer);
      const tally = tallies[armIndex];
      if (tally === undefined) continue;
      tally.usd += usd;
      tally.tokensOut += result.tokensOut;
      if (isRight) tally.right += 1;
      if (source.isCorrect) continue;
      tally.failureUsd += usd;
      tally.failureTokens += billed.tokensIn + billed.tokensOut;
      if (isRight) tally.rescued += 1;
    }
    options.onProgress?.(index + 1, tasks.length);
  }
  const failures = tasks.length - sourceRight;
  const perDollar = (tally: { right: number; usd: number } | undefined): number =>
    tally === undefined || tally.usd === 0 ? 0 : tally.right / tally.usd;
  const first = perDollar(tallies[0]);
  return {
    tasks: tasks.length,
    sourceSuccess: sourceRight / tasks.length,
    arms: arms.map((arm, armIndex) => {
      const tally = tallies[armIndex] ?? {
        right: 0,
        usd: 0,
        rescued: 0,
        failureUsd: 0,
        failureTokens: 0,
        tokensOut: 0,
      };
      return {
        name: arm.name,
        success: tally.right / tasks.length,
        rescued: tally.rescued,
        rescueRate: failures === 0 ? 0 : tally.rescued / failures,
        tokensPerRescue: tally.rescued === 0 ? Number.POSITIVE_INFINITY : tally.failureTokens / tally.rescued,
        usdPerRescue: tally.rescued === 0 ? Number.POSITIVE_INFINITY : tally.failureUsd / tally.rescued,
        successPerDollarVsFirst: first === 0 ? 0 : perDollar(tally) / first,
        modelTokensOut: tally.tokensOut,
      };
    }),
  };
}
