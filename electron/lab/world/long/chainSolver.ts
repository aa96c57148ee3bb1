import type { JsonValue } from '#core/llm/chat/Transcript.ts';
import type { TaskOperator } from '#core/world/WorldTask.ts';
import type { EpisodeStep, PolicyAction, WorldPolicy } from '../WorldPolicy.ts';
import type { LongTask } from './LongTask.ts';

/**
 * How a solver goes wrong on one step of a chain, each visible in its call:
 * - `wrongOperand`: the operand is miscopied (digits swapped, off by 1 or by 10);
 * - `wrongOperator`: `+` and `-` swapped, or `*` done as `+`;
 * - `staleValue`: the step is applied to the value before the previous step's result;
 * - `skippedStep`: the step is left out (no call; the next step follows on the same value).
 * Every later step then works on the wrong value, so the slip reaches the answer.
 */
export type SlipKind = 'wrongOperand' | 'wrongOperator' | 'staleValue' | 'skippedStep';

/** One step's slip: what the solver writes instead of the sound call. */
export type Slip = { readonly kind: SlipKind; readonly operand?: number; readonly operator?: TaskOperator };

/** Per step of a chain, the slip a solver makes when it does that step, or null (it does it soundly). */
export type SlipPlan = readonly (Slip | null)[];

/** A solver's chance to slip on an easy and on a hard step (`LongTask.hard`). */
export type SlipRates = { readonly easy: number; readonly hard: number };

/**
 * Draws a solver's slips on a task, step by step from `random` (two draws per step, always, so
 * plans of the same random stream line up step for step whatever the rates).
 */
export function drawSlipPlan(task: LongTask, rates: SlipRates, random: () => number): SlipPlan {
  return task.chain.map((step, index) => {
    const slips = random() < (task.hard[index] === true ? rates.hard : rates.easy);
    const which = random();
    if (!slips) return null;
    const kinds: SlipKind[] = [
      'wrongOperand',
      'wrongOperator',
      'skippedStep',
      ...(index > 0 ? ['staleValue' as const] : []),
    ];
    const kind = kinds[Math.min(kinds.length - 1, Math.floor(which * kinds.length))] ?? 'wrongOperand';
    if (kind === 'wrongOperand') return { kind, operand: miscopy(step.operand, which) };
    if (kind === 'wrongOperator') return { kind, operator: step.operator === '+' ? '-' : '+' };
    return { kind };
  });
}

/** A miscopied operand, never the operand itself: its digits swapped, or off by 1 or by 10. */
function miscopy(operand: number, draw: number): number {
  const swapped = Number(String(operand).split('').reverse().join(''));
  if (operand >= 10 && swapped !== operand && draw < 0.5) return swapped;
  if (operand > 20 && draw < 0.75) return operand - 10;
  return operand + 1;
}

/** Where a solver is in a chain: the next step to do, the value it works on, and the value before it. */
export type ChainCursor = { readonly step: number; readonly value: number; readonly before: number };

/** The cursor at a task's start. */
export function startCursor(task: LongTask): ChainCursor {
  return { step: 0, value: task.start, before: task.start };
}

/**
 * The solver's next action from `cursor` with its slips `plan`: the (possibly slipped) call of the
 * next step it does, skipping steps its plan skips, or the value it holds as the answer once the
 * chain is done. `skipped` is the cursor the call applies to (after skipped steps).
 */
export function nextChainAction(
  task: LongTask,
  plan: SlipPlan,
  cursor: ChainCursor,
): { readonly action: PolicyAction; readonly at: ChainCursor } {
  let at = cursor;
  while (at.step < task.chain.length && plan[at.step]?.kind === 'skippedStep') at = { ...at, step: at.step + 1 };
  const step = task.chain[at.step];
  if (step === undefined) return { action: { kind: 'answer', text: String(at.value) }, at };
  const slip = plan[at.step];
  const value = slip?.kind === 'staleValue' ? at.before : at.value;
  const expr = `${value}${slip?.operator ?? step.operator}${slip?.operand ?? step.operand}`;
  return { action: { kind: 'call', name: 'calc', arguments: { expr } }, at };
}

/** The cursor after the call made at `at` returned `result` (a non-number result makes the value unusable). */
export function advanceCursor(at: ChainCursor, result: JsonValue): ChainCursor {
  return { step: at.step + 1, value: typeof result === 'number' ? result : Number.NaN, before: at.value };
}

/**
 * A scripted chain solver: one calc per step on the previous real result, with the slips of `plan`
 * (all null: the ideal path). `decide` replays its own calls from the start, so it is a pure
 * function of the task and the calls so far, as `runEpisode` needs.
 */
export function createChainPolicy(name: string, plan: SlipPlan): WorldPolicy {
  return {
    name,
    decide: (task, steps) => {
      const long = task as LongTask;
      let cursor = startCursor(long);
      for (const step of steps) cursor = advanceCursor(nextChainAction(long, plan, cursor).at, step.result);
      return nextChainAction(long, plan, cursor).action;
    },
  };
}

/** The ideal plan of a task: no slips. */
export function soundPlan(task: LongTask): SlipPlan {
  return task.chain.map(() => null);
}

/** The calls of `steps` that are the sound chain from the start, in order, up to the first that is not. */
export function soundPrefix(task: LongTask, steps: readonly Pick<EpisodeStep, 'arguments' | 'result'>[]): number {
  let sound = 0;
  let value = task.start;
  for (const step of steps) {
    const link = task.chain[sound];
    const expected = task.intermediates[sound];
    if (link === undefined || expected === undefined) break;
    const expr = step.arguments['expr'];
    if (typeof expr !== 'string' || expr.replace(/\s+/g, '') !== `${value}${link.operator}${link.operand}`) break;
    if (step.result !== expected) break;
    value = expected;
    sound += 1;
  }
  return sound;
}
