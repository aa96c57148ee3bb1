// A cloud provider's prices as the Models screen lists them: its own, else its model's built-in list
// price (the engine's table, shared), else "price not set" — never a bare "default".
import { describe, expect, it } from 'vitest';
import { providerPrices } from '../../renderer/src/screens/models/providerPrices.ts';

describe('providerPrices', () => {
  it('names the built-in list price of a known model when the provider has none of its own', () => {
    expect(providerPrices({ model: 'gpt-4o-mini', inputPerMillion: null, outputPerMillion: null })).toBe(
      '$0.15 (built-in) / $0.60 (built-in)',
    );
  });

  it('shows the provider’s own prices over the built-in ones', () => {
    expect(providerPrices({ model: 'gpt-4o-mini', inputPerMillion: 0.2, outputPerMillion: null })).toBe(
      '$0.20 / $0.60 (built-in)',
    );
    expect(providerPrices({ model: 'my-model', inputPerMillion: 1.5, outputPerMillion: 0.000125 })).toBe(
      '$1.50 / $0.000125',
    );
  });

  it('says the price is not set for a model outside the built-in list', () => {
    const shown = providerPrices({ model: 'my-model', inputPerMillion: null, outputPerMillion: null });
    expect(shown).toBe('price not set / price not set');
    expect(shown).not.toMatch(/default/);
  });
});
