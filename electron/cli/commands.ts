import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import type { Command } from './Command.ts';
import { benchCommand } from './benchCommand.ts';
import { policyCommand } from './policyCommand.ts';
import { predictorCommand } from './predictorCommand.ts';
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

const profiles: Command = {
  name: 'profiles',
  summary: 'List profiles, create one (create NAME [--privacy local-only|ask|auto-redact]) or switch (switch NAME).',
  usage: 'profiles [create NAME [--privacy MODE] | switch NAME [--passphrase P]]',
  async run({ args, openEngine, print }) {
    const { positionals, values } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { privacy: { type: 'string' }, passphrase: { type: 'string' } },
    });
    const [verb, name] = positionals;
    const engine = openEngine({ isReadOnly: verb === undefined || verb === 'list' });
    try {
      if (verb === undefined || verb === 'list') {
        for (const profile of engine.listProfiles()) {
          print(`${profile.isActive ? '*' : ' '} ${profile.name}\t${profile.privacyMode}\t${profile.id}`);
        }
      } else if (verb === 'switch' && name !== undefined) {
        const found = engine.listProfiles().find((profile) => profile.name === name || profile.id === name);
        if (found === undefined)
          throw new InvalidRequestError(`No profile named "${name}"; see npm run cli -- profiles.`);
        const profile = engine.switchProfileWithPassphrase(found.id, values.passphrase);
        print(`active: ${profile.name} (${profile.privacyMode})`);
      } else if (verb === 'create' && name !== undefined) {
        const mode = values.privacy;
        if (mode !== undefined && mode !== 'local-only' && mode !== 'ask' && mode !== 'auto-redact') {
          throw new InvalidRequestError(`--privacy must be local-only, ask or auto-redact, not ${mode}.`);
        }
        const profile = engine.createProfile({ name, privacyMode: mode });
        print(`created ${profile.name} (${profile.privacyMode}) ${profile.id}`);
      } else {
        throw new InvalidRequestError(`Usage: ${profiles.usage}`);
      }
    } finally {
      await engine.dispose();
    }
  },
};

/** Every CLI command, in the order --help lists them. Later features append theirs here. */
export const commands: readonly Command[] = [
  info,
  profiles,
  predictorCommand,
  runCommand,
  benchCommand,
  policyCommand,
  serveCommand,
  redactCommand,
];
