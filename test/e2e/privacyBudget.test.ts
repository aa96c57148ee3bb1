// The Privacy, Budget, Predictor and Settings screens end to end: `npm run start:web` with the real
// engine and the fixture models, driven in Chromium, with the "cloud" being the target fixture model
// served over HTTP by this test. A custom pattern shows as its placeholder in the live preview; a
// tiny daily cap blocks an escalation and the lane names the cap; an allowed escalation appears in
// the egress audit log and the spend charts; a cloud that fails mid-hotswap leaves the task to
// finish locally; a protected profile asks for its passphrase. Screenshots of each state are saved.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelServer } from '#lab/llm/server/createModelServer.ts';
import {
  openWebApp,
  screenshotsDir,
  startFixtureCloud,
  unlabeledControls,
  type OpenWebApp,
} from '../helpers/openWebApp.ts';

const screenshots = screenshotsDir;

let app: OpenWebApp;
let page: Page;
let problems: string[];
let fixtureCloud: Awaited<ReturnType<typeof startFixtureCloud>>;
let cloud: ModelServer;

beforeAll(async () => {
  fixtureCloud = await startFixtureCloud();
  cloud = fixtureCloud.cloud;
  app = await openWebApp();
  ({ page, problems } = app);
});

afterAll(async () => {
  await app?.close();
  await fixtureCloud?.close();
});

async function open(name: 'Tasks' | 'Privacy' | 'Budget' | 'Predictor' | 'Settings'): Promise<Locator> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  const screen = page.getByTestId(`screen-${name.toLowerCase()}`);
  await screen.waitFor();
  return screen;
}

async function setDailyCap(value: string): Promise<void> {
  const budget = await open('Budget');
  await budget.getByLabel(/^Daily cap/).fill(value);
  await budget.getByRole('button', { name: 'Save caps' }).click();
  await budget.getByText('Caps saved.').waitFor();
}

/** The little of the page's globals the phase recorder uses (the tests' tsconfig has no DOM types). */
type PageGlobals = {
  document: {
    body: unknown;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
  runPhases?: string[];
};

/**
 * Runs world task 3 (or `question`) with escalation 'always' to the cloud at `baseUrl`, and waits
 * for its end.
 */
async function runEscalatingTask(baseUrl: string, question?: string): Promise<Locator> {
  const screen = await open('Tasks');
  await screen.getByLabel('Question').fill(question ?? '');
  await screen.getByLabel('Practice task number').fill(question === undefined ? '3' : '');
  await screen.getByRole('spinbutton', { name: 'Paths' }).fill('2');
  await screen.getByLabel('Strategy').selectOption('sequential');
  await screen.getByLabel('Escalation').selectOption('always');
  await screen.getByRole('textbox', { name: 'Check for failure after' }).fill('1');
  const details = screen.locator('details.cloud-endpoint');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await screen.getByLabel('Escalate to').selectOption('endpoint');
  await screen.getByLabel('API', { exact: true }).selectOption('openai');
  await screen.getByLabel('Endpoint URL').fill(`${baseUrl}/v1`);
  await screen.getByLabel('Model', { exact: true }).fill('atropos-world-target');
  // With the model kept warm a task can pass through "running" faster than a locator polls: record
  // every phase the run shows from the click on, and wait until this run has run and finished.
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const seen: string[] = [];
    page.runPhases = seen;
    new page.MutationObserver(() => {
      const phase = page.document.querySelector('[data-testid="task-run"]')?.getAttribute('data-phase');
      if (phase !== null && phase !== undefined && seen.at(-1) !== phase) seen.push(phase);
    }).observe(page.document.body, { subtree: true, childList: true, attributes: true });
  });
  await screen.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction(
    () => {
      const seen = (globalThis as unknown as PageGlobals).runPhases ?? [];
      const running = seen.indexOf('running');
      return running >= 0 && seen.indexOf('finished', running) > running;
    },
    undefined,
    { timeout: 60_000 },
  );
  return screen;
}

/**
 * A cloud that dies mid-hotswap: it passes the first request to the model server but cuts the
 * connection after the first chunk of the answer, then drops every later connection. A fake,
 * because the real server cannot be made to fail at that moment on demand.
 */
