import { CancelledError, EngineError } from '#core/errors.ts';

/** The error classes both official SDKs (Stainless-generated) export under the same names. */
export type SdkErrorClasses = {
  readonly APIError: abstract new (...args: never[]) => Error & { readonly status: number | undefined };
  readonly APIConnectionError: abstract new (...args: never[]) => Error;
  readonly APIConnectionTimeoutError: abstract new (...args: never[]) => Error;
  readonly APIUserAbortError: abstract new (...args: never[]) => Error;
};

/** What the message of a cloud failure names. */
export type CloudErrorContext = {
  /** The provider as people know it, e.g. "api.openai.com" or "Anthropic". */
  readonly name: string;
  readonly model: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly signal?: AbortSignal;
};

const settingsHint = 'Check it in Models > Cloud providers.';

/**
 * Maps whatever an SDK call threw to what the engine shows: CancelledError for an abort,
 * `provider-rejected` for 401/403 (and other refused requests), `provider-rate-limited` for a 429
 * that outlasted the SDK's retries (with the server's retry-after), `provider-unavailable` for 5xx,
 * refused connections, timeouts and malformed responses. Errors that are not the SDK's (a stream
 * the SDK could not parse) are malformed responses.
 */
export function toCloudError(error: unknown, sdk: SdkErrorClasses, context: CloudErrorContext): EngineError {
  const { name } = context;
  if (context.signal?.aborted === true || error instanceof sdk.APIUserAbortError) return new CancelledError();
  if (error instanceof EngineError) return error;
  if (error instanceof sdk.APIConnectionTimeoutError)
    return new EngineError(
      'provider-unavailable',
      `${name} did not answer within ${formatSeconds(context.timeoutMs)} (tried ${context.maxRetries + 1} times). Check the network connection, or try again later.`,
      { cause: error },
    );
  if (error instanceof sdk.APIConnectionError)
    return new EngineError(
      'provider-unavailable',
      `Could not connect to ${name} (${connectionReason(error)}). Check the network connection and the provider's base URL in Models > Cloud providers.`,
      { cause: error },
    );
  if (error instanceof sdk.APIError && error.status !== undefined) {
    const status = error.status;
    const detail = apiMessage(error);
    if (status === 401)
      return new EngineError('provider-rejected', `${name} rejected the API key (HTTP 401${detail}). ${settingsHint}`, {
        cause: error,
      });
    if (status === 403)
      return new EngineError(
        'provider-rejected',
        `${name} does not allow this API key to use ${context.model} (HTTP 403${detail}). Check the key and its permissions in Models > Cloud providers.`,
        { cause: error },
      );
    if (status === 429)
      return new EngineError(
        'provider-rate-limited',
        `${name} is limiting the rate of requests (HTTP 429, still after ${context.maxRetries} retries). ${retryHint(error)}`,
        { cause: error },
      );
    if (status >= 500)
      return new EngineError(
        'provider-unavailable',
        `${name} failed with a server error (HTTP ${status}${detail}). Try again later or use another provider.`,
        { cause: error },
      );
    return new EngineError(
      'provider-rejected',
      `${name} refused the request (HTTP ${status}${detail}). Check the base URL and the model name (${context.model}) in Models > Cloud providers.`,
      { cause: error },
    );
  }
  return malformedResponse(name, error instanceof Error ? error.message : String(error), error);
}

/** A response that does not follow the API (bad JSON, a stream that stopped before its end). */
export function malformedResponse(name: string, detail: string, cause?: unknown): EngineError {
  return new EngineError(
    'provider-unavailable',
    `${name} sent a malformed or incomplete response (${detail}). Try again later or use another provider.`,
    { cause },
  );
}

function formatSeconds(milliseconds: number): string {
  return `${Number((milliseconds / 1000).toFixed(1))} s`;
}

/** The system's reason, e.g. ECONNREFUSED, from undici's `fetch failed` chain. */
function connectionReason(error: Error): string {
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth += 1) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code === 'ECONNREFUSED' ? 'connection refused' : code;
    cause = cause.cause;
  }
  return error.message;
}

/** `: <the server's own message>`, when it sent one. */
function apiMessage(error: Error): string {
  const body = (error as Error & { error?: unknown }).error;
  const inner = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const message =
    typeof inner === 'object' && inner !== null
      ? (inner as { message?: unknown }).message
      : (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? `: ${message}` : '';
}

/** When the server says to retry, from its retry-after header (seconds or an HTTP date). */
function retryHint(error: Error): string {
  const headers = (error as Error & { headers?: unknown }).headers;
  const value = headers instanceof Headers ? headers.get('retry-after') : null;
  if (value !== null && value.trim() !== '') {
    const seconds = Number(value);
    if (Number.isFinite(seconds)) return `Try again in ${Math.max(1, Math.ceil(seconds))} s.`;
    return `Try again after ${value}.`;
  }
  return 'Wait a minute and try again, or run fewer cloud paths at once.';
}
