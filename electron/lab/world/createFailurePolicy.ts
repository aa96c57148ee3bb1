import { createReplayPolicy } from './createReplayPolicy.ts';
import { evaluateState, nextOperatorIndex, reduceAt, type ExpressionState } from './ExpressionState.ts';
import type { WorldPolicy } from './WorldPolicy.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';

/**
 * The ways the weak model's training transcripts go wrong, each visible in the transcript's
 * structure, not only in its answer:
 * - `wrongOperand`: one call copies an operand wrong (digits swapped, off by 1 or 10, or a number
 *   from another position); the call's expression contains a number that is neither in the question
 *   nor an earlier result, and the error propagates to the answer.
 * - `loop`: from some step on, the same call is repeated until the step budget runs out; no answer.
 * - `prematureAnswer`: answers before the last operator, with an intermediate result (or the first
 *   operand); fewer calls than operators.
 * - `skippedStep`: leaves one operator (with its right operand) out and finishes otherwise
 *   correctly; one call fewer than operators, a question number never used.
 * - `leftToRight`: ignores precedence; the first call is not the first product.
 */
export type FailureKind = 'wrongOperand' | 'loop' | 'prematureAnswer' | 'skippedStep' | 'leftToRight';

/** Every failure kind, in a fixed order. */
export const failureKinds: readonly FailureKind[] = [
  'wrongOperand',
  'loop',
  'prematureAnswer',
  'skippedStep',
  'leftToRight',
];

/**
 * A policy that fails `task` in the given way, its free choices (which step, which operand, which
 * slip) drawn from `random`; null when that failure cannot change this task's answer (a
 * premature answer whose every candidate equals the answer, left to right giving the same value).
 */
export function createFailurePolicy(task: WorldTask, kind: FailureKind, random: () => number): WorldPolicy | null {
  const operations = task.operators.length;
  const pick = (count: number): number => Math.min(count - 1, Math.floor(random() * count));
  const trace = traceSolution({ values: task.operands, operators: task.operators });
  switch (kind) {
    case 'wrongOperand': {
      const operation = pick(operations);
      const side = random() < 0.5 ? 'left' : 'right';
      const before = trace[operation];
      const original = before?.state.values[(before.index ?? 0) + (side === 'left' ? 0 : 1)] ?? 0;
      const value = corrupt(original, before?.state.values ?? [], random);
      return createReplayPolicy(kind, { corruption: { operation, side, value } });
    }
    case 'loop':
      return createReplayPolicy(kind, { loopOperation: pick(operations) });
    case 'skippedStep':
      return createReplayPolicy(kind, { skipOperation: pick(operations) });
    case 'prematureAnswer': {
      // After j calls the answer would be the j-th result (the first operand when j = 0).
      const candidates = trace
        .map((_entry, calls) => ({ calls, answer: calls === 0 ? task.operands[0] : trace[calls - 1]?.result }))
        .filter((candidate) => candidate.answer !== task.answer);
      const chosen = candidates[pick(candidates.length)];
      return chosen === undefined ? null : createReplayPolicy(kind, { answerAfterCalls: chosen.calls });
    }
    case 'leftToRight': {
      const value = task.operands.slice(1).reduce<number>((total, operand, position) => {
        const operator = task.operators[position];
        return operator === '*' ? total * operand : operator === '+' ? total + operand : total - operand;
      }, task.operands[0] ?? 0);
      return value === task.answer ? null : createReplayPolicy(kind, { order: 'leftToRight' });
    }
  }
}

/** The states before each operation of the ideal solution, with the operator index and the result. */
function traceSolution(start: ExpressionState): { state: ExpressionState; index: number; result: number }[] {
  const trace: { state: ExpressionState; index: number; result: number }[] = [];
  let state = start;
  while (state.operators.length > 0) {
    const index = nextOperatorIndex(state);
    const operation: ExpressionState = {
      values: state.values.slice(index, index + 2),
      operators: state.operators.slice(index, index + 1),
    };
    const result = evaluateState(operation);
    trace.push({ state, index, result });
    state = reduceAt(state, index, result);
  }
  return trace;
}

/** A plausible miscopy of `value`, never equal to it. */
function corrupt(value: number, visible: readonly number[], random: () => number): number {
  const slips: (() => number)[] = [() => value + (random() < 0.5 ? -1 : 1), () => value + (random() < 0.5 ? -10 : 10)];
  const digits = String(Math.abs(value));
  if (digits.length >= 2) {
    slips.push(() => {
      const at = Math.floor(random() * (digits.length - 1));
      const swapped = digits.slice(0, at) + (digits[at + 1] ?? '') + (digits[at] ?? '') + digits.slice(at + 2);
      return Math.sign(value) * Number(swapped);
    });
  }
  const others = visible.filter((other) => other !== value);
  if (others.length > 0) slips.push(() => others[Math.floor(random() * others.length)] ?? value + 1);
  const slipped = slips[Math.floor(random() * slips.length)]?.() ?? value + 1;
  return slipped === value ? value + 1 : slipped;
}
