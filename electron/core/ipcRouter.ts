import { isInvokeChannel, type InvokeChannel } from '#shared/ipc/channels.ts';
import type { InvokeMap } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import { err, ok, type Result } from '#shared/result.ts';
import type { Engine } from './engine.ts';
import { toIpcError } from './errors.ts';
import type { Logger } from './ports.ts';

type Parsed<C extends InvokeChannel> = ReturnType<(typeof requestSchemas)[C]['parse']>;

/** One handler per channel; the mapped type makes a missing handler a compile error. */
export type IpcHandlers = {
  [C in InvokeChannel]: (request: Parsed<C>) => InvokeMap[C]['response'] | Promise<InvokeMap[C]['response']>;
};

/** Maps every invoke channel to the engine call that answers it. */
export function createIpcHandlers(engine: Engine): IpcHandlers {
  return {
    'app:get-info': () => engine.getAppInfo(),
    'profile:list': () => engine.listProfileListings(),
    'profile:create': (request) => engine.createProfile(request),
    'profile:switch': (request) => engine.switchProfileWithPassphrase(request.profileId, request.passphrase),
    'settings:get': () => engine.getSettings(),
    'settings:update': (request) => engine.updateSettings(stripUndefined(request)),
    'task:list': (request) => engine.listTasks(request),
    'model:list': () => engine.listModels(),
    'privacy:get-policy': () => engine.getPrivacyPolicy(),
    'privacy:set-policy': (request) => engine.setPrivacyMode(request.mode),
    'privacy:list-egress': (request) => engine.listEgress(request),
    'budget:get-summary': () => engine.getBudgetSummary(),
    'budget:set-caps': (request) => engine.setBudgetCaps(request),
    'predictor:get-status': () => engine.getPredictorStatus(),
    'predictor:retrain': (request) => engine.retrainPredictor(request),
    'task:start': (request) => engine.startTask(stripUndefined(request)),
    'task:cancel': (request) => ({ wasRunning: engine.cancelTask(request.taskId) }),
    'task:get': (request) => engine.getTask(request.taskId),
    'egress:answer': (request) => ({ wasPending: engine.answerEgress(request.requestId, request.decision) }),
    'task:list-pending-approvals': () => engine.listPendingApprovals(),
    'privacy:get-redaction': () => engine.getRedactionChoices(),
    'privacy:set-redaction': (request) => engine.setRedactionSettings(request),
    'privacy:preview-redaction': (request) => engine.previewRedaction(request.text, request.settings),
    'budget:get-spend': (request) => engine.getSpendReport(request.days),
    'predictor:activate-version': (request) => engine.activatePredictorVersion(request.version),
    'profile:protect': (request) =>
      engine.protectProfile(request.profileId, request.passphrase, request.currentPassphrase),
    // Models and cloud providers.
    'model:catalog': () => engine.getModelCatalog(),
    'model:download': (request) => engine.downloadModel(request),
    'model:cancel-download': async (request) => ({
      wasRunning: await engine.cancelModelDownload(request.downloadId, request.discard),
    }),
    'model:import': (request) => engine.importModel(request.path),
    'model:set-source': async (request) => ({ localSource: await engine.setLocalSource(request.path) }),
    'cloud:list': () => engine.listCloudProviders(),
    'cloud:save': (request) => engine.saveCloudProvider(stripUndefined(request)),
    'cloud:delete': (request) => {
      engine.deleteCloudProvider(request.id);
      return { id: request.id };
    },
    'cloud:test': (request) => engine.testCloudProvider(request.id),
  };
}

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** Dispatches untrusted (channel, payload) pairs: validates both, runs the handler, returns a Result. */
export type IpcRouter = {
  handle(channel: unknown, payload: unknown): Promise<Result<unknown, IpcError>>;
};

/**
 * The transport-neutral half of every host: Electron's ipcMain and the web host's WebSocket both
 * hand raw messages here, so validation and error mapping are the same line for line.
 */
export function createIpcRouter(handlers: IpcHandlers, logger: Logger): IpcRouter {
  return {
    async handle(channel, payload) {
      if (!isInvokeChannel(channel)) {
        return err({ code: 'invalid-request', message: `Unknown channel ${JSON.stringify(channel)}.` });
      }
      const parsed = requestSchemas[channel].safeParse(payload);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
        return err({ code: 'invalid-request', message: `Invalid request for ${channel}: ${issues.join('; ')}` });
      }
      try {
        const handler = handlers[channel] as (request: unknown) => unknown;
        return ok(await handler(parsed.data));
      } catch (error) {
        return err(toIpcError(error, logger, channel));
      }
    },
  };
}
