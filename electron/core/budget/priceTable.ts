import { InvalidRequestError } from '#core/errors.ts';
import { defaultPriceTable as sharedDefaultPriceTable } from '#shared/defaultPriceTable.ts';

/** A model's list price in US dollars per million tokens. */
export type ModelPrice = { readonly inputPerMillion: number; readonly outputPerMillion: number };

/** Prices by model id; the user edits them in Models > Cloud providers. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** USD of one call at `price`: the one place a call's cost is computed. */
export function costAt(price: ModelPrice, tokensIn: number, tokensOut: number): number {
  return (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1_000_000;
}

/** The built-in list prices (USD per million tokens), in shared/ so the window shows the same figures. */
export const defaultPriceTable: PriceTable = sharedDefaultPriceTable;

/** Options of {@link createPricing}. */
export type PricingOptions = {
  /** User prices over the defaults. */
  readonly table?: PriceTable;
  /** What a local model's million tokens cost (electricity, if the user wants it counted). Defaults to 0. */
  readonly localPerMillion?: number;
};

/** Prices calls; a cloud model without a price is refused before anything is sent. */
export type Pricing = {
  /** The price of a model, or null when it has none. */
  priceOf(model: string, locality: 'local' | 'cloud'): ModelPrice | null;
  /** USD for a call; throws `invalid-request` for a cloud model without a price. */
  cost(model: string, locality: 'local' | 'cloud', tokensIn: number, tokensOut: number): number;
  /**
   * The dearest input and the dearest output price of the table: what a response billed by a
   * model without a known price is charged at.
   */
  worstCloudPrice(): ModelPrice;
};

/** A pricing over the default table, the user's entries and the local rate. */
export function createPricing(options: PricingOptions = {}): Pricing {
  const table: PriceTable = { ...defaultPriceTable, ...options.table };
  for (const [model, price] of Object.entries(table)) {
    const isValid = (value: number): boolean => Number.isFinite(value) && value >= 0 && value < 10_000;
    if (!isValid(price.inputPerMillion) || !isValid(price.outputPerMillion))
      throw new InvalidRequestError(
        `The price of ${model} must be between 0 and 10,000 USD per million tokens; fix it in Models > Cloud providers.`,
      );
  }
  const local = options.localPerMillion ?? 0;
  const priceOf = (model: string, locality: 'local' | 'cloud'): ModelPrice | null =>
    locality === 'local' ? { inputPerMillion: local, outputPerMillion: local } : (table[model] ?? null);
  return {
    priceOf,
    cost(model, locality, tokensIn, tokensOut) {
      const price = priceOf(model, locality);
      if (price === null)
        throw new InvalidRequestError(
          `No price is set for the cloud model ${model}, so its cost cannot be capped. Set its price in Models > Cloud providers.`,
        );
      return costAt(price, tokensIn, tokensOut);
    },
    worstCloudPrice() {
      const prices = Object.values(table);
      return {
        inputPerMillion: Math.max(0, ...prices.map((price) => price.inputPerMillion)),
        outputPerMillion: Math.max(0, ...prices.map((price) => price.outputPerMillion)),
      };
    },
  };
}
