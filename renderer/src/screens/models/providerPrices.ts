import type { CloudProviderEntry } from '#shared/domain.ts';
import { defaultPriceTable } from '#shared/defaultPriceTable.ts';

function dollars(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}

/**
 * A provider's input / output prices (USD per million tokens) as the engine charges them: its own
 * price, else the built-in list price of its model, else "price not set" (the engine then refuses
 * to send, as it cannot cap the cost).
 */
export function providerPrices(entry: Pick<CloudProviderEntry, 'model' | 'inputPerMillion' | 'outputPerMillion'>): string {
  const listed = defaultPriceTable[entry.model];
  const one = (own: number | null, builtIn: number | undefined): string =>
    own !== null ? dollars(own) : builtIn !== undefined ? `${dollars(builtIn)} (built-in)` : 'price not set';
  return `${one(entry.inputPerMillion, listed?.inputPerMillion)} / ${one(entry.outputPerMillion, listed?.outputPerMillion)}`;
}
