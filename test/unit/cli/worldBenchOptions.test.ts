// The options the world benches share (bench world, policy, prune): their defaults, and a value
// that is not a whole number refused with the option's name before any model loads.
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { benchCommand } from '../../../electron/cli/benchCommand.ts';
import { readWorldBenchOptions, worldBenchOptions } from '../../../electron/cli/worldBenchOptions.ts';

async function run(args: readonly string[]): Promise<void> {
  await benchCommand.run({
    args,
    print: () => undefined,
    openEngine: () => {
      throw new Error('a world bench needs no engine');
    },
  });
}

describe('world bench options', () => {
  it('default to 200 tasks from seed 9000001, 5 paths and the concurrency the bench asks for', () => {
    for (const concurrency of ['1', '2'] as const) {
      const { values } = parseArgs({ args: [], options: worldBenchOptions({ concurrency }) });
      expect(values).toEqual({ tasks: '200', seed: '9000001', paths: '5', concurrency, json: false });
      expect(readWorldBenchOptions(values)).toEqual({
        tasks: 200,
        seed: 9000001,
        paths: 5,
        concurrency: Number(concurrency),
      });
    }
    const { values } = parseArgs({
      args: ['--tasks', '7', '--seed', '0', '--paths', '3', '--concurrency', '4', '--source', 'a.gguf', '--json'],
      options: worldBenchOptions({ concurrency: '1' }),
    });
    expect(values).toMatchObject({ source: 'a.gguf', json: true });
    expect(readWorldBenchOptions(values)).toEqual({ tasks: 7, seed: 0, paths: 3, concurrency: 4 });
  });

  it.each([
    [['prune', '--tasks', '0'], '--tasks takes a whole number of at least 1, not "0".'],
    [['prune', '--paths', 'five'], '--paths takes a whole number of at least 1, not "five".'],
    [['policy', '--seed=-1'], '--seed takes a whole number of at least 0, not "-1".'],
    [['policy', '--concurrency', '0'], '--concurrency takes a whole number of at least 1, not "0".'],
    [['world', '--tasks', '2.5'], '--tasks takes a whole number of at least 1, not "2.5".'],
  ])('bench %j is refused with its option named', async (args, message) => {
    await expect(run(args)).rejects.toThrow(message);
  });

  it('keeps each bench to its own options: prune takes no target model', async () => {
    await expect(run(['prune', '--target', 'b.gguf'])).rejects.toThrow(/Unknown option '--target'/);
  });
});