async function startFailingCloud(): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((incoming, outgoing) => {
    requests += 1;
    if (requests > 1) {
      incoming.socket.destroy();
      return;
    }
    const upstream = httpRequest(
      `${cloud.url}${incoming.url ?? '/'}`,
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.once('data', (chunk: Buffer) => {
          outgoing.write(chunk.subarray(0, Math.max(1, Math.floor(chunk.length / 2))));
          answer.destroy();
          outgoing.destroy();
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('privacy and budget in Chromium against start:web', () => {
  it('previews a custom pattern as its placeholder, names a malformed one at its field, and saves', async () => {
    const privacy = await open('Privacy');
    await privacy.getByRole('button', { name: 'Add pattern' }).click();
    await privacy.getByLabel('Pattern 1').fill('EMP-(\\d{6}');
    await privacy.getByLabel('Label 1').fill('EMPLOYEE_ID');
    await privacy.locator('#custom-pattern-0-pattern-error', { hasText: /not a valid regular expression/ }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'privacy-pattern-error.png'), fullPage: true });
    await privacy.getByLabel('Pattern 1').fill('emp-\\d{6}');
    await privacy.getByLabel('Ignore case (1)').check();
    const preview = privacy.getByTestId('redaction-preview');
    await preview.locator('mark.redaction', { hasText: '[EMPLOYEE_ID_1]' }).waitFor();
    expect(await preview.innerText()).not.toContain('EMP-004211');
    await expect(preview.locator('mark.redaction', { hasText: '[EMAIL_1]' }).count()).resolves.toBe(1);
    await privacy.getByRole('button', { name: 'Save redaction settings' }).click();
    await privacy.getByText('Redaction settings saved.').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'privacy-live-preview.png'), fullPage: true });
    // Automatic redaction, so escalations below go out without a question.
    await privacy.getByLabel(/^Automatic/).check();
    await privacy.getByText(/Privacy mode set to/).waitFor();
    expect(await unlabeledControls(page)).toEqual([]);
  });

  it('blocks an escalation with a tiny daily cap: the task finishes locally and the lane names the cap', async () => {
    await setDailyCap('0.0001');
    const screen = await runEscalatingTask(cloud.url);
    const fallback = screen.locator('.lane-fallback', { hasText: /daily cap of \$0\.0001/ });
    await fallback.first().waitFor();
    await screen.getByText('Stayed local: a budget cap blocked it').first().waitFor();
    await screen.getByTestId('final-answer').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'budget-cap-blocked.png'), fullPage: true });
    const privacy = await open('Privacy');
    await privacy.getByText('Nothing has left this machine.').waitFor();
  });

  it('lists an allowed escalation in the egress audit log and charts its spend', async () => {
    await setDailyCap('');
    const screen = await runEscalatingTask(
      cloud.url,
      'What is 12+30*2? Employee EMP-004211 (ana.garcia@example.com) asks.',
    );
    await screen.locator('.provider-cloud').first().waitFor();
    const privacy = await open('Privacy');
    const log = privacy.getByTestId('egress-table');
    await log.waitFor();
    const firstRow = log.locator('tbody tr').first();
    await expect(firstRow.innerText()).resolves.toMatch(/atropos-world-target/);
    await expect(firstRow.innerText()).resolves.toMatch(/Policy/);
    // In words: what the request was for, under the plain heading (not "Egress audit log").
    await expect(firstRow.getByTestId('egress-kind').innerText()).resolves.toBe('Task request');
    await privacy.getByRole('heading', { name: 'What left this computer' }).waitFor();
    // Redactions by type: the profile's own pattern and the built-in email detector.
    await expect(log.innerText()).resolves.toMatch(/custom × 1/);
    await expect(log.innerText()).resolves.toMatch(/email × 1/);
    await log.screenshot({ path: path.join(screenshots, 'privacy-audit-log.png') });
    const budget = await open('Budget');
    await budget.getByTestId('daily-spend').locator('.recharts-rectangle').first().waitFor();
    await budget.getByTestId('provider-spend').waitFor();
    await page.screenshot({ path: path.join(screenshots, 'budget-spend-charts.png'), fullPage: true });
    expect(await unlabeledControls(page)).toEqual([]);
  });

  it('falls back to the local model when the cloud fails mid-hotswap, and shows the fallback', async () => {
    const failing = await startFailingCloud();
    try {
      const screen = await runEscalatingTask(failing.url);
      expect(failing.requests()).toBeGreaterThan(0);
      await screen.locator('.lane-fallback').first().waitFor();
      await screen.getByTestId('final-answer').waitFor();
      const lanes = screen.locator('[data-testid^="path-lane-"]');
      for (let index = 0; index < (await lanes.count()); index += 1) {
        await expect(lanes.nth(index).locator('.provider-chip').last().getAttribute('class')).resolves.toContain(
          'provider-local',
        );
      }
      await page.screenshot({ path: path.join(screenshots, 'cloud-failed-fallback.png'), fullPage: true });
    } finally {
      await failing.close();
    }
  });

  it('shows the predictor history and says why there is no ROC curve', async () => {
    const predictor = await open('Predictor');
    await predictor.getByText('Labelled tasks (history size)').waitFor();
    await predictor.getByRole('button', { name: 'Retrain from history' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'predictor.png'), fullPage: true });
    expect(await unlabeledControls(page)).toEqual([]);
  });

  it('protects a profile: switching asks for the passphrase and a wrong one is refused', async () => {
    const settings = await open('Settings');
    await settings.getByLabel('New profile name').fill('Work');
    await settings.getByRole('button', { name: 'Create profile' }).click();
    await settings.getByText('Created profile “Work”.').waitFor();
    await settings.getByRole('button', { name: 'Protection of Work' }).click();
    const protect = settings.getByTestId('profile-protect');
    await protect.getByLabel('New passphrase', { exact: true }).fill('correct horse');
    await protect.getByLabel('Repeat the new passphrase').fill('correct horse');
    await protect.getByRole('button', { name: 'Protect profile' }).click();
    await protect.getByText('Passphrase saved.').waitFor();
    await protect.getByRole('button', { name: 'Close' }).click();
    await settings.getByRole('button', { name: 'Switch to Work' }).click();
    const unlock = settings.getByTestId('profile-unlock');
    await unlock.getByLabel('Passphrase of Work').fill('wrong horse');
    await unlock.getByRole('button', { name: 'Switch' }).click();
    await unlock
      .getByRole('alert')
      .getByText(/passphrase is wrong/)
      .waitFor();
    await expect(page.getByTestId('active-profile').innerText()).resolves.toBe('Default');
    await page.screenshot({ path: path.join(screenshots, 'profile-wrong-passphrase.png'), fullPage: true });
    expect(await unlabeledControls(page)).toEqual([]);
    await unlock.getByLabel('Passphrase of Work').fill('correct horse');
    await unlock.getByRole('button', { name: 'Switch' }).click();
    await page.getByTestId('active-profile').getByText('Work').waitFor();
  });

  it('logs no console errors under the strict CSP', () => {
    expect(problems).toEqual([]);
  });
});
