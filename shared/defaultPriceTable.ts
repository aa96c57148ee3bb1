/** A model's list price in US dollars per million tokens (the engine's ModelPrice). */
export type ListPrice = { readonly inputPerMillion: number; readonly outputPerMillion: number };

/**
 * List prices (USD per million tokens, input / output) of common cloud models, as their vendors
 * published them (the GPT-3.5 and GPT-4 0613 prices are those of the recorded AutoFL runs the
 * offline policy simulation reads, ../shared/data/TRAJECTORIES.md), and the project's own models: local models cost nothing by default, and the
 * world's target fixture, served as the "cloud" of tests and benchmarks, has a nominal price so
 * that budgets and cost shares can be measured with it. Shared, so the window can show a provider's
 * price when it has none of its own.
 */
export const defaultPriceTable: Readonly<Record<string, ListPrice>> = {
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4-0613': { inputPerMillion: 30, outputPerMillion: 60 },
  'gpt-3.5-turbo-0613': { inputPerMillion: 1.5, outputPerMillion: 2 },
  'claude-sonnet-4-5': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-haiku-4-5': { inputPerMillion: 1, outputPerMillion: 5 },
  'claude-opus-4-1': { inputPerMillion: 15, outputPerMillion: 75 },
  'atropos-world-target': { inputPerMillion: 1, outputPerMillion: 4 },
};
