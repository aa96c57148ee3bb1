import type { TaskFilter, TaskSummary } from '#shared/domain.ts';
import type { EgressDecision, EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import type { TaskDetail } from '#shared/ipc/TaskDetail.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { TaskRequest } from '#shared/taskRequest.ts';
import { createPricing } from '#core/budget/priceTable.ts';
import { TaskDetailStore } from '#core/db/TaskDetailStore.ts';
import type { EgressApproval, EgressApprovalRequest } from '#core/egress/createCloudEscalation.ts';
import { NotFoundError } from '#core/errors.ts';
import { LlamaBackendHolder } from '#core/llm/providers/LlamaBackendHolder.ts';
import { cloudLimitsOf } from '#core/llm/providers/ResponseWatchdog.ts';
import { readRedactionSettings } from '#core/privacy/redactionSettings.ts';
import { readDefaultCloudProvider, resolveCloudProvider } from '#core/settings/cloudProviders.ts';
import { readSettings } from '#core/settings/readSettings.ts';
import { HistoryPredictors } from '#core/tasks/HistoryPredictors.ts';
import {
  checkTaskRequest,
  runEngineTask,
  type EngineTaskOptions,
  type EngineTaskResult,
} from '#core/tasks/runEngineTask.ts';
import { TaskSessions } from '#core/tasks/TaskSessions.ts';
import { WarmModels } from '#core/llm/providers/WarmModels.ts';
import type { WarmModelStatus } from '#shared/ipc/WarmModel.ts';
import type { DomainContext, Page } from './EngineContext.ts';
import { stripUndefined, type HandlerSlice } from './IpcHandlers.ts';

/** How a caller follows and steers one task. */
export type RunTaskOptions = {
  /** The task's id when the caller chose it. Defaults to a new id. */
  taskId?: string;
  onEvent?: (event: TaskEvent) => void;
  ask?: (request: EgressApprovalRequest) => Promise<EgressApproval>;
  signal?: AbortSignal;
  /** A chat follow-up's earlier turns (see EngineTaskOptions.conversation). Defaults to none. */
  conversation?: EngineTaskOptions['conversation'];
};

/** The engine's tasks: running one, the ones started over IPC, and the recorded ones. */
export type TasksApi = {
  listTasks(page: Page & TaskFilter): TaskSummary[];
  /**
   * Runs a task end to end for the active profile (local paths, checkpoint, escalation through the
   * egress gate) and records it; `onEvent` streams its progress.
   */
  runTask(request: TaskRequest, options?: RunTaskOptions): Promise<EngineTaskResult>;
  /**
   * Starts `runTask` in the background and returns its id at once; its events go out on
   * `task:event` and its questions on `egress:approval-request`.
   */
  startTask(request: TaskRequest, options?: Pick<RunTaskOptions, 'conversation'>): { taskId: string };
  /** Aborts a task started by `startTask`, quietly; false when it was not running. */
  cancelTask(taskId: string): boolean;
  /** Answers an `egress:approval-request`; false when the question was no longer open. */
  answerEgress(requestId: string, decision: EgressDecision): boolean;
  /** The questions still waiting for an answer: a reloaded window asks for them. */
  listPendingApprovals(): EgressPrompt[];
  /** A recorded task of the active profile, whole. */
  getTask(taskId: string): TaskDetail;
  /** The local model kept loaded across tasks, and how many loads there were. */
  getWarmModel(): WarmModelStatus;
  /** Frees the warm model now (tasks running on it keep it until they end). */
  unloadModel(): Promise<void>;
};

/** What the tasks domain needs from the models domain. */
export type TasksDomainOptions = {
  /** The GGUF tasks run on when they name none, or null for the bundled source fixture. */
  readonly localSource: () => string | null;
  /** Refuses a model file a task names over IPC that the Models screen does not list as usable. */
  readonly checkListedModel: (file: string) => Promise<void>;
};

/** The tasks domain: its part of the facade, its IPC handlers, and `sessions` for the engine's dispose. */
export function createTasksDomain(context: DomainContext, options: TasksDomainOptions) {
  const { ports, settings, activeRecord } = context;
  const taskDetails = new TaskDetailStore(context.history.source);
  // Each task builds its own model from the cached checkpoint and disposes it when it ends.
  const predictors = new HistoryPredictors(ports.paths.dataDir, ports.logger);
  // The app's one llama backend, opened by the first task with the GPU setting then in force.
  const llama = new LlamaBackendHolder(() => ({
    gpu: readSettings(settings).localGpu,
    cores: ports.host.cores,
    logger: ports.logger,
  }));
  // The local model stays loaded across tasks and chat turns (Settings: idle minutes, memory limit).
  const models = new WarmModels({
    backend: llama,
    idleMinutes: () => readSettings(settings).localModelIdleMinutes,
    memoryLimitMegabytes: () => readSettings(settings).localModelMemoryLimitMegabytes,
    cores: ports.host.cores,
    logger: ports.logger,
    onStatus: (payload) => context.emit({ channel: 'model:warm-status', payload }),
  });
  const sessions = new TaskSessions({
    newId: ports.newId,
    clock: ports.clock,
    logger: ports.logger,
    onUpdate: (payload) => context.emit({ channel: 'task:event', payload }),
    onApprovalRequest: (payload) => context.emit({ channel: 'egress:approval-request', payload }),
  });

  /** The chosen local source model is the default `localModel` of every task. */
  function withLocalSource(request: TaskRequest): TaskRequest {
    const source = options.localSource();
    return request.localModel !== undefined || source === null ? request : { ...request, localModel: source };
  }

  /** Runs a request whose cloud provider is already resolved (its key read once, by the caller). */
  async function runTask(
    { cloudRequest, pricing }: TaskCloud,
    taskOptions: RunTaskOptions = {},
  ): Promise<EngineTaskResult> {
    const current = readSettings(settings);
    const profile = activeRecord();
    const request = withLocalSource(cloudRequest);
    return await runEngineTask(
      {
        ports,
        db: context.db,
        tasks: context.tasks,
        gate: context.gate,
        budget: context.budget,
        pricing,
        profile,
        // A task keeps its profile; the mode is read again whenever a request would leave.
        privacyModeNow: () => context.profiles.get(profile.id)?.privacyMode ?? 'local-only',
        redaction: {
          ...readRedactionSettings(settings, activeRecord().id),
          knownTexts: taskOptions.conversation?.earlierTexts ?? [],
        },
        defaults: {
          paths: current.pathsPerTask,
          stepBudget: current.stepBudget,
          endUnlikelyPathsEarly: current.endUnlikelyPathsEarly,
        },
        cloudLimits: cloudLimitsOf(current),
        predictors,
        llama,
        models,
      },
      request,
      {
        ...taskOptions,
        signal:
          taskOptions.signal === undefined ? context.lifetime : AbortSignal.any([taskOptions.signal, context.lifetime]),
      },
    );
  }

  const api: TasksApi = {
    listTasks: ({ limit, offset, ...filter }) =>
      context.tasks.listSummaries(activeRecord().id, limit ?? context.pageSize, offset ?? 0, filter),
    // Async, so an unknown provider rejects the promise as before rather than throwing at the call.
    runTask: (request, taskOptions) =>
      context.track((async () => await runTask(withCloudProvider(context, request), taskOptions))()),
    startTask(request, startOptions) {
      // A request that cannot run is refused with its sentence now (a chat keeps the question in the
      // composer), not as a background task that fails before it is recorded. The provider resolved
      // here (its key read from the secret store once) is the one the task runs with.
      checkTaskRequest(request);
      const cloud = withCloudProvider(context, request);
      return sessions.start((hooks) => context.track(runTask(cloud, { ...startOptions, ...hooks })));
    },
    cancelTask: (taskId) => sessions.cancel(taskId),
    answerEgress: (requestId, decision) => sessions.answer(requestId, decision),
    listPendingApprovals: () => sessions.pendingApprovals(),
    getTask(taskId) {
      const detail = taskDetails.read(activeRecord().id, taskId);
      if (detail === undefined) {
        throw new NotFoundError(`No task with id ${taskId} in this profile; reload the history.`);
      }
      return detail;
    },
    getWarmModel: () => models.status,
    unloadModel: () => models.unload(),
  };

  const handlers = {
    'task:list': (request) => api.listTasks(request),
    'task:start': (request) => startFromPage(api, options, request),
    'task:cancel': (request) => ({ wasRunning: api.cancelTask(request.taskId) }),
    'task:get': (request) => api.getTask(request.taskId),
    'egress:answer': (request) => ({ wasPending: api.answerEgress(request.requestId, request.decision) }),
    'task:list-pending-approvals': () => api.listPendingApprovals(),
    'model:get-warm': () => api.getWarmModel(),
    'model:unload': async () => {
      await api.unloadModel();
      return api.getWarmModel();
    },
  } satisfies HandlerSlice;

  return { api, handlers, sessions, llama, models };
}

/** task:start: a page names a local model only among the listed ones (the CLI's --model takes any file). */
async function startFromPage(api: TasksApi, options: TasksDomainOptions, request: TaskRequest) {
  if (request.localModel !== undefined) await options.checkListedModel(request.localModel);
  return api.startTask(stripUndefined(request));
}

/** A request with its cloud endpoint (and key) filled in from a saved provider, and the prices to charge. */
type TaskCloud = { readonly cloudRequest: TaskRequest; readonly pricing: ReturnType<typeof createPricing> };

/**
 * The task's cloud: the provider it names, else (naming no endpoint either) its profile's default
 * provider, with that provider's own prices when it has them. Reads the provider's key; an unknown
 * provider id is refused with where to add one.
 */
function withCloudProvider(context: DomainContext, taskRequest: TaskRequest): TaskCloud {
  const { ports, settings, activeRecord } = context;
  let request = taskRequest;
  let pricing = createPricing();
  // A task that names no provider and no endpoint escalates to its profile's default provider.
  const providerId =
    taskRequest.cloudProviderId !== undefined || taskRequest.cloud !== undefined
      ? (taskRequest.cloudProviderId ?? null)
      : readDefaultCloudProvider(settings, activeRecord().id);
  if (providerId !== null) {
    const provider = resolveCloudProvider(settings, ports.secrets, providerId);
    request = {
      ...request,
      cloud: {
        api: provider.api,
        baseUrl: provider.baseUrl,
        model: provider.model,
        apiKey: provider.apiKey ?? undefined,
      },
    };
    if (provider.inputPerMillion !== null && provider.outputPerMillion !== null)
      pricing = createPricing({
        table: {
          [provider.model]: {
            inputPerMillion: provider.inputPerMillion,
            outputPerMillion: provider.outputPerMillion,
          },
        },
      });
  }
  return { cloudRequest: request, pricing };
}
