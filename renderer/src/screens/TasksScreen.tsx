import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { TaskTable } from '../components/TaskTable.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';

/** The active profile's most recent tasks. */
export function TasksScreen() {
  const tasks = useInvoke('task:list', { limit: 10 });
  return (
    <ScreenFrame
      title="Tasks"
      description="The ten most recent tasks of this profile."
      actions={<RefreshButton onRefresh={tasks.reload} isLoading={tasks.isLoading} />}
    >
      <AsyncContent state={tasks} label="the recent tasks">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No tasks yet.">
              <p>Running tasks on the local model arrives with the engine&apos;s task runner.</p>
            </EmptyState>
          ) : (
            <TaskTable tasks={list} caption="Recent tasks" />
          )
        }
      </AsyncContent>
    </ScreenFrame>
  );
}
