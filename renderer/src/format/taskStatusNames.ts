import type { TaskStatus } from '#shared/domain.ts';

/** A task's status as people read it in History. */
export const taskStatusNames: Record<TaskStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted (the app closed while it ran)',
};
