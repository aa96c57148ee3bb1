import type { TaskDetail, TaskLocalRun } from '#shared/ipc/TaskDetail.ts';

const gpuNames: Record<Exclude<TaskLocalRun['backend'], 'cpu'>, string> = {
  cuda: 'CUDA',
  vulkan: 'Vulkan',
  metal: 'Metal',
};

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** Where the model ran: the CPU and why, or the GPU and how many of its layers it took. */
function describeDevice(run: TaskLocalRun): string {
  if (run.backend === 'cpu') {
    if (run.requested === 'cpu') return 'on the CPU, as Settings ask';
    if (run.fallbackReason === null) return 'on the CPU';
    return run.requested === 'auto'
      ? 'on the CPU (no GPU found)'
      : `on the CPU (the ${gpuNames[run.requested]} backend could not load)`;
  }
  const through = `on the GPU through ${gpuNames[run.backend]}`;
  if (run.gpuLayers >= run.totalLayers) return `${through}, all ${run.totalLayers} layers on the GPU`;
  return `${through}, ${run.gpuLayers} of ${run.totalLayers} layers on the GPU and the rest on the CPU`;
}

/**
 * What a task's local paths ran on, in one sentence: "Ran locally on the CPU (no GPU found), 5 paths
 * each in its own llama context on 1 thread." `localPaths`: how many paths started on the local model.
 */
export function describeLocalRun(run: TaskLocalRun, localPaths: number): string {
  const threads = plural(run.pathMode.threadsPerPath, 'thread', 'threads');
  const paths =
    localPaths === 1
      ? `1 path in a llama context of its own on ${threads}`
      : `${localPaths} paths each in a llama context of its own on ${threads}`;
  return `Ran locally ${describeDevice(run)}, ${paths}.`;
}

/**
 * The recorded task's local run as a line of its details; nothing for a task recorded before this
 * was kept, or one whose paths all ran on a cloud model. A path counts as local when it started on
 * the local model, or was meant for a cloud but no request of it left (it stayed local, as its lane says).
 */
export function LocalRunLine({ detail }: { readonly detail: TaskDetail }) {
  const run = detail.task.localRun;
  const localPaths = detail.paths.filter((path) => path.provider.startsWith('local:') || !path.ranOnCloud).length;
  if (run === null || localPaths === 0) return null;
  return (
    <p
      className="secondary-text"
      data-testid="local-run"
      data-backend={run.backend}
      data-gpu-layers={run.gpuLayers}
      title={run.fallbackReason ?? undefined}
    >
      {describeLocalRun(run, localPaths)}
    </p>
  );
}
