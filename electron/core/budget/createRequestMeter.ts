import type { MeteredRequest, RequestHold, RequestMeter } from '#core/llm/providers/ChatProvider.ts';
import type { BudgetGuard } from './BudgetGuard.ts';
import { costAt, type ModelPrice, type Pricing } from './priceTable.ts';

/** Options of {@link createRequestMeter}. */
export type RequestMeterOptions = {
  readonly budget: BudgetGuard;
  readonly pricing: Pricing;
  readonly profileId: string;
  readonly taskId: string;
  /** The provider id, e.g. `openai:api.openai.com/gpt-4o`. */
  readonly provider: string;
  /** The model requested (its price is the one held). */
  readonly model: string;
  readonly pathIndex?: number;
  /** Told each request's settled usage and charge (the egress audit row of the request). */
  readonly onCharged?: (charge: { tokensIn: number; tokensOut: number; costUsd: number }) => void;
};

/** A meter that also says whether a request is being held now (the egress gate checks it). */
export type BudgetRequestMeter = RequestMeter & {
  /** True while at least one hold is open. */
  isHolding(): boolean;
};

/**
 * Bytes per token the input bound assumes. Tokenizers of cloud models average about 4 bytes of
 * English or JSON per token; 3 keeps the bound above the real count for denser text.
 */
const bytesPerToken = 3;

/** The most input tokens a request body of `bodyBytes` bytes is taken to hold (the bound holds reserve). */
export function worstInputTokens(bodyBytes: number): number {
  return Math.ceil(bodyBytes / bytesPerToken);
}

/**
 * The budget meter of one cloud continuation. Before each request it reserves the request's worst
 * case (its body's bytes / 3 input tokens plus its max_tokens, at the requested model's price)
 * against the per-task, daily and monthly caps, so a request that could pass a cap is refused
 * before it is sent. After the request it settles the hold with the real usage, the one place a
 * cloud call's cost is computed: at the billed model's price when it is the requested one or a
 * cheaper known one; at the table's worst price, ending the loop, when the response names a dearer
 * model or one without a known price. A response without usage is charged its worst case.
 */
export function createRequestMeter(options: RequestMeterOptions): BudgetRequestMeter {
  const { budget, pricing, model } = options;
  let open = 0;
  return {
    isHolding: () => open > 0,
    hold(request: MeteredRequest): RequestHold {
      const worstIn = worstInputTokens(request.bodyBytes);
      const reservation = budget.reserve({
        profileId: options.profileId,
        taskId: options.taskId,
        provider: options.provider,
        model,
        amountUsd: pricing.cost(model, 'cloud', worstIn, request.maxTokens),
      });
      open += 1;
      let isOpen = true;
      const close = (): void => {
        if (isOpen) open -= 1;
        isOpen = false;
      };
      return {
        settle(usage, billedModel) {
          close();
          const billed = billedModel ?? model;
          const { price, isDearer } = billedPrice(pricing, model, billed);
          const tokensIn = usage?.tokensIn ?? worstIn;
          const tokensOut = usage?.tokensOut ?? request.maxTokens;
          const costUsd = costAt(price, tokensIn, tokensOut);
          budget.settle(reservation, {
            provider: options.provider,
            model: billed,
            tokensIn,
            tokensOut,
            costUsd,
            ...(options.pathIndex === undefined ? {} : { pathIndex: options.pathIndex }),
          });
          options.onCharged?.({ tokensIn, tokensOut, costUsd });
          return { costUsd, mustStop: isDearer };
        },
        release() {
          close();
          budget.release(reservation);
        },
      };
    },
  };
}

/** The price a response is charged at, and whether it named a dearer or unpriced model. */
function billedPrice(pricing: Pricing, requested: string, billed: string): { price: ModelPrice; isDearer: boolean } {
  const requestedPrice = pricing.priceOf(requested, 'cloud') ?? pricing.worstCloudPrice();
  if (isSnapshotOf(billed, requested)) return { price: requestedPrice, isDearer: false };
  // An endpoint the person priced at nothing (a server on their own network) bills nobody, whatever
  // name its responses carry (llama.cpp's server names its model file, not the id asked for).
  if (requestedPrice.inputPerMillion === 0 && requestedPrice.outputPerMillion === 0)
    return { price: requestedPrice, isDearer: false };
  const price = pricing.priceOf(billed, 'cloud');
  if (
    price === null ||
    price.inputPerMillion > requestedPrice.inputPerMillion ||
    price.outputPerMillion > requestedPrice.outputPerMillion
  )
    return { price: pricing.worstCloudPrice(), isDearer: true };
  return { price, isDearer: false };
}

/**
 * The requested model itself, or a dated snapshot of it as vendors name the model that answered
 * (`gpt-4o-mini-2024-07-18`, `gpt-4-0613`, `claude-sonnet-4-5-20250929`).
 */
function isSnapshotOf(billed: string, requested: string): boolean {
  if (billed === requested) return true;
  if (!billed.startsWith(`${requested}-`)) return false;
  return /^(\d{4}|\d{4}-\d{2}-\d{2}|\d{8})$/.test(billed.slice(requested.length + 1));
}
