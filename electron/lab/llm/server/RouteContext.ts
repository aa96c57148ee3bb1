import type { ServerResponse } from 'node:http';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { AssistantTurn, RespondOptions, TurnResponder } from '#core/llm/providers/AssistantTurn.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import type { Clock, Logger } from '#core/ports.ts';
import type { ConcurrencyLimit } from './limitConcurrency.ts';
import { HttpError } from './serverHttp.ts';

/** What an API route of the local server works with. */
export type RouteContext = {
  readonly responder: TurnResponder;
  readonly limit: ConcurrencyLimit;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** A number unique in this server's life, for response and message ids. */
  readonly nextNumber: () => number;
  /** The seed of a request that names none: a new one per request. */
  readonly nextSeed: () => number;
  readonly defaultTemperature: number;
  /** For a request without a token limit, and the most a request may ask for. */
  readonly maxTokens: { readonly default: number; readonly limit: number };
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
  readonly response: ServerResponse;
};

/**
 * Runs one turn on the model in its turn (the concurrency limit), mapping the engine's failures to
 * HTTP: a transcript the model cannot continue is a 400, anything else a 500. A CancelledError (the
 * client left) passes through.
 */
export async function respondInTurn(
  context: RouteContext,
  transcript: Transcript,
  options: Omit<RespondOptions, 'signal'>,
): Promise<AssistantTurn> {
  try {
    return await context.limit(
      () => context.responder.respond(transcript, { ...options, signal: context.signal }),
      context.signal,
    );
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    if (error instanceof EngineError && error.code === 'invalid-request') throw new HttpError(400, error.message);
    const message = error instanceof Error ? error.message : String(error);
    context.logger?.error('local server: the model failed', { message });
    throw new HttpError(500, `The model failed: ${message}`);
  }
}
