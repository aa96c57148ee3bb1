import type { TaskDetail } from '#shared/ipc/TaskDetail.ts';
import type {
  ChatCloud,
  ThreadDetail,
  ThreadExport,
  ThreadSendResult,
  ThreadSummary,
  ThreadTurn,
} from '#shared/ipc/Thread.ts';
import type { TaskRequest } from '#shared/taskRequest.ts';
import { TaskDetailStore } from '#core/db/TaskDetailStore.ts';
import { ThreadStore } from '#core/db/ThreadStore.ts';
import { InvalidRequestError, NotFoundError } from '#core/errors.ts';
import { isCloudProvider } from '#core/settings/cloudProviders.ts';
import { keepChatCloud, readChatCloud } from '#core/threads/chatCloudChoice.ts';
import { exportThread } from '#core/threads/exportThread.ts';
import { createThreadVaults } from '#core/threads/threadVaults.ts';
import { conversationOf } from '#core/threads/threadContext.ts';
import type { DomainContext, Page } from './EngineContext.ts';
import type { RunTaskOptions } from './tasksDomain.ts';
import { stripUndefined, type HandlerSlice } from './IpcHandlers.ts';

/** The engine's chat threads: each turn is a task, and a follow-up carries the turns before it. */
export type ThreadsApi = {
  listThreads(options: Page & { query?: string | undefined }): ThreadSummary[];
  getThread(threadId: string): ThreadDetail;
  /**
   * Asks a question in a thread (a new one without `threadId`): starts a task on the question whose
   * paths start with the thread's earlier turns as chat messages (as many as fit the local model's
   * context), records the turn, and returns at once; the task reports on `task:event`.
   */
  sendTurn(request: { threadId?: string; task: TaskRequest }): ThreadSendResult;
  renameThread(threadId: string, title: string): ThreadSummary;
  /** Deletes the thread and its turns; the tasks that answered them stay in History. */
  deleteThread(threadId: string): { deleted: boolean };
  exportThread(threadId: string, format: 'markdown' | 'json'): ThreadExport;
  /**
   * The provider a turn that names none escalates to: the thread's kept choice, else the chat's last
   * choice, else the profile's default (a new chat: without `threadId`).
   */
  getChatCloud(threadId?: string): ChatCloud;
  /** Keeps the choice (null: stay on this computer) for the thread, if given, and as the last one. */
  setChatCloud(threadId: string | undefined, providerId: string | null): ChatCloud;
};

/** What the threads domain needs from the tasks domain. */
export type ThreadsDomainOptions = {
  readonly startTask: (request: TaskRequest, options: Pick<RunTaskOptions, 'conversation'>) => { taskId: string };
  /** Refuses a model file a turn names that the Models screen does not list as usable. */
  readonly checkListedModel: (file: string) => Promise<void>;
};

/** A new thread's title: the first line of its first question, at most 60 characters. */
function titleOf(prompt: string): string {
  const line = prompt.trim().split('\n')[0]?.trim() ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || 'New chat';
}

/**
 * Every earlier question and answer of a chat, and what the local paths of its turns read (their
 * tool results, each once): the follow-up's redaction learns their entities, so a secret a local
 * answer repeated bare ("sunshine42", from a file's "wifi password: sunshine42") is known by where it
 * came from. Cloud steps are recorded redacted and add nothing.
 */
function earlierTextsOf(turns: readonly ThreadTurn[], read: (taskId: string) => TaskDetail | undefined): string[] {
  return turns.flatMap((turn) => {
    const paths = turn.taskId === null ? [] : (read(turn.taskId)?.paths ?? []);
    const results = paths.flatMap((path) =>
      path.steps.flatMap((step) =>
        step.provider?.startsWith('local:') === true && step.result !== null ? [step.result] : [],
      ),
    );
    return [turn.prompt, ...(turn.answer === null ? [] : [turn.answer]), ...new Set(results)];
  });
}

