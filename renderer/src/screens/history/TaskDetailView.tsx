import { useState } from 'react';
import type { TaskDetail } from '#shared/ipc/TaskDetail.ts';
import { AsyncContent } from '../../components/AsyncContent.tsx';
import { formatDateTime } from '../../format/formatDateTime.ts';
import { formatUsd } from '../../format/formatUsd.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { taskRunFromDetail } from '../../tasks/taskRunFromDetail.ts';
import { TaskRunView } from '../tasks/TaskRunView.tsx';

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
      <p className="secondary-text">
        Started {formatDateTime(detail.task.createdAt)} · status {detail.task.status} · cost{' '}
        {formatUsd(detail.task.costUsd)}
      </p>
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
          <table className="data-table">
            <caption className="visually-hidden">Charges of this task</caption>
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Provider</th>
                <th scope="col">Model</th>
                <th scope="col" className="numeric">
                  Tokens in
                </th>
                <th scope="col" className="numeric">
                  Tokens out
                </th>
                <th scope="col" className="numeric">
                  Cost
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.charges.map((charge, index) => (
                <tr key={index}>
                  <td>{charge.pathIndex === null ? '—' : charge.pathIndex + 1}</td>
                  <td>{charge.provider}</td>
                  <td>{charge.model}</td>
                  <td className="numeric">{charge.tokensIn}</td>
                  <td className="numeric">{charge.tokensOut}</td>
                  <td className="numeric">{formatUsd(charge.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
