// Every screen at 1024x700 in the light and the dark theme, with real history in the data folder
// (tasks the CLI ran with the fixture models, one escalated to a cloud, one whose cloud refused; a
// saved provider; a chat of two turns, the second escalated): no sideways scroll, nothing out of
// the window, no label cut without its full text on hover, the header in place, and no internal
// field name or error code on screen. Screenshots go to test-artifacts/screens/ to be looked at.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalNames, internalNamesIn } from '../helpers/internalNames.ts';
import { layoutProblems } from '../helpers/layoutProblems.ts';
import { openWebApp, startFixtureCloud, type OpenWebApp } from '../helpers/openWebApp.ts';
import { seedHistory } from '../helpers/seedHistory.ts';
import { startWebHost } from '../helpers/startWebHost.ts';

const screensDir = path.join('test-artifacts', 'screens');
const screens = ['Chat', 'Tasks', 'History', 'Models', 'Privacy', 'Budget', 'Predictor', 'Settings'];
const names = internalNames();

let app: OpenWebApp;
let page: Page;
let fixtureCloud: Awaited<ReturnType<typeof startFixtureCloud>>;
let dataDir: string | undefined;

beforeAll(async () => {
  mkdirSync(screensDir, { recursive: true });
  fixtureCloud = await startFixtureCloud();
  const seeded = await seedHistory(`${fixtureCloud.cloud.url}/v1`);
  dataDir = seeded;
  app = await openWebApp({
    viewport: { width: 1024, height: 700 },
    startHost: () => startWebHost(undefined, seeded),
  });
  ({ page } = app);
  await addDefaultProvider();
  await chatTwoTurns();
}, 900_000);

afterAll(async () => {
  await app?.close();
  await fixtureCloud?.close();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
});

async function open(screen: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: screen, exact: true }).click();
  await page.getByTestId(`screen-${screen.toLowerCase()}`).waitFor();
  await settle();
}

/** The models the paths of the data folder's newest task ran on, read from its database beside the host. */
function lastTaskModels(): string[] {
  const db = new Database(path.join(dataDir ?? '', 'atropos.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[], { model: string }>(
        'SELECT DISTINCT model FROM paths WHERE task_id = (SELECT id FROM tasks ORDER BY created_at DESC LIMIT 1)',
      )
      .all()
      .map((row) => row.model);
  } finally {
    db.close();
  }
}

