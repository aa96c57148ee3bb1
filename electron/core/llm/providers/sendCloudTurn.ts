import { CancelledError, type EngineError } from '#core/errors.ts';
import type { AssistantTurn } from './AssistantTurn.ts';
import type { RequestMeter } from './ChatProvider.ts';
import { ResponseWatchdog, type CloudLimits, type Timers } from './ResponseWatchdog.ts';

/** A cloud turn with what its request was charged. */
export type ChargedTurn = AssistantTurn & {
  /** US dollars the meter charged for the request (0 without a meter). */
  readonly costUsd: number;
  /** The request billed a model with no known price, or a dearer one: the loop must end. */
  readonly mustStop: boolean;
};

/** What {@link sendCloudTurn} needs besides the request itself. */
export type CloudTurnOptions = {
  /** The provider as people know it, in messages. */
  readonly name: string;
  readonly limits: CloudLimits;
  readonly timers?: Timers;
  readonly meter?: RequestMeter;
  /** The caller's signal: aborting it cancels quietly. */
  readonly signal?: AbortSignal;
  /** The request body as the SDK will send it (`max_tokens` included). */
  readonly body: object;
  readonly maxTokens: number;
};

/**
 * Sends one cloud request the one way both cloud providers send: its worst case is held against
 * the budget first (refused before anything leaves when a cap would be passed), it runs under a
 * {@link ResponseWatchdog} (idle and total timeouts, size limit; `send` must hand the watchdog's
 * signal to the SDK), and afterwards the hold is settled with the real usage, or released when the
 * request failed.
 */
export async function sendCloudTurn(
  options: CloudTurnOptions,
  send: (signal: AbortSignal) => Promise<AssistantTurn>,
  toError: (error: unknown) => EngineError,
): Promise<ChargedTurn> {
  const hold = options.meter?.hold({
    bodyBytes: Buffer.byteLength(JSON.stringify(options.body)),
    maxTokens: options.maxTokens,
  });
  const watchdog = new ResponseWatchdog({
    limits: options.limits,
    name: options.name,
    signal: options.signal,
    timers: options.timers,
  });
  let turn: AssistantTurn;
  try {
    turn = await watchdog.run(() => send(watchdog.signal));
  } catch (error) {
    hold?.release();
    if (watchdog.failure !== null) throw watchdog.failure;
    if (options.signal?.aborted === true) throw new CancelledError();
    throw toError(error);
  } finally {
    watchdog.dispose();
  }
  const charge = hold?.settle(
    turn.isUsageMissing === true ? null : { tokensIn: turn.tokensIn, tokensOut: turn.tokensOut },
    turn.billedModel,
  ) ?? { costUsd: 0, mustStop: false };
  return { ...turn, ...charge };
}
