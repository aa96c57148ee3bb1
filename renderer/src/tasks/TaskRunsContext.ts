import { createContext } from 'react';
import type { TaskRunStore } from './TaskRunStore.ts';

/** Carries the page's one TaskRunStore from the app shell to the screens; null outside it. */
export const TaskRunsContext = createContext<TaskRunStore | null>(null);
