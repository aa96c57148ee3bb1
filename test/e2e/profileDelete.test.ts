// Deleting profiles in Settings, on `npm run start:web` over a data folder with three profiles: Work
// (active, with a recorded task), Home (unprotected, a recorded task and a charge) and Vault
// (protected: its task in its encrypted file). The active profile offers no Delete; each Delete asks
// first, saying what goes as the engine counted it; Keep it changes nothing; Delete profile removes
// the profile, and Vault's encrypted history file leaves the data folder without its passphrase.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createEngine } from '#core/engine.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';
import { openWebApp, screenshotsDir, unlabeledControls, type OpenWebApp } from '../helpers/openWebApp.ts';
import { startWebHost } from '../helpers/startWebHost.ts';

let app: OpenWebApp;
let page: Page;
let vaultFile = '';

beforeAll(async () => {
  const ports = createTestPorts();
  const { dataDir } = ports.paths;
  const databaseFile = path.join(dataDir, 'atropos.sqlite');
  const engine = createEngine(ports, { databaseFile });
  const work = engine.createProfile({ name: 'Work' });
  const home = engine.createProfile({ name: 'Home' });
  const vault = engine.createProfile({ name: 'Vault' });
  engine.switchProfile(work.id);
  const db = openDatabase(databaseFile);
  try {
    const tasks = new TaskStore(db);
    for (const [id, profileId] of [
      ['task-work', work.id],
      ['task-home', home.id],
      ['task-vault', vault.id],
    ] as const) {
      tasks.insertTask({ id, profileId, prompt: `A question of ${id}`, createdAt: Date.now() });
      tasks.finishTask(id, 'succeeded', 'an answer', Date.now());
    }
    db.prepare(
      `INSERT INTO cost_ledger (profile_id, task_id, provider, model, tokens_in, tokens_out, cost_usd, at)
       VALUES (?, 'task-home', 'openai:test', 'm', 10, 20, 0.25, ?)`,
    ).run(home.id, Date.now());
  } finally {
    db.close();
  }
  engine.protectProfile(vault.id, 'correct horse battery');
  await engine.dispose();
  vaultFile = path.join(dataDir, `history-${vault.id}.sqlite`);
  app = await openWebApp({ startHost: () => startWebHost(undefined, dataDir) });
  ({ page } = app);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('deleting profiles in Settings', () => {
  it('asks first, says what goes, keeps the profile on Keep it, and deletes on Delete profile', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByTestId('screen-settings');
    await settings.getByRole('button', { name: 'Delete Home' }).waitFor();
    // The active profile is not offered for deletion.
    expect(await settings.getByRole('button', { name: 'Delete Work' }).count()).toBe(0);

    await settings.getByRole('button', { name: 'Delete Vault' }).click();
    const panel = settings.getByTestId('profile-delete');
    await panel.getByText(/^Its encrypted history file .* is deleted; its passphrase is not needed\.$/).waitFor();
    await panel.getByText('It has no spending record.').waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'profile-delete-protected.png'), fullPage: true });
    expect(await unlabeledControls(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Keep it' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(existsSync(vaultFile)).toBe(true);

    await settings.getByRole('button', { name: 'Delete Vault' }).click();
    await panel.getByRole('button', { name: 'Delete profile' }).click();
    await settings.getByText('Deleted profile “Vault”.').waitFor();
    // The list reloads after the sentence shows: wait for the row to go rather than count at once.
    await settings.getByRole('button', { name: 'Delete Vault' }).waitFor({ state: 'detached' });
    expect(existsSync(vaultFile)).toBe(false);

    await settings.getByRole('button', { name: 'Delete Home' }).click();
    await panel
      .getByText(
        'Its history: 1 task and 0 chats, with their redaction vaults and the record of what left this computer, are deleted.',
      )
      .waitFor();
    await panel.getByText(/^Its spending record \(1 entry, \$0\.25\) and its budget caps are deleted;/).waitFor();
    await panel.getByRole('button', { name: 'Delete profile' }).click();
    await settings.getByText('Deleted profile “Home”.').waitFor();

    // Work's own history is untouched.
    await page.getByRole('navigation').getByRole('link', { name: 'History', exact: true }).click();
    await page
      .getByTestId('screen-history')
      .getByRole('button', { name: /^A question of task-work/ })
      .waitFor();
    expect(
      await page
        .getByTestId('screen-history')
        .getByText(/task-home|task-vault/)
        .count(),
    ).toBe(0);
  });
});
