import { mostPromising } from './pathOrder.ts';
import type { CheckpointDecision, CheckpointState, RunTaskOptions } from './runTaskTypes.ts';
import type { PathState, TaskRun } from './TaskRun.ts';

/** Asks the checkpoint; an escalation without a cloud provider set up becomes `continue`. */
export async function decideAt(
  run: TaskRun,
  point: NonNullable<RunTaskOptions['checkpoint']>,
  state: CheckpointState,
): Promise<CheckpointDecision> {
  const { options, decisions } = run;
  const decided = await point.decide(state);
  const isEscalation = decided.action.startsWith('escalate');
  const decision: CheckpointDecision =
    isEscalation && options.escalation === undefined
      ? {
          action: 'continue',
          explanation: {
            ...decided.explanation,
            reason: `${decided.explanation.reason} No cloud provider is set up, so the task stays local.`,
          },
        }
      : decided;
  decisions.push(decision);
  return decision;
}

/** Reports a decision and the paths it hands over. */
export function emitCheckpoint(
  run: TaskRun,
  decision: CheckpointDecision,
  migratedPaths: readonly number[],
  at: number,
): void {
  const { decisions, handover } = run;
  const { taskId, clock } = run.options;
  const { explanation } = decision;
  run.emit({
    type: 'checkpoint',
    taskId,
    checkpoint: decisions.length,
    checkpointAt: at,
    action: decision.action,
    migratedPaths,
    // What the migrated paths take along (the question alone, or their work so far).
    explanation:
      migratedPaths.length === 0 ? explanation : { ...explanation, facts: { ...explanation.facts, handover } },
    at: clock.now(),
  });
}

/** The paths (by index) an escalating decision in the parallel strategy hands over, from `paths` (the ones it decided on). */
export function chooseMigrated(decision: CheckpointDecision, paths: readonly PathState[]): number[] {
  switch (decision.action) {
    case 'escalate-parallel':
    case 'escalate-sequential':
      return paths.map((path) => path.index);
    case 'escalate-selective':
      return mostPromising(
        paths.map((path) => path.transcript),
        decision.selectCount ?? 1,
      )
        .map((position) => paths[position]?.index ?? position)
        .sort((a, b) => a - b);
    default:
      return [];
  }
}
