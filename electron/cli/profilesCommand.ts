import { parseArgs } from 'node:util';
import { describeProfileDeletion } from '#shared/ipc/ProfileDeletion.ts';
import { unfinishedProtection } from '#shared/ipc/ProfileListing.ts';
import type { Engine } from '#core/engine.ts';
import { InvalidRequestError } from '#core/errors.ts';
import type { Command } from './Command.ts';

const passphraseSource = 'a file whose first line is the passphrase (--passphrase-file FILE) or $ATROPOS_PASSPHRASE';

/** The profile named (or with the id) `name`, or an error saying how to list them. */
function profileNamed(engine: Engine, name: string) {
  const found = engine.listProfileListings().find((profile) => profile.name === name || profile.id === name);
  if (found === undefined) throw new InvalidRequestError(`No profile named "${name}"; see npm run cli -- profiles.`);
  return found;
}

function needPassphrase(passphrase: string | undefined, what: string): string {
  if (passphrase === undefined || passphrase === '')
    throw new InvalidRequestError(`${what} needs a passphrase; give it in ${passphraseSource}.`);
  return passphrase;
}

/** A listing line: the active mark, name, privacy mode, protection, and an unfinished move's count. */
function listingLine(profile: ReturnType<Engine['listProfileListings']>[number]): string {
  const state = profile.isLocked ? 'protected, locked' : profile.isProtected ? 'protected' : 'unprotected';
  const line = `${profile.isActive ? '*' : ' '} ${profile.name}\t${profile.privacyMode}\t${state}\t${profile.id}`;
  const unfinished = unfinishedProtection(profile);
  return unfinished === null ? line : `${line}\n    ${unfinished}`;
}

/** Deletes a profile with --yes; without it, refuses with what the deletion would remove. */
function deleteProfile(engine: Engine, profileId: string, isConfirmed: boolean, print: (line: string) => void): void {
  const preview = engine.previewProfileDeletion(profileId);
  if (!isConfirmed)
    throw new InvalidRequestError(
      `Deleting "${preview.name}": ${describeProfileDeletion(preview).join(' ')} Nothing was deleted; run the command again with --yes to delete it.`,
    );
  const deleted = engine.deleteProfile(profileId);
  print(`deleted: ${deleted.name}`);
  for (const line of describeProfileDeletion(deleted, true)) print(`  ${line}`);
}

/**
 * `npm run cli -- profiles ...`: list, create, switch, protect and unprotect. A passphrase comes only
 * from --passphrase-file or $ATROPOS_PASSPHRASE (main.ts refuses one given as an argument).
 */
export const profilesCommand: Command = {
  name: 'profiles',
  summary:
    'List profiles; create one; switch to one; protect one with a passphrase or remove it (passphrase from --passphrase-file FILE or $ATROPOS_PASSPHRASE); delete one.',
  usage: `profiles [list]
    profiles create NAME [--privacy local-only|ask|auto-redact]
    profiles switch NAME [--passphrase-file FILE]   (the passphrase of a protected profile)
    profiles protect NAME --passphrase-file FILE    (the new passphrase, at least 8 characters)
    profiles unprotect NAME --passphrase-file FILE  (its current passphrase)
    profiles delete NAME [--yes]                    (not the active one; without --yes, says what would go)`,
  async run({ args, openEngine, passphrase, print }) {
    const { positionals, values } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { privacy: { type: 'string' }, yes: { type: 'boolean', default: false } },
    });
    const [verb = 'list', name] = positionals;
    if (verb !== 'list' && name === undefined) throw new InvalidRequestError(`Usage: ${profilesCommand.usage}`);
    // Protect's passphrase is the new one: it must not be tried on the locked active profile.
    // Deleting another profile needs no passphrase of the active one.
    const engine = openEngine({ isReadOnly: verb === 'list', unlock: verb !== 'protect' && verb !== 'delete' });
    try {
      if (verb === 'list') {
        for (const profile of engine.listProfileListings()) print(listingLine(profile));
      } else if (verb === 'switch') {
        const profile = engine.switchProfileWithPassphrase(profileNamed(engine, name ?? '').id, passphrase);
        print(`active: ${profile.name} (${profile.privacyMode})`);
      } else if (verb === 'protect') {
        const found = profileNamed(engine, name ?? '');
        if (found.isProtected)
          throw new InvalidRequestError(
            `"${found.name}" is already protected; to change its passphrase, unprotect it first, then protect it again.`,
          );
        const listing = engine.protectProfile(found.id, needPassphrase(passphrase, 'Protecting a profile'));
        print(`protected: ${listing.name}${listing.isActive ? ' (active, unlocked)' : ''}`);
      } else if (verb === 'unprotect') {
        const found = profileNamed(engine, name ?? '');
        if (!found.isProtected) throw new InvalidRequestError(`"${found.name}" is not protected; nothing to do.`);
        const current = needPassphrase(passphrase, 'Removing a passphrase');
        const listing = engine.protectProfile(found.id, null, current);
        print(`unprotected: ${listing.name}`);
      } else if (verb === 'delete') {
        deleteProfile(engine, profileNamed(engine, name ?? '').id, values.yes, print);
      } else if (verb === 'create') {
        const mode = values.privacy;
        if (mode !== undefined && mode !== 'local-only' && mode !== 'ask' && mode !== 'auto-redact') {
          throw new InvalidRequestError(`--privacy must be local-only, ask or auto-redact, not ${mode}.`);
        }
        const profile = engine.createProfile({ name: name ?? '', privacyMode: mode });
        print(`created ${profile.name} (${profile.privacyMode}) ${profile.id}`);
      } else {
        throw new InvalidRequestError(`Usage: ${profilesCommand.usage}`);
      }
    } finally {
      await engine.dispose();
    }
  },
};
