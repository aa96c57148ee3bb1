import { isInvokeChannel } from '#shared/ipc/channels.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import { err, ok, type Result } from '#shared/result.ts';
import type { IpcHandlers } from './domains/IpcHandlers.ts';
import type { Engine } from './engine.ts';
import { toIpcError } from './errors.ts';
import type { Logger } from './ports.ts';

export type { IpcHandlers } from './domains/IpcHandlers.ts';

/** Every invoke channel's handler: the engine assembles them from its domains' slices. */
export function createIpcHandlers(engine: Engine): IpcHandlers {
  return engine.ipcHandlers;
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
