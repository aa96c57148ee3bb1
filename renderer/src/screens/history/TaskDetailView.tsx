import { useState } from 'react';
import type { TaskDetail } from '#shared/ipc/TaskDetail.ts';
import { AsyncContent } from '../../components/AsyncContent.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { taskRunFromDetail } from '../../tasks/taskRunFromDetail.ts';
import { LedgerTable } from '../budget/LedgerTable.tsx';
import { LocalRunLine } from '../tasks/LocalRunLine.tsx';
import { TaskRunView } from '../tasks/TaskRunView.tsx';
import { recordedTaskLine } from './recordedTaskLine.ts';

/** Props of TaskDetailView. */
export type TaskDetailViewProps = { readonly taskId: string; readonly onClose: () => void };

/** One recorded task reopened: its paths, graph (replayable step by step), decisions and costs. */
export function TaskDetailView({ taskId, onClose }: TaskDetailViewProps) {
  const detail = useInvoke('task:get', { taskId });
  return (
    <section className="task-detail" data-testid="task-detail" aria-label="Task detail">
      <div className="form-actions">
        <button type="button" onClick={onClose}>
          ← Back to the list
        </button>
      </div>
      <AsyncContent state={detail} label="the task">
        {(data) => <RecordedTask detail={data} />}
      </AsyncContent>
    </section>
  );
}

function RecordedTask({ detail }: { readonly detail: TaskDetail }) {
  const total = detail.paths.reduce((sum, path) => sum + path.steps.length, 0);
  const [shown, setShown] = useState(total);
  const run = taskRunFromDetail(detail, shown);
  return (
    <>
      <p className="secondary-text">{recordedTaskLine(detail.task)}</p>
      <LocalRunLine detail={detail} />
      {total > 0 && (
        <div className="form-field replay-control">
          <label htmlFor="replay-step">
            Replay: {shown} of {total} steps
          </label>
          <input
            id="replay-step"
            type="range"
            min={0}
            max={total}
            value={shown}
            onChange={(event) => setShown(Number(event.target.value))}
          />
        </div>
      )}
      <TaskRunView run={run} />
      <section className="screen-section" aria-labelledby="charges-title">
        <h2 id="charges-title">Costs</h2>
        {detail.charges.length === 0 ? (
          <p className="secondary-text">No charges were recorded.</p>
        ) : (
          <LedgerTable
            entries={detail.charges}
            caption="Charges of this task"
            first={{ title: 'Path', cell: (charge) => (charge.pathIndex === null ? '—' : charge.pathIndex + 1) }}
          />
        )}
      </section>
    </>
  );
}
