import { useState } from 'react';
import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { TaskTable } from '../components/TaskTable.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';
import { TaskDetailView } from './history/TaskDetailView.tsx';

/** Up to the last hundred tasks of the active profile; each reopens with its paths, graph, decisions and costs. */
export function HistoryScreen() {
  const tasks = useInvoke('task:list', { limit: 100 });
  const [openTaskId, setOpenTaskId] = useState<string | undefined>(undefined);
  return (
    <ScreenFrame
      title="History"
      description="Every task of this profile, newest first (up to 100). Open one to see how it went."
      actions={<RefreshButton onRefresh={tasks.reload} isLoading={tasks.isLoading} />}
    >
      {openTaskId !== undefined ? (
        <TaskDetailView key={openTaskId} taskId={openTaskId} onClose={() => setOpenTaskId(undefined)} />
      ) : (
        <AsyncContent state={tasks} label="the task history">
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No task history yet.">
                <p>Finished tasks of this profile will be listed here.</p>
              </EmptyState>
            ) : (
              <TaskTable tasks={list} caption="Task history" onOpen={setOpenTaskId} />
            )
          }
        </AsyncContent>
      )}
    </ScreenFrame>
  );
}
