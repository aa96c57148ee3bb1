import { worstInputTokens, type BudgetRequestMeter } from '#core/budget/createRequestMeter.ts';
import { EngineError } from '#core/errors.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';

/**
 * Context windows (input tokens) of cloud models whose window is published, by name prefix; the
 * longest matching prefix wins. A model not listed gets {@link statedContextTokens} unless its
 * endpoint states its own.
 */
const knownContextTokens: readonly (readonly [prefix: string, tokens: number])[] = [
  ['gpt-3.5-turbo', 16_385],
  ['gpt-4-turbo', 128_000],
  ['gpt-4o', 128_000],
  ['gpt-4.1', 1_047_576],
  ['claude-', 200_000],
];

/** The limit assumed for a model whose context window is not known: smaller than most clouds' windows. */
export const statedContextTokens = 32_768;

/** The published or stated context window of `model`, or undefined when neither is known. */
function knownWindowOf(model: string, stated: number | undefined): number | undefined {
  if (stated !== undefined) return stated;
  let best: readonly [string, number] | undefined;
  for (const entry of knownContextTokens)
    if (model.startsWith(entry[0]) && entry[0].length > (best?.[0].length ?? -1)) best = entry;
  return best?.[1];
}

/** The context window of `model`: the stated one, else the known one, else {@link statedContextTokens}. */
export function contextTokensOf(model: string, stated?: number): number {
  return knownWindowOf(model, stated) ?? statedContextTokens;
}

/**
 * Refuses, before anything is sent, a transcript whose input tokens (its bytes / 3, as the budget's
 * hold estimates a request) exceed the model's context window: the cloud would answer nothing, and
 * the whole question would have left the machine for no answer. The path falls back locally.
 */
export function refuseOverContext(transcript: Transcript, model: string, stated?: number): void {
  refuseOverTokens(worstInputTokens(Buffer.byteLength(JSON.stringify(transcript), 'utf8')), model, stated);
}

/**
 * The meter with the same check on each request's body before its hold (every round of a tool loop,
 * which grows the transcript with tool results), when the model's window is published or stated: an
 * over-long request is refused before it is sent. (A model of unknown window is checked only on the
 * question it starts with, against {@link statedContextTokens}: its tool loops may be longer.)
 */
export function withContextLimit(meter: BudgetRequestMeter, model: string, stated?: number): BudgetRequestMeter {
  const limit = knownWindowOf(model, stated);
  if (limit === undefined) return meter;
  return {
    ...meter,
    hold(request) {
      refuseOverTokens(worstInputTokens(request.bodyBytes), model, limit);
      return meter.hold(request);
    },
  };
}

function refuseOverTokens(tokens: number, model: string, stated: number | undefined): void {
  const limit = contextTokensOf(model, stated);
  if (tokens <= limit) return;
  throw new EngineError(
    'invalid-request',
    `This question is too long for ${model} (about ${tokens.toLocaleString('en-US')} tokens, limit ${limit.toLocaleString('en-US')}); it stayed on this computer.`,
  );
}
