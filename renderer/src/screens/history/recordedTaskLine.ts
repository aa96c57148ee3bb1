import type { TaskDetail } from '#shared/ipc/TaskDetail.ts';
import { formatDateTime } from '../../format/formatDateTime.ts';
import { formatUsd } from '../../format/formatUsd.ts';
import { taskStatusNames } from '../../format/taskStatusNames.ts';

/** The detail's first line: when the task started, its status as History names it, and its cost. */
export function recordedTaskLine(task: Pick<TaskDetail['task'], 'createdAt' | 'status' | 'costUsd'>): string {
  return `Started ${formatDateTime(task.createdAt)} · ${taskStatusNames[task.status]} · Cost ${formatUsd(task.costUsd)}`;
}
