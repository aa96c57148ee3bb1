// The CLI run's --handover names one of the engine's kinds (its usage lists them with the default);
// anything else is refused with a sentence naming them, before any engine opens.
import { describe, expect, it } from 'vitest';
import { defaultHandover, handoverKinds } from '#shared/taskRequest.ts';
import { runCommand } from '../../../electron/cli/runCommand.ts';

describe('run --handover', () => {
  it("lists the engine's kinds and its default in the usage", () => {
    expect(runCommand.usage).toContain(`[--handover ${handoverKinds.join('|')} (default ${defaultHandover})]`);
    expect(handoverKinds).toContain('continue');
  });

  it('refuses a kind the engine does not have, opening nothing', async () => {
    let opened = false;
    const run = runCommand.run({
      args: ['--world-task', '1', '--handover', 'summary'],
      openEngine: () => {
        opened = true;
        throw new Error('no engine should open');
      },
      print: () => undefined,
    });
    await expect(run).rejects.toThrow(`--handover must be ${handoverKinds.join(' or ')}, not "summary".`);
    expect(opened).toBe(false);
  });
});
