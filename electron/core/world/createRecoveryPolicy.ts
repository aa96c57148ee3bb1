import { idealPolicy } from './solveTask.ts';
import type { PolicyAction, WorldPolicy } from './WorldPolicy.ts';

/**
 * A solver that takes over someone else's work: for the first `prefixCalls` calls it acts as
 * `prefix` (a failing solver, as a weak model would), then it starts again from the question and
 * solves it ideally, ignoring the earlier results. This is what a stronger model has to do when a
 * hotswap hands it a transcript at the midpoint of the step budget: with the default slack of two
 * calls, a full redo always fits in the remaining budget. Pure in the steps so far, like every policy.
 */
export function createRecoveryPolicy(prefix: WorldPolicy, prefixCalls: number): WorldPolicy {
  return {
    name: `recovery-after-${prefix.name}`,
    decide(task, steps): PolicyAction {
      // Where the takeover happened: after `prefixCalls` calls, or earlier if the prefix solver
      // would have answered (a premature answer is never written).
      let takeover = 0;
      while (
        takeover < Math.min(prefixCalls, steps.length) &&
        prefix.decide(task, steps.slice(0, takeover)).kind === 'call'
      ) {
        takeover += 1;
      }
      if (takeover === steps.length && takeover < prefixCalls) {
        const action = prefix.decide(task, steps);
        if (action.kind === 'call') return action;
      }
      return idealPolicy.decide(task, steps.slice(takeover));
    },
  };
}
