import { worstInputTokens } from '#core/budget/createRequestMeter.ts';
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

/** The context window of `model`: the stated one, else the known one, else {@link statedContextTokens}. */
export function contextTokensOf(model: string, stated?: number): number {
  if (stated !== undefined) return stated;
  let best: readonly [string, number] | undefined;
  for (const entry of knownContextTokens)
    if (model.startsWith(entry[0]) && entry[0].length > (best?.[0].length ?? -1)) best = entry;
  return best?.[1] ?? statedContextTokens;
}

/**
 * Refuses, before anything is sent, a transcript whose input tokens (its bytes / 3, as the budget's
 * hold estimates a request) exceed the model's context window: the cloud would answer nothing, and
 * the whole question would have left the machine for no answer. The path falls back locally.
 */
export function refuseOverContext(transcript: Transcript, model: string, stated?: number): void {
  const tokens = worstInputTokens(Buffer.byteLength(JSON.stringify(transcript), 'utf8'));
  const limit = contextTokensOf(model, stated);
  if (tokens <= limit) return;
  throw new EngineError(
    'invalid-request',
    `This question is too long for ${model} (about ${tokens.toLocaleString('en-US')} tokens, limit ${limit.toLocaleString('en-US')}); it stayed on this computer.`,
  );
}
