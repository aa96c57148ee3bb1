import type { FallbackReason } from '#shared/taskEvents.ts';
import { CancelledError, DeniedByPersonError, EngineError } from '#core/errors.ts';
import { handOver } from './handover.ts';
import { runLeg } from './runLeg.ts';
import type { PathState, TaskRun } from './TaskRun.ts';

/** Hands a path to the escalation provider; on failure, goes on locally (or keeps its end). */
export async function escalatePath(run: TaskRun, path: PathState, legSeed: number): Promise<void> {
  const { options, initial, handover } = run;
  const { task, taskId, clock } = options;
  const escalation = options.escalation;
  if (escalation === undefined) throw new Error('escalatePath without an escalation');
  const before = {
    transcript: path.transcript,
    steps: path.steps,
    tokensOut: path.tokensOut,
    calls: [...path.calls],
  };
  const wasAnswered = path.status === 'answered';
  const handed = handOver(handover, { initial, transcript: path.transcript, steps: path.steps });
  const previous = { status: path.status, answer: path.answer };
  path.transcript = handed.transcript;
  // A fresh allowance of tokens too (restored below if the cloud fails).
  if (handed.isFullBudget) path.tokensOut = 0;
  path.status = 'running';
  path.answer = null;
  run.emit({
    type: 'path-started',
    taskId,
    path: path.index,
    provider: escalation.provider.id,
    locality: escalation.provider.locality,
    at: clock.now(),
  });
  try {
    const stepBudget = handed.isFullBudget ? task.stepBudget : task.stepBudget - path.steps;
    await runLeg(run, path, escalation.provider, stepBudget, legSeed, escalation);
  } catch (error) {
    if (error instanceof CancelledError || options.signal?.aborted) throw error;
    const message = error instanceof EngineError ? error.message : 'The cloud provider failed unexpectedly.';
    run.emit({ type: 'fallback', taskId, path: path.index, message, reason: fallbackReason(error), at: clock.now() });
    path.transcript = before.transcript;
    path.steps = before.steps;
    path.tokensOut = before.tokensOut;
    path.calls = before.calls;
    path.provider = options.local;
    if (wasAnswered) {
      path.status = previous.status;
      path.answer = previous.answer;
    } else if (path.steps < task.stepBudget) {
      await runLeg(run, path, options.local, task.stepBudget - path.steps, legSeed + 1);
    } else {
      path.status = 'exhausted';
    }
  }
}

/** Why an escalation stayed local, from what stopped it. */
export function fallbackReason(error: unknown): FallbackReason {
  if (error instanceof DeniedByPersonError) return 'denied';
  if (!(error instanceof EngineError)) return 'provider-failed';
  if (error.code === 'budget-exceeded') return 'cap';
  return error.code === 'policy-denied' ? 'policy' : 'provider-failed';
}
