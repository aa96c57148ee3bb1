import { describeOutcome } from '../../tasks/describeOutcome.ts';
import type { TaskRunState } from '../../tasks/taskRunState.ts';
import { CheckpointDecisions } from './CheckpointDecisions.tsx';
import { FinalAnswer } from './FinalAnswer.tsx';
import { FlowGraphView } from './FlowGraphView.tsx';
import { PathLanes } from './PathLanes.tsx';
import { SuccessChanceChart } from './SuccessChanceChart.tsx';

/** Props of TaskRunView. */
export type TaskRunViewProps = { readonly run: TaskRunState };

/** A task's lanes, its flow graph, its checkpoint decisions and its answer: live or replayed from the history. */
export function TaskRunView({ run }: TaskRunViewProps) {
  if (run.lanes.length === 0 && run.prompt === null) return null;
  return (
    <div className="task-run-view">
      {run.prompt !== null && (
        <p className="task-prompt">
          <span className="secondary-text">Task </span>
          <q>{run.prompt}</q>
          {run.strategy !== null && (
            <span className="secondary-text">
              {' '}
              · {run.pathCount} paths, {run.strategy}
            </span>
          )}
        </p>
      )}
      <div className="task-run-grid">
        <section className="screen-section" aria-labelledby="lanes-title">
          <h2 id="lanes-title">Paths</h2>
          <PathLanes lanes={run.lanes} pathCount={run.pathCount} />
        </section>
        <section className="screen-section" aria-labelledby="graph-title">
          <h2 id="graph-title">Flow graph</h2>
          <FlowGraphView lanes={run.lanes} />
        </section>
      </div>
      <SuccessChanceChart predictions={run.predictions} checkpoints={run.checkpoints} />
      <CheckpointDecisions
        lanes={run.lanes}
        decisions={run.checkpoints.map((checkpoint) => ({
          checkpoint: checkpoint.checkpoint,
          where:
            checkpoint.checkpointAt === undefined
              ? null
              : run.strategy === 'parallel'
                ? `${checkpoint.checkpointAt} step${checkpoint.checkpointAt === 1 ? '' : 's'} per path`
                : `${checkpoint.checkpointAt} complete path${checkpoint.checkpointAt === 1 ? '' : 's'}`,
          action: checkpoint.action,
          migratedPaths: checkpoint.migratedPaths,
          explanation: checkpoint.explanation,
        }))}
      />
      {run.finish !== null && (
        <FinalAnswer
          answer={run.finish.answer}
          outcome={describeOutcome(run.finish, run.vote?.tally ?? [])}
          isLowConfidence={run.finish.isLowConfidence}
          costUsd={run.finish.costUsd}
          tally={run.vote?.tally ?? []}
        />
      )}
    </div>
  );
}
