import { evaluateExpression } from './evaluateExpression.ts';
import type { WorldTool } from './WorldTool.ts';

/**
 * The calculator: `calc({"expr": "27*38"})` returns the number `1026`; a refused expression or bad
 * arguments return a string such as `"error: division by zero"`. The expression is parsed by
 * `evaluateExpression`, never executed as code.
 */
export const calcTool: WorldTool = {
  name: 'calc',
  description: 'integer arithmetic',
  parameters: { type: 'object', properties: { expr: { type: 'string' } } },
  run(args) {
    const expression =
      typeof args === 'object' && args !== null && !Array.isArray(args) ? (args as { expr?: unknown }).expr : undefined;
    if (typeof expression !== 'string') return 'error: expected {"expr": "<expression>"}';
    const result = evaluateExpression(expression);
    return result.ok ? result.value : `error: ${result.error}`;
  },
};
