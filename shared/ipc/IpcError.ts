/**
 * Why an IPC call failed. The renderer switches on the code; the message is for people and says
 * what to do next.
 */
export type IpcErrorCode =
  | 'invalid-request'
  | 'not-found'
  | 'budget-exceeded'
  | 'policy-denied'
  | 'model-missing'
  | 'provider-unavailable'
  | 'provider-rejected'
  | 'provider-rate-limited'
  | 'storage-failed'
  | 'cancelled'
  | 'internal';

/** An error that crossed the IPC boundary: plain data, never an Error instance. */
export type IpcError = {
  readonly code: IpcErrorCode;
  readonly message: string;
};

/** Every IpcErrorCode, for validation and exhaustive tests. */
export const ipcErrorCodes: readonly IpcErrorCode[] = [
  'invalid-request',
  'not-found',
  'budget-exceeded',
  'policy-denied',
  'model-missing',
  'provider-unavailable',
  'provider-rejected',
  'provider-rate-limited',
  'storage-failed',
  'cancelled',
  'internal',
];
