// A protected profile after a restart (issue 14.7): `npm run start:web` on a data folder whose active
// profile has a passphrase and a recorded task. The history is locked until the passphrase is
// entered in Settings (Unlock…); a wrong one is refused with a sentence; the right one shows the task.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createEngine } from '#core/engine.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';
import { openWebApp, screenshotsDir, unlabeledControls, type OpenWebApp } from '../helpers/openWebApp.ts';
import { startWebHost } from '../helpers/startWebHost.ts';

const prompt = 'What is the merger code name? (locked-profile e2e)';
let app: OpenWebApp;
let page: Page;

beforeAll(async () => {
  const ports = createTestPorts();
  const { dataDir } = ports.paths;
  const databaseFile = path.join(dataDir, 'atropos.sqlite');
  const engine = createEngine(ports, { databaseFile });
  const work = engine.createProfile({ name: 'Work' });
  engine.switchProfile(work.id);
  const db = openDatabase(databaseFile);
  try {
    const tasks = new TaskStore(db);
    tasks.insertTask({ id: 'task-locked', profileId: work.id, prompt, createdAt: Date.now() });
    tasks.finishTask('task-locked', 'succeeded', 'Bluebird', Date.now());
  } finally {
    db.close();
  }
  engine.protectProfile(work.id, 'correct horse battery');
  await engine.dispose();
  app = await openWebApp({ startHost: () => startWebHost(undefined, dataDir) });
  ({ page } = app);
}, 300_000);

afterAll(async () => {
  await app?.close();
});

describe('a protected active profile after a restart', () => {
  it('is locked until its passphrase is entered in Settings, then shows its history', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'History', exact: true }).click();
    const history = page.getByTestId('screen-history');
    await history.getByText(/passphrase has not been entered/).waitFor();
    expect(await history.getByRole('button', { name: prompt }).count()).toBe(0);

    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByTestId('screen-settings');
    await settings.getByText('Passphrase (locked)').waitFor();
    await settings.getByRole('button', { name: 'Unlock Work' }).click();
    const unlock = settings.getByTestId('profile-unlock');
    await unlock.getByLabel('Passphrase of Work').fill('wrong horse battery');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await unlock
      .getByRole('alert')
      .getByText(/passphrase is wrong/)
      .waitFor();
    await page.screenshot({ path: path.join(screenshotsDir, 'profile-locked-wrong.png'), fullPage: true });
    expect(await unlabeledControls(page)).toEqual([]);
    await unlock.getByLabel('Passphrase of Work').fill('correct horse battery');
    await unlock.getByRole('button', { name: 'Unlock' }).click();
    await settings.getByText('Passphrase (locked)').waitFor({ state: 'detached' });

    await page.getByRole('navigation').getByRole('link', { name: 'History', exact: true }).click();
    await page.getByTestId('screen-history').getByRole('button', { name: prompt }).waitFor();
  });
});
