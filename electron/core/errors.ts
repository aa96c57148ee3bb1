import type { IpcError, IpcErrorCode } from '#shared/ipc/IpcError.ts';
import type { Logger } from './ports.ts';

/** The codes of expected failures. Each maps to one IpcErrorCode when it crosses to the renderer. */
export type EngineErrorCode = Exclude<IpcErrorCode, 'internal'>;

/**
 * An expected failure (a missing model, an exhausted budget, a refused request) whose message says
 * what the person can do next. Anything thrown that is not an EngineError is a bug.
 */
export class EngineError extends Error {
  readonly code: EngineErrorCode;

  constructor(code: EngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EngineError';
    this.code = code;
  }
}

/** The request is malformed or names something invalid. */
export class InvalidRequestError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('invalid-request', message, options);
    this.name = 'InvalidRequestError';
  }
}

/** The request names a record that does not exist. */
export class NotFoundError extends EngineError {
  constructor(message: string) {
    super('not-found', message);
    this.name = 'NotFoundError';
  }
}

/** The person answered Deny: the request was kept on this machine (a `policy-denied` they chose). */
export class DeniedByPersonError extends EngineError {
  constructor(message = 'You kept this task local; nothing was sent to the cloud.') {
    super('policy-denied', message);
    this.name = 'DeniedByPersonError';
  }
}

/** Thrown by an operation that was aborted through its AbortSignal; never shown as a failure. */
export class CancelledError extends EngineError {
  constructor(message = 'The operation was cancelled.') {
    super('cancelled', message);
    this.name = 'CancelledError';
  }
}

/** Asserts an invariant; a failure is a bug, so the message is for developers. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(`Assertion failed: ${message}`);
  }
}

/** Converts anything thrown by a handler into the IpcError the renderer sees. The only such place. */
export function toIpcError(error: unknown, logger: Logger, channel: string): IpcError {
  if (error instanceof EngineError) {
    return { code: error.code, message: error.message };
  }
  logger.error('IPC handler failed', {
    channel,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return { code: 'internal', message: 'Something went wrong inside Atropos; details are in the log.' };
}
