// The CLI run's --max-tokens takes the window's range (task:start's schema): 1 to longestAnswerTokens,
// refused outside it with a sentence naming the option, before any engine opens.
import { describe, expect, it } from 'vitest';
import { longestAnswerTokens, requestSchemas } from '#shared/ipc/schemas.ts';
import { wholeNumber } from '../../../electron/cli/options.ts';
import { runCommand } from '../../../electron/cli/runCommand.ts';

describe('run --max-tokens', () => {
  it('takes 1 to longestAnswerTokens, the range task:start accepts', () => {
    expect(wholeNumber('1', 'max-tokens', 1, longestAnswerTokens)).toBe(1);
    expect(wholeNumber(String(longestAnswerTokens), 'max-tokens', 1, longestAnswerTokens)).toBe(longestAnswerTokens);
    for (const maxTokens of [1, longestAnswerTokens])
      expect(requestSchemas['task:start'].safeParse({ worldTask: 1, maxTokens }).success).toBe(true);
    expect(requestSchemas['task:start'].safeParse({ worldTask: 1, maxTokens: longestAnswerTokens + 1 }).success).toBe(
      false,
    );
    // Without a maximum, an option keeps its old sentence.
    expect(() => wholeNumber('0', 'paths', 1)).toThrow('--paths takes a whole number of at least 1, not "0".');
  });

  it.each(['0', String(longestAnswerTokens + 1), '2.5', 'lots'])(
    'refuses --max-tokens %s with a sentence, opening nothing',
    async (value) => {
      let opened = false;
      const run = runCommand.run({
        args: ['--world-task', '1', '--max-tokens', value],
        openEngine: () => {
          opened = true;
          throw new Error('no engine should open');
        },
        print: () => undefined,
      });
      await expect(run).rejects.toThrow(
        `--max-tokens takes a whole number from 1 to ${longestAnswerTokens}, not "${value}".`,
      );
      expect(opened).toBe(false);
    },
  );
});
