import type { TaskOperator } from '#core/world/WorldTask.ts';

/**
 * A partly solved expression: the numbers still to combine and the operators between them
 * (`values.length === operators.length + 1`). Solving replaces `a op b` by the calculator's result.
 */
export type ExpressionState = { readonly values: readonly number[]; readonly operators: readonly TaskOperator[] };

/** In which order a solver combines operators: by precedence (right) or strictly left to right (a mistake). */
export type ReductionOrder = 'precedence' | 'leftToRight';

/** The index of the operator to apply next: the first `*` by precedence, else the first operator. */
export function nextOperatorIndex(state: ExpressionState, order: ReductionOrder = 'precedence'): number {
  const product = order === 'precedence' ? state.operators.indexOf('*') : -1;
  return product >= 0 ? product : 0;
}

/** The state after operator `index` was replaced by `result`. */
export function reduceAt(state: ExpressionState, index: number, result: number): ExpressionState {
  const values = [...state.values];
  const operators = [...state.operators];
  values.splice(index, 2, result);
  operators.splice(index, 1);
  return { values, operators };
}

/** The state after operator `index` and its right operand were dropped (a skipped step). */
export function dropAt(state: ExpressionState, index: number): ExpressionState {
  const values = [...state.values];
  const operators = [...state.operators];
  values.splice(index + 1, 1);
  operators.splice(index, 1);
  return { values, operators };
}

/** The calculator expression of one operation, e.g. "27*38", "-31+7" or "5-(-3)". */
export function formatOperation(left: number, operator: TaskOperator, right: number): string {
  return `${left}${operator}${right < 0 ? `(${right})` : right}`;
}

/** The value the state evaluates to (exact integer arithmetic, by precedence). */
export function evaluateState(state: ExpressionState): number {
  let current = state;
  while (current.operators.length > 0) {
    const index = nextOperatorIndex(current);
    const left = current.values[index] ?? 0;
    const right = current.values[index + 1] ?? 0;
    const operator = current.operators[index];
    current = reduceAt(
      current,
      index,
      operator === '*' ? left * right : operator === '+' ? left + right : left - right,
    );
  }
  return current.values[0] ?? 0;
}
