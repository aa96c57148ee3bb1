import { wholeNumber } from './options.ts';

/**
 * The parseArgs options every bench on world tasks takes (world, policy, prune): how many tasks,
 * from which seed, how many paths, how many tasks at once, the source model and --json. A bench
 * adds its own (the target model, its settings) beside them.
 */
export function worldBenchOptions(defaults: { readonly concurrency: '1' | '2'; readonly seed?: string }) {
  return {
    tasks: { type: 'string', default: '200' },
    source: { type: 'string' },
    seed: { type: 'string', default: defaults.seed ?? '9000001' },
    paths: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: defaults.concurrency },
    json: { type: 'boolean', default: false },
  } as const;
}

/** The numbers of {@link worldBenchOptions}, checked. */
export type WorldBenchSettings = {
  readonly tasks: number;
  readonly seed: number;
  readonly paths: number;
  readonly concurrency: number;
};

/** Reads the parsed {@link worldBenchOptions}; a value that is not a whole number is an error naming its option. */
export function readWorldBenchOptions(values: {
  readonly tasks: string;
  readonly seed: string;
  readonly paths: string;
  readonly concurrency: string;
}): WorldBenchSettings {
  return {
    tasks: wholeNumber(values.tasks, 'tasks', 1),
    seed: wholeNumber(values.seed, 'seed', 0),
    paths: wholeNumber(values.paths, 'paths', 1),
    concurrency: wholeNumber(values.concurrency, 'concurrency', 1),
  };
}