/** The threads domain: its part of the facade and its IPC handlers. */
export function createThreadsDomain(context: DomainContext, options: ThreadsDomainOptions) {
  const { ports, activeRecord } = context;
  const store = new ThreadStore(context.history.source);
  const stores = { settings: context.settings, threads: store };
  const details = new TaskDetailStore(context.history.source);
  /** Each chat's redaction vault (TaskConversation.vault), kept in its history across restarts. */
  const vaults = createThreadVaults(store, context.history);

  function requireThread(threadId: string): ThreadDetail {
    const thread = store.get(activeRecord().id, threadId);
    if (thread === undefined) throw new NotFoundError(`No chat with id ${threadId} in this profile; reload the list.`);
    return thread;
  }

  const api: ThreadsApi = {
    listThreads: ({ limit, offset, query }) =>
      store.list(activeRecord().id, {
        limit: limit ?? context.pageSize,
        offset: offset ?? 0,
        ...(query === undefined ? {} : { query }),
      }),
    getThread: requireThread,
    sendTurn({ threadId, task }) {
      const prompt = task.prompt?.trim() ?? '';
      if (prompt === '' || task.worldTask !== undefined)
        throw new InvalidRequestError('A chat turn needs a question (world tasks run from the Lab).');
      const now = ports.clock.now();
      const thread =
        threadId === undefined
          ? { ...store.create(activeRecord().id, { id: ports.newId(), title: titleOf(prompt), at: now }), turns: [] }
          : requireThread(threadId);
      const turnId = ports.newId();
      // A turn that names no cloud uses the chat's choice, so the window and the CLI agree.
      const namesCloud = task.cloudProviderId !== undefined || task.cloud !== undefined;
      const cloudProviderId = namesCloud
        ? task.cloudProviderId
        : readChatCloud(stores, activeRecord().id, threadId).providerId;
      let started: { taskId: string };
      try {
        started = options.startTask(
          { ...task, prompt, ...(cloudProviderId === undefined ? {} : { cloudProviderId }) },
          {
            conversation: {
              turns: conversationOf(thread.turns),
              earlierTexts: earlierTextsOf(thread.turns, (taskId) => details.read(activeRecord().id, taskId)),
              vault: vaults.vaultOf(activeRecord().id, thread.id),
              // The task measures once its model is ready; the turn row is written below, before that.
              onFitted: (fit) => store.recordContext(turnId, fit),
            },
          },
        );
      } catch (error) {
        if (threadId === undefined) {
          vaults.forget(thread.id);
          store.delete(activeRecord().id, thread.id);
        }
        throw error;
      }
      store.addTurn(thread.id, { id: turnId, prompt, taskId: started.taskId, at: now });
      // A provider named here (it started, so it exists) is the thread's choice from now on.
      if (task.cloudProviderId !== undefined) keepChatCloud(stores, activeRecord().id, thread.id, task.cloudProviderId);
      return { threadId: thread.id, turnId, taskId: started.taskId };
    },
    renameThread(threadId, title) {
      const trimmed = title.trim();
      if (trimmed === '') throw new InvalidRequestError('Give the chat a name.');
      if (!store.rename(activeRecord().id, threadId, trimmed, ports.clock.now()))
        throw new NotFoundError(`No chat with id ${threadId} in this profile; reload the list.`);
      const { id, createdAt, updatedAt, turnCount } = requireThread(threadId);
      return { id, title: trimmed, createdAt, updatedAt, turnCount };
    },
    deleteThread(threadId) {
      vaults.forget(threadId);
      return { deleted: store.delete(activeRecord().id, threadId) };
    },
    exportThread: (threadId, format) => exportThread(requireThread(threadId), format, ports.clock.now()),
    getChatCloud(threadId) {
      if (threadId !== undefined) requireThread(threadId);
      return readChatCloud(stores, activeRecord().id, threadId);
    },
    setChatCloud(threadId, providerId) {
      if (threadId !== undefined) requireThread(threadId);
      if (providerId !== null && !isCloudProvider(context.settings, providerId))
        throw new NotFoundError(`No cloud provider with id ${providerId}; add it in Models > Cloud providers.`);
      keepChatCloud(stores, activeRecord().id, threadId, providerId);
      return readChatCloud(stores, activeRecord().id, threadId);
    },
  };

  const handlers = {
    'thread:list': (request) => api.listThreads(request),
    'thread:get': (request) => api.getThread(request.threadId),
    'thread:send': async (request) => {
      if (request.task.localModel !== undefined) await options.checkListedModel(request.task.localModel);
      return api.sendTurn({
        ...(request.threadId === undefined ? {} : { threadId: request.threadId }),
        task: stripUndefined(request.task),
      });
    },
    'thread:rename': (request) => api.renameThread(request.threadId, request.title),
    'thread:delete': (request) => api.deleteThread(request.threadId),
    'thread:export': (request) => api.exportThread(request.threadId, request.format),
    'thread:get-cloud': (request) => api.getChatCloud(request.threadId),
    'thread:set-cloud': (request) => api.setChatCloud(request.threadId, request.providerId),
  } satisfies HandlerSlice;

  return { api, handlers };
}
