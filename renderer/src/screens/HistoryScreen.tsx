import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { TaskTable } from '../components/TaskTable.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';

/** Up to the last hundred tasks of the active profile. */
export function HistoryScreen() {
  const tasks = useInvoke('task:list', { limit: 100 });
  return (
    <ScreenFrame
      title="History"
      description="Every task of this profile, newest first (up to 100)."
      actions={<RefreshButton onRefresh={tasks.reload} isLoading={tasks.isLoading} />}
    >
      <AsyncContent state={tasks} label="the task history">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No task history yet.">
              <p>Finished tasks of this profile will be listed here.</p>
            </EmptyState>
          ) : (
            <TaskTable tasks={list} caption="Task history" />
          )
        }
      </AsyncContent>
    </ScreenFrame>
  );
}
