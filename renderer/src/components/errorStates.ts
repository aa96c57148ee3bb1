import type { IpcErrorCode } from '#shared/ipc/IpcError.ts';

/** How a screen presents one kind of failure: what happened, what to do, and whether to offer Retry. */
export type ErrorState = {
  /** What happened, in a few words; used when the screen gives no title of its own. */
  readonly summary: string;
  /**
   * The one thing to do when the screen offers no Try again and the engine's message names no action
   * of its own; empty where the engine's messages for this code always say what to do.
   */
  readonly advice: string;
  /** Whether trying the same thing again can succeed without the person changing anything. */
  readonly canRetry: boolean;
  /** A cancellation the person asked for: nothing is shown. */
  readonly isQuiet: boolean;
};

/** The screen state of every IpcErrorCode; the record type makes a missing code a compile error. */
export const errorStates: Record<IpcErrorCode, ErrorState> = {
  'invalid-request': {
    summary: 'Atropos could not accept that.',
    // The engine names the field and what it must be.
    advice: '',
    canRetry: false,
    isQuiet: false,
  },
  'not-found': {
    summary: 'It is no longer there.',
    advice: 'Reload the screen to see what exists now.',
    canRetry: true,
    isQuiet: false,
  },
  'budget-exceeded': {
    summary: 'A spending cap stopped this.',
    advice: 'Raise the cap in Budget, or let the task finish on the local model.',
    canRetry: false,
    isQuiet: false,
  },
  'policy-denied': {
    summary: 'This stayed on your computer.',
    // A denial by the person, the local-only mode, a refused origin: the engine's message says which.
    advice: '',
    canRetry: false,
    isQuiet: false,
  },
  'model-missing': {
    summary: 'A model file is missing or unusable.',
    advice: 'Download or import the model in Models.',
    canRetry: true,
    isQuiet: false,
  },
  'provider-unavailable': {
    summary: 'The server could not be reached.',
    advice: 'Check the network connection and the address.',
    canRetry: true,
    isQuiet: false,
  },
  'provider-rejected': {
    summary: 'The cloud provider refused the request.',
    advice: 'Check the API key, model name and account in Models > Cloud providers.',
    canRetry: false,
    isQuiet: false,
  },
  'provider-rate-limited': {
    summary: 'The cloud provider asked Atropos to slow down.',
    advice: 'Wait a minute before trying again.',
    canRetry: true,
    isQuiet: false,
  },
  'storage-failed': {
    summary: 'Atropos could not read or write its data.',
    advice: 'Free some disk space or check the data folder’s permissions.',
    canRetry: true,
    isQuiet: false,
  },
  cancelled: {
    summary: 'Cancelled.',
    advice: '',
    canRetry: false,
    isQuiet: true,
  },
  internal: {
    summary: 'Something went wrong inside Atropos.',
    advice: 'If it keeps happening, the log in the data folder has the details.',
    canRetry: true,
    isQuiet: false,
  },
};
