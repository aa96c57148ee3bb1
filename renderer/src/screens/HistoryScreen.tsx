import { useState } from 'react';
import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { TaskTable } from '../components/TaskTable.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';
import {
  emptyHistoryFilter,
  HistoryFilters,
  toTaskFilter,
  type HistoryFilterDraft,
} from './history/HistoryFilters.tsx';
import { TaskDetailView } from './history/TaskDetailView.tsx';

/** Up to the last hundred tasks of the active profile; each reopens with its paths, graph, decisions and costs. */
export function HistoryScreen() {
  const [filter, setFilter] = useState<HistoryFilterDraft>(emptyHistoryFilter);
  const tasks = useInvoke('task:list', { limit: 100, ...toTaskFilter(filter) });
  const [openTaskId, setOpenTaskId] = useState<string | undefined>(undefined);
  const isFiltered = JSON.stringify(filter) !== JSON.stringify(emptyHistoryFilter);
  return (
    <ScreenFrame
      title="History"
      description="Every task of this profile, newest first (up to 100). Open one to see how it went."
      actions={<RefreshButton onRefresh={tasks.reload} isLoading={tasks.isLoading} />}
    >
      {openTaskId !== undefined ? (
        <TaskDetailView key={openTaskId} taskId={openTaskId} onClose={() => setOpenTaskId(undefined)} />
      ) : (
        <>
          <HistoryFilters value={filter} onChange={setFilter} />
          <AsyncContent state={tasks} label="the task history">
            {(list) =>
              list.length === 0 ? (
                <EmptyState title={isFiltered ? 'No task matches these filters.' : 'No task history yet.'}>
                  <p>
                    {isFiltered
                      ? 'Clear the search or widen the filters.'
                      : 'Finished tasks of this profile will be listed here.'}
                  </p>
                </EmptyState>
              ) : (
                <TaskTable tasks={list} caption="Task history" onOpen={setOpenTaskId} />
              )
            }
          </AsyncContent>
        </>
      )}
    </ScreenFrame>
  );
}
