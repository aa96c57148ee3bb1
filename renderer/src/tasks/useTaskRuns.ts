import { use, useSyncExternalStore } from 'react';
import { TaskRunsContext } from './TaskRunsContext.ts';
import type { TaskRunsSnapshot, TaskRunStore } from './TaskRunStore.ts';

/** The page's task runs and open questions, re-rendering when they change. */
export function useTaskRuns(): TaskRunsSnapshot & { readonly store: TaskRunStore } {
  const store = use(TaskRunsContext);
  if (store === null) {
    throw new Error('useTaskRuns needs a TaskRunsContext provider above it.');
  }
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { ...snapshot, store };
}
