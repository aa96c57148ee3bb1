import { formatOperation, nextOperatorIndex, dropAt, reduceAt, type ReductionOrder } from './ExpressionState.ts';
import type { PolicyAction, WorldPolicy } from './WorldPolicy.ts';

/**
 * How a scripted solver deviates from the ideal one. Operations are counted from 0 in the order the
 * solver reaches them, skipped ones included. Without any field it is the ideal solver.
 */
export type ReplayPlan = {
  /** Defaults to "precedence". */
  readonly order?: ReductionOrder;
  /** This operation is dropped, with its right operand, without a call. */
  readonly skipOperation?: number;
  /** At this operation one operand is copied wrong: `value` replaces it in the call. */
  readonly corruption?: { readonly operation: number; readonly side: 'left' | 'right'; readonly value: number };
  /** This operation's call is repeated for ever (the runner stops it at the step budget). */
  readonly loopOperation?: number;
  /** Answers after this many calls with the last result (the first operand before any call). */
  readonly answerAfterCalls?: number;
};

/**
 * A solver that works like a careful person with a calculator: it applies one operator per call
 * (by precedence, left to right), substitutes the calculator's real result, and answers with the
 * last number, unless the plan makes it slip. It re-derives its position from the results so far,
 * so it is a pure function of them.
 */
export function createReplayPolicy(name: string, plan: ReplayPlan = {}): WorldPolicy {
  return {
    name,
    decide(task, steps): PolicyAction {
      let state = { values: task.operands, operators: task.operators };
      let consumed = 0;
      for (let operation = 0; ; operation += 1) {
        if (state.operators.length === 0) return answer(state.values[0]);
        if (plan.answerAfterCalls === consumed) return answer(lastResult(steps, consumed) ?? state.values[0]);
        const index = nextOperatorIndex(state, plan.order);
        if (operation === plan.skipOperation) {
          state = dropAt(state, index);
          continue;
        }
        let left = state.values[index] ?? 0;
        let right = state.values[index + 1] ?? 0;
        if (plan.corruption?.operation === operation) {
          if (plan.corruption.side === 'left') left = plan.corruption.value;
          else right = plan.corruption.value;
        }
        const call: PolicyAction = {
          kind: 'call',
          name: 'calc',
          arguments: { expr: formatOperation(left, state.operators[index] ?? '+', right) },
        };
        const step = steps[consumed];
        if (operation === plan.loopOperation || step === undefined) return call;
        if (typeof step.result !== 'number') return { kind: 'answer', text: JSON.stringify(step.result) };
        consumed += 1;
        state = reduceAt(state, index, step.result);
      }
    },
  };
}

function answer(value: number | undefined): PolicyAction {
  return { kind: 'answer', text: String(value ?? 0) };
}

function lastResult(steps: readonly { readonly result: unknown }[], consumed: number): number | undefined {
  const result = steps[consumed - 1]?.result;
  return typeof result === 'number' ? result : undefined;
}
