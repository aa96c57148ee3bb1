import { useState } from 'react';
import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { StatusMessage } from '../components/StatusMessage.tsx';
import { TaskTable } from '../components/TaskTable.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';
import { useInvokeAction } from '../ipc/useInvokeAction.ts';
import { emptyTaskRun } from '../tasks/taskRunState.ts';
import { useTaskRuns } from '../tasks/useTaskRuns.ts';
import { TaskForm, type TaskStartRequest } from './tasks/TaskForm.tsx';
import { TaskRunView } from './tasks/TaskRunView.tsx';

/** Runs a task on the local model and shows it as it thinks: lanes, graph, checkpoint and answer. */
export function TasksScreen() {
  const { runs, focusedTaskId, store } = useTaskRuns();
  const start = useInvokeAction('task:start');
  const cancel = useInvokeAction('task:cancel');
  const [lastRequest, setLastRequest] = useState<TaskStartRequest | undefined>(undefined);
  const run = focusedTaskId === null ? undefined : (runs.get(focusedTaskId) ?? emptyTaskRun(focusedTaskId));
  const isRunning = run?.phase === 'running';
  // Reload the recent list whenever a task of this page ends.
  const finishedCount = [...runs.values()].filter((entry) => entry.phase !== 'running').length;

  function runTask(request: TaskStartRequest): void {
    setLastRequest(request);
    void start.run(request).then((result) => {
      if (result.ok) store.focus(result.value.taskId);
    });
  }

  return (
    <ScreenFrame title="Tasks" description="Ask a question; the local model answers it on several paths and they vote.">
      <TaskForm
        isRunning={isRunning}
        isStarting={start.isRunning}
        onRun={runTask}
        onCancel={() => {
          if (focusedTaskId !== null) void cancel.run({ taskId: focusedTaskId });
        }}
      />
      {start.error !== undefined && <ErrorMessage error={start.error} title="Could not start the task." />}
      {cancel.error !== undefined && <ErrorMessage error={cancel.error} title="Could not cancel the task." />}
      {run !== undefined && (
        <div className="task-run" data-testid="task-run" data-phase={run.phase} aria-live="polite">
          {run.phase === 'running' && (
            <p className="loading" role="status">
              {run.lanes.length === 0 ? 'Loading the local model…' : 'Running…'}
            </p>
          )}
          {run.phase === 'cancelled' && <StatusMessage>Cancelled. Nothing more runs for this task.</StatusMessage>}
          {run.phase === 'failed' && run.error !== null && (
            <ErrorMessage
              error={run.error}
              title="The task failed."
              onRetry={lastRequest === undefined ? undefined : () => runTask(lastRequest)}
            />
          )}
          <TaskRunView run={run} />
        </div>
      )}
      <RecentTasks key={finishedCount} />
    </ScreenFrame>
  );
}

/** The ten newest tasks; keyed by the count of finished runs, so it reloads when one ends. */
function RecentTasks() {
  const recent = useInvoke('task:list', { limit: 10 });
  return (
    <section className="screen-section" aria-labelledby="recent-tasks-title">
      <h2 id="recent-tasks-title">Recent tasks</h2>
      <AsyncContent state={recent} label="the recent tasks">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No tasks yet.">
              <p>Type a question above (or a world task number) and press Run.</p>
            </EmptyState>
          ) : (
            <TaskTable tasks={list} caption="Recent tasks" />
          )
        }
      </AsyncContent>
    </section>
  );
}
