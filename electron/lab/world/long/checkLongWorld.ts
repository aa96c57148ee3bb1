import type { HandoverKind } from '#core/agent/handover.ts';
import { costAt, defaultPriceTable, type ModelPrice } from '#core/budget/priceTable.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import type { TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { runEpisode } from '../runEpisode.ts';
import { createChainPolicy, drawSlipPlan, soundPrefix, type SlipPlan, type SlipRates } from './chainSolver.ts';
import { generateLongTasks } from './generateLongTasks.ts';
import type { LongTask } from './LongTask.ts';
import { checkpointCalls, handLongPath, runTakeover, type TakerBehaviour } from './runTakeover.ts';

/** The weak source's slip rates: about a third of its paths end right (the first world's single path: 0.325). */
export const sourceRates: SlipRates = { easy: 0.05, hard: 0.28 };
/** The scripted target's own slip rates, calibrated so that a restart rescues a third to a half of the source's failures. */
export const targetRates: SlipRates = { easy: 0.025, hard: 0.17 };

/** One way of handing a source path over: the engine's handover kind, the note, and what the target does with it. */
export type HandoverArm = {
  readonly name: string;
  readonly kind: HandoverKind;
  readonly behaviour: TakerBehaviour;
  readonly note?: TranscriptMessage;
};

/** The arms the world check compares: the engine's kinds with the redo target, a trusting and a continuing one. */
export const handoverArms: readonly HandoverArm[] = [
  { name: 'restart', kind: 'restart', behaviour: 'redo' },
  { name: 'transcript/redo', kind: 'transcript', behaviour: 'redo' },
  { name: 'transcript/trust', kind: 'transcript', behaviour: 'trust' },
  { name: 'transcript/continue', kind: 'transcript', behaviour: 'continue', note: continueNote },
  { name: 'transcript-full/continue', kind: 'transcript-full', behaviour: 'continue', note: continueNote },
  { name: 'digest/redo', kind: 'digest', behaviour: 'redo' },
  // The engine's `continue` kind: the digest with the continue note, the whole budget.
  { name: 'digest/continue', kind: 'continue', behaviour: 'continue' },
];

/** Options of {@link checkLongWorld}. */
export type LongWorldCheckOptions = {
  readonly seed: number;
  readonly count: number;
  /** Defaults to {@link sourceRates}. */
  readonly source?: SlipRates;
  /** Defaults to {@link targetRates}. */
  readonly target?: SlipRates;
  /** Defaults to the world target fixture's list price. */
  readonly price?: ModelPrice;
};

/** One arm's figures: on every task handed over, and on the source's failures. */
export type ArmFigures = {
  readonly name: string;
  /** Share of all tasks right when every task is handed over at its checkpoint. */
  readonly success: number;
  /** Source failures it got right, of all source failures. */
  readonly rescued: number;
  readonly rescueRate: number;
  /** Of the failures whose first slip is in the handed part (the misleading ones), the share it got right. */
  readonly rescueOfMisled: number;
  /** Target tokens (in + out) and USD over all source failures, per rescued task. */
  readonly tokensPerRescue: number;
  readonly usdPerRescue: number;
  /** Mean target tokens on a rescued task. */
  readonly tokensOnRescued: number;
  /** Mean handed calls kept as sound steps, on source failures. */
  readonly keptOnFailures: number;
  /** Rescues per dollar relative to `restart` (1 for restart itself). */
  readonly rescuePerDollarVsRestart: number;
  /** Success per dollar on every task handed over, relative to `restart`. */
  readonly successPerDollarVsRestart: number;
};

/** What the world check prints. */
export type LongWorldCheck = {
  readonly tasks: number;
  readonly meanSteps: number;
  /** Mean calls a source path made before its checkpoint. */
  readonly meanHandedCalls: number;
  /** Mean sound steps among them: the work a taker-over that checks need not redo. */
  readonly meanSoundHanded: number;
  readonly sourceSuccess: number;
  readonly sourceFailures: number;
  /** Source failures whose first slip is before the checkpoint. */
  readonly misledFailures: number;
  readonly arms: readonly ArmFigures[];
};

type Tally = {
  right: number;
  allUsd: number;
  rescued: number;
  misledRight: number;
  tokens: number;
  usd: number;
  tokensRescued: number;
  kept: number;
};
const emptyTally = (): Tally => ({
  right: 0,
  allUsd: 0,
  rescued: 0,
  misledRight: 0,
  tokens: 0,
  usd: 0,
  tokensRescued: 0,
  kept: 0,
});

/** Seeds a path's slips: one stream per task, role (1 source, 2 target) and world seed. */
function pathRandom(seed: number, task: number, role: number): () => number {
  return createRandom((seed + 10_000 * task + role) >>> 0);
}

