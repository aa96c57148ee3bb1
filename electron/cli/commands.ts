import type { Command } from './Command.ts';
import { benchCommand } from './benchCommand.ts';
import { policyCommand } from './policyCommand.ts';
import { predictorCommand } from './predictorCommand.ts';
import { profilesCommand } from './profilesCommand.ts';
import { redactCommand } from './redactCommand.ts';
import { runCommand } from './runCommand.ts';
import { serveCommand } from './serveCommand.ts';

const info: Command = {
  name: 'info',
  summary: 'Print the app version, data folder, database and schema version as JSON.',
  usage: 'info',
  async run({ openEngine, print }) {
    const engine = openEngine({ isReadOnly: true });
    try {
      print(JSON.stringify(engine.getAppInfo(), null, 2));
    } finally {
      await engine.dispose();
    }
  },
};

/** Every CLI command, in the order --help lists them. Later features append theirs here. */
export const commands: readonly Command[] = [
  info,
  profilesCommand,
  predictorCommand,
  runCommand,
  benchCommand,
  policyCommand,
  serveCommand,
  redactCommand,
];
