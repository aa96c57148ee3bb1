import type { TaskStatus } from '#shared/domain.ts';
import type { TaskLocalRun } from '#shared/ipc/TaskDetail.ts';
import type { ProfileRecord } from '#core/db/ProfileStore.ts';
import type { TaskStore } from '#core/db/TaskStore.ts';
import type { LlamaBackendHolder } from '#core/llm/providers/LlamaBackendHolder.ts';
import type { WarmModelLease, WarmModels } from '#core/llm/providers/WarmModels.ts';
import { LocalLlamaProvider, type LocalModelInfo } from '#core/llm/providers/LocalLlamaProvider.ts';
import type { EnginePorts } from '#core/ports.ts';

/**
 * The part of runEngineTask's context a task's start needs (spelled out here rather than imported,
 * so this module and runEngineTask do not import each other).
 */
type EngineTaskContext = {
  readonly ports: EnginePorts;
  readonly tasks: TaskStore;
  readonly profile: ProfileRecord;
  readonly llama?: LlamaBackendHolder;
  readonly models?: WarmModels;
};

/**
 * The task's local model: a lease on the warm model, or (no warm model) its own, loaded for it and
 * freed at its end. A load that is cancelled or fails records the task as such (`recordUnstartedTask`).
 */
export async function acquireTaskModel(
  context: Pick<EngineTaskContext, 'models' | 'llama' | 'ports' | 'tasks' | 'profile'>,
  modelPath: string,
  task: UnstartedTask,
  signal: AbortSignal | undefined,
): Promise<WarmModelLease> {
  try {
    return await loadModel(context, modelPath, signal);
  } catch (error) {
    recordUnstartedTask(context, task, signal);
    throw error;
  }
}

async function loadModel(
  context: Pick<EngineTaskContext, 'models' | 'llama' | 'ports'>,
  modelPath: string,
  signal: AbortSignal | undefined,
): Promise<WarmModelLease> {
  if (context.models !== undefined) return await context.models.acquire(modelPath, signal);
  const provider = await LocalLlamaProvider.load({
    backend: await context.llama?.get(),
    modelPath,
    cores: context.ports.host.cores,
    logger: context.ports.logger,
    signal,
  });
  return { provider, wasWarm: false, release: async () => await provider.dispose() };
}

/**
 * What a task's local paths run on, from the provider's report as the task starts (`info`): the
 * backend node-llama-cpp opened, the layers the loaded model offloaded, and how its paths' contexts are made.
 */
export function localRunOf(info: LocalModelInfo): TaskLocalRun {
  return {
    backend: info.backend,
    requested: info.requested,
    gpuLayers: info.gpuLayers,
    totalLayers: info.totalLayers,
    fallbackReason: info.fallbackReason,
    pathMode: info.pathMode,
  };
}

/** A task as it is recorded when it ends before its paths start. */
export type UnstartedTask = {
  readonly id: string;
  readonly prompt: string;
  readonly strategy: 'parallel' | 'sequential';
  readonly startedAt: number;
};

/**
 * Records a task that ended before its paths started (cancelled, when `signal` is aborted, or failed
 * while its model loaded, so runTask never announced it): a chat turn reads its status from this
 * record, and without it the turn would show as running for good. Nothing happens when the task was
 * recorded already.
 */
export function recordUnstartedTask(
  context: Pick<EngineTaskContext, 'tasks' | 'profile' | 'ports'>,
  task: UnstartedTask,
  signal: AbortSignal | undefined,
): void {
  if (context.tasks.statusOf(task.id) !== null) return;
  const { id, prompt, strategy, startedAt } = task;
  const status: Exclude<TaskStatus, 'running'> = signal?.aborted === true ? 'cancelled' : 'failed';
  context.tasks.insertTask({ id, profileId: context.profile.id, prompt, createdAt: startedAt, strategy });
  context.tasks.finishTask(id, status, null, context.ports.clock.now());
}