/**
 * The long world's check over scripted policies (not the measure: no model runs): every
 * task's source path runs to its end; every path is handed over at its checkpoint by each arm and
 * the scripted target finishes it with the same slips of its own in every arm.
 */
export function checkLongWorld(options: LongWorldCheckOptions): LongWorldCheck {
  const tools = createWorldTools();
  const price = options.price ??
    defaultPriceTable['atropos-world-target'] ?? { inputPerMillion: 1, outputPerMillion: 4 };
  const tasks = generateLongTasks({ seed: options.seed, count: options.count });
  const tallies = handoverArms.map(emptyTally);
  let sourceRight = 0;
  let misled = 0;
  let handedCalls = 0;
  let soundHanded = 0;
  for (const [index, task] of tasks.entries()) {
    const sourcePlan = drawSlipPlan(task, options.source ?? sourceRates, pathRandom(options.seed, index, 1));
    const targetPlan = drawSlipPlan(task, options.target ?? targetRates, pathRandom(options.seed, index, 2));
    const source = runEpisode(task, createChainPolicy('source', sourcePlan), { tools });
    const cut = checkpointCalls(task, source);
    const sound = soundPrefix(task, source.steps.slice(0, cut));
    handedCalls += cut;
    soundHanded += sound;
    if (source.isCorrect) sourceRight += 1;
    const isMisled = !source.isCorrect && sound < cut;
    if (isMisled) misled += 1;
    for (const [armIndex, arm] of handoverArms.entries())
      tallyArm(tallies[armIndex], task, arm, { source, targetPlan, isSourceRight: source.isCorrect, isMisled, price });
  }
  const failures = tasks.length - sourceRight;
  const restart = tallies[0];
  const perDollar = (tally: Tally | undefined): number =>
    tally === undefined || tally.usd === 0 ? 0 : tally.rescued / tally.usd;
  const successPerDollar = (tally: Tally | undefined): number =>
    tally === undefined || tally.allUsd === 0 ? 0 : tally.right / tally.allUsd;
  return {
    tasks: tasks.length,
    meanSteps: tasks.reduce((sum, task) => sum + task.chain.length, 0) / tasks.length,
    meanHandedCalls: handedCalls / tasks.length,
    meanSoundHanded: soundHanded / tasks.length,
    sourceSuccess: sourceRight / tasks.length,
    sourceFailures: failures,
    misledFailures: misled,
    arms: handoverArms.map((arm, armIndex): ArmFigures => {
      const tally = tallies[armIndex] ?? emptyTally();
      return {
        name: arm.name,
        success: tally.right / tasks.length,
        rescued: tally.rescued,
        rescueRate: failures === 0 ? 0 : tally.rescued / failures,
        rescueOfMisled: misled === 0 ? 0 : tally.misledRight / misled,
        tokensPerRescue: tally.rescued === 0 ? Number.POSITIVE_INFINITY : tally.tokens / tally.rescued,
        usdPerRescue: tally.rescued === 0 ? Number.POSITIVE_INFINITY : tally.usd / tally.rescued,
        tokensOnRescued: tally.rescued === 0 ? 0 : tally.tokensRescued / tally.rescued,
        keptOnFailures: failures === 0 ? 0 : tally.kept / failures,
        rescuePerDollarVsRestart: perDollar(restart) === 0 ? 0 : perDollar(tally) / perDollar(restart),
        successPerDollarVsRestart:
          successPerDollar(restart) === 0 ? 0 : successPerDollar(tally) / successPerDollar(restart),
      };
    }),
  };
}

function tallyArm(
  tally: Tally | undefined,
  task: LongTask,
  arm: HandoverArm,
  path: {
    source: Parameters<typeof handLongPath>[1];
    targetPlan: SlipPlan;
    isSourceRight: boolean;
    isMisled: boolean;
    price: ModelPrice;
  },
): void {
  if (tally === undefined) return;
  const run = runTakeover(task, handLongPath(task, path.source, arm.kind, arm.note), arm.behaviour, path.targetPlan);
  if (run.isCorrect) tally.right += 1;
  tally.allUsd += costAt(path.price, run.tokensIn, run.tokensOut);
  if (path.isSourceRight) return;
  const tokens = run.tokensIn + run.tokensOut;
  tally.tokens += tokens;
  tally.usd += costAt(path.price, run.tokensIn, run.tokensOut);
  tally.kept += run.kept;
  if (!run.isCorrect) return;
  tally.rescued += 1;
  tally.tokensRescued += tokens;
  if (path.isMisled) tally.misledRight += 1;
}