/** Waits until nothing on the screen is loading, and charts have drawn. */
async function settle(): Promise<void> {
  await page.locator('main .loading').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.locator('main [aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 30_000 });
  await page.waitForTimeout(1_200);
}

/** The fixture cloud as a saved provider with a key and its own prices, the profile's default. */
async function addDefaultProvider(): Promise<void> {
  await open('Models');
  const section = page.getByTestId('cloud-providers');
  await section.getByLabel('Name').fill('Fixture cloud');
  await section.getByLabel('Base URL').fill(`${fixtureCloud.cloud.url}/v1`);
  await section.getByLabel('Model', { exact: true }).fill('atropos-world-target');
  await section.getByLabel('API key').fill('sk-layout-test');
  await section.getByLabel('Input price (USD per million tokens)').fill('3');
  await section.getByLabel('Output price (USD per million tokens)').fill('15');
  await section.getByRole('button', { name: 'Add provider' }).click();
  await section.getByTestId('cloud-provider-row').waitFor();
  await section.getByRole('button', { name: 'Use Fixture cloud by default' }).click();
  await section.getByRole('button', { name: 'Stop using Fixture cloud by default' }).waitFor();
}

/**
 * Two chat turns on two paths; the follow-up asks for the cloud at the checkpoint. The first carries
 * a long unbroken URL, which must wrap in its turn and be cut in the thread list, never widening the
 * chat sideways.
 */
async function chatTwoTurns(): Promise<void> {
  await open('Chat');
  const chat = page.getByTestId('screen-chat');
  const turns: [string, string][] = [
    [`What is 12+30? From https://intranet.example.com/wiki/${'Quarterly_Report_'.repeat(8)}2026`, 'never'],
    ['Now add 8 to that and mail it to ana.garcia@example.com', 'always'],
  ];
  for (const [position, [message, escalation]] of turns.entries()) {
    const options = chat.locator('details.chat-options');
    if ((await options.getAttribute('open')) === null) await options.locator('summary').click();
    await chat.locator('#chat-paths').fill('2');
    await chat.getByLabel('Cloud help at the checkpoint').selectOption(escalation);
    await chat.getByLabel('Your message').fill(message);
    await chat.getByRole('button', { name: 'Send' }).click();
    const turn = chat.locator(`[data-testid="chat-turn"][data-position="${position}"]`);
    await turn.locator('[data-testid="chat-answer"][data-live="false"]').waitFor({ timeout: 180_000 });
  }
  const options = chat.locator('details.chat-options');
  if ((await options.getAttribute('open')) !== null) await options.locator('summary').click();
}

/** Screenshots of the window, then of each further window-full of the screen as it scrolls. */
async function screenshots(name: string): Promise<void> {
  await page.screenshot({ path: path.join(screensDir, `${name}.png`) });
  const heights = await page.evaluate<{ scroll: number; client: number }>(
    `(() => { const m = document.querySelector('.app-main'); return { scroll: m.scrollHeight, client: m.clientHeight }; })()`,
  );
  for (let part = 1; part < 6 && part * heights.client < heights.scroll; part += 1) {
    await page.evaluate(`document.querySelector('.app-main').scrollTop = ${part * heights.client}`);
    await page.screenshot({ path: path.join(screensDir, `${name}-${part + 1}.png`) });
  }
  await page.evaluate(`document.querySelector('.app-main').scrollTop = 0`);
}

/** Measures the screen as shown and returns what is wrong with it (empty lists when nothing). */
async function check(name: string) {
  const found = await layoutProblems(page);
  await screenshots(name);
  const problems = {
    sidewaysPageScroll: found.pageScroll.scrollWidth > found.pageScroll.clientWidth ? [found.pageScroll] : [],
    pageScrollsDown: found.pageScrollsDown,
    headerTop: found.headerTop,
    outOfView: found.outOfView,
    sidewaysScrollers: found.sidewaysScrollers,
    cutLabels: found.cutLabels,
    internalNames: internalNamesIn(found.text, names),
  };
  // Beside the screenshots, for reading what a failure found in full.
  writeFileSync(path.join(screensDir, `${name}.json`), JSON.stringify({ ...problems, text: found.text }, null, 1));
  return problems;
}

const clean = {
  sidewaysPageScroll: [],
  pageScrollsDown: false,
  headerTop: 0,
  outOfView: [],
  sidewaysScrollers: [],
  cutLabels: [],
  internalNames: [],
};

describe.each(['light', 'dark'] as const)('every screen at 1024x700 in the %s theme', (scheme) => {
  beforeAll(async () => {
    await page.emulateMedia({ colorScheme: scheme });
  });

  it.each(screens)('%s fits and speaks plainly', async (screen) => {
    await open(screen);
    expect(await check(`${screen.toLowerCase()}-${scheme}`)).toEqual(clean);
  });

  it("a chat turn's recorded task, unfolded (paths, flow graph, checkpoint, cost, what left)", async () => {
    await open('Chat');
    await page.getByTestId('thread-list').getByRole('button', { name: 'What is 12+30?' }).click();
    // Both turns unfolded: the first one's recorded question holds the long URL.
    for (const position of [0, 1]) {
      const details = page.locator(`[data-testid="chat-turn"][data-position="${position}"] details.chat-turn-details`);
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
      await details.locator('.turn-details').waitFor();
    }
    const turn = page.locator('[data-testid="chat-turn"][data-position="1"]');
    // Where its local paths ran, as the turn's task recorded it (the backend and the path mode).
    await expect(turn.getByTestId('local-run').innerText()).resolves.toMatch(
      /^Ran locally on the (CPU|GPU)\b.* paths? /,
    );
    await settle();
    await turn.locator('.turn-details').scrollIntoViewIfNeeded();
    expect(await check(`chat-turn-${scheme}`)).toEqual(clean);
    for (const position of [0, 1]) {
      await page
        .locator(`[data-testid="chat-turn"][data-position="${position}"] details.chat-turn-details > summary`)
        .click();
    }
  });

  it.each([
    ['escalated', 'What is 12+30*2? Send it to'],
    ['refused', 'What is 83*82-45?'],
  ])('History reopens the %s task', async (kind, question) => {
    await open('History');
    const history = page.getByTestId('screen-history');
    await history.getByRole('button', { name: new RegExp(`^${question.replace(/[*+?]/g, '\\$&')}`) }).click();
    const detail = history.getByTestId('task-detail');
    await detail.getByTestId('path-lane-0').waitFor();
    await expect(detail.locator('p.secondary-text').first().innerText()).resolves.toMatch(
      /^Started .* · [A-Z]\w+.* · Cost /,
    );
    await detail.getByTestId('success-chance').locator('text', { hasText: 'steps, all paths together' }).waitFor();
    await settle();
    try {
      expect(await check(`history-${kind}-${scheme}`)).toEqual(clean);
    } finally {
      await history.getByRole('button', { name: /Back to the list/ }).click();
    }
  });

  it('Settings asks before deleting a profile, saying what goes, then deletes it', async () => {
    await open('Settings');
    const settings = page.getByTestId('screen-settings');
    const name = `Old ${scheme}`;
    await settings.getByLabel('New profile name').fill(name);
    await settings.getByRole('button', { name: 'Create profile' }).click();
    await settings.getByText(`Created profile “${name}”.`).waitFor();
    await settings.getByRole('button', { name: `Delete ${name}` }).click();
    const panel = settings.getByTestId('profile-delete');
    await panel.getByText('It has no tasks or chats.').waitFor();
    await settle();
    expect(await check(`settings-delete-${scheme}`)).toEqual(clean);
    await panel.getByRole('button', { name: 'Delete profile' }).click();
    await settings.getByText(`Deleted profile “${name}”.`).waitFor();
    await expect(settings.getByRole('cell', { name, exact: true }).count()).resolves.toBe(0);
  });

  it('Tasks shows a run it just made, with its lanes, graph and checkpoint', async () => {
    await open('Tasks');
    const tasks = page.getByTestId('screen-tasks');
    await tasks.getByLabel('Practice task number').fill('5');
    await tasks.getByRole('spinbutton', { name: 'Paths' }).fill('3');
    // The CLI run's per-run options, open so they are checked at this size too.
    await tasks.locator('details.advanced-options > summary').click();
    await tasks.getByRole('spinbutton', { name: 'Random seed' }).fill('7');
    // --max-tokens and --model: a longest answer and the target fixture, among the models Models lists.
    await tasks.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('64');
    const modelChoice = tasks.getByRole('combobox', { name: 'Local model' });
    // Two fixtures share a file name (fixtures/ and fixtures-open/): the choice tells them apart by their header's name.
    const target = modelChoice.locator('option', { hasText: 'target.gguf (atropos-world-target)' });
    await target.waitFor({ state: 'attached' });
    await expect(modelChoice.locator('option', { hasText: /^target\.gguf \(/ }).count()).resolves.toBe(2);
    await modelChoice.selectOption((await target.getAttribute('value')) ?? '');
    await tasks.getByRole('button', { name: 'Run' }).click();
    await page.locator('[data-testid="task-run"][data-phase="finished"]').waitFor({ timeout: 120_000 });
    await settle();
    expect(await check(`tasks-run-${scheme}`)).toEqual(clean);
    // Its paths ran on the model it named, as recorded (by file name), not on Models' source fixture.
    expect(lastTaskModels()).toEqual(['local:target.gguf']);
  });
});

it('Models says what local models run on, as the engine opened the backend for the chat', async () => {
  await open('Models');
  const line = page.getByTestId('compute-backend');
  // This machine has no GPU node-llama-cpp can use (CI runs on the CPU); a GPU machine names its backend.
  await expect(line.getAttribute('data-backend')).resolves.toMatch(/^(cpu|cuda|vulkan|metal)$/);
  await expect(line.innerText()).resolves.toMatch(/^Local models run on the (CPU|GPU through \w+)/);
  // How the engine runs a task's paths, as the local provider reports it (not a fixed sentence of the UI).
  const pathMode = line.getByTestId('path-mode');
  await expect(pathMode.getAttribute('data-kind')).resolves.toBe('context-per-path');
  await expect(pathMode.innerText()).resolves.toMatch(
    /^Each path of a task runs in a llama context of its own on \d+ threads?/,
  );
});

it('Chat focuses its composer when it opens; the composer and the Privacy sample use the UI font', async () => {
  await open('Tasks');
  await open('Chat');
  await expect(page.evaluate<string>(`document.activeElement?.id ?? ''`)).resolves.toBe('chat-prompt');
  const fontOf = (selector: string) =>
    page.evaluate<string>(`getComputedStyle(document.querySelector('${selector}')).fontFamily`);
  const uiFont = await fontOf('body');
  await expect(fontOf('#chat-prompt')).resolves.toBe(uiFont);
  await open('Privacy');
  await expect(fontOf('#redaction-sample')).resolves.toBe(uiFont);
});

it('Budget names the per-task cap once and shows the daily reset on the UTC clock its field names', async () => {
  await open('Budget');
  const budget = page.getByTestId('screen-budget');
  await expect(budget.getByText(/^Per-task cap/).count()).resolves.toBe(1);
  const reset = budget.locator('.statistic', { hasText: 'Daily cap resets' }).locator('dd');
  await expect(reset.innerText()).resolves.toMatch(/UTC$/);
  await budget.getByLabel('Daily cap (USD, resets 00:00 UTC)').waitFor();
});

it('logged no page or console error', () => {
  expect(app.problems).toEqual([]);
});
