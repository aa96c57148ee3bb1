import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/launchChromium.ts';
import { unlabeledControls } from '../helpers/openWebApp.ts';
import { startWebHost, type StartedWebHost } from '../helpers/startWebHost.ts';

const screens = ['Chat', 'Tasks', 'History', 'Models', 'Privacy', 'Budget', 'Predictor', 'Settings'];
const screenshots = path.join('test-artifacts', 'screenshots');

let host: StartedWebHost;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  host = await startWebHost();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
});

/** A host message with the `models` list removed from any object that carries `modelsDir` (the model catalog). */
function withoutCatalogModels(message: string | Buffer): string | Buffer {
  if (typeof message !== 'string' || !message.includes('"modelsDir":')) return message;
  const strip = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if ('modelsDir' in record) delete record['models'];
    for (const child of Object.values(record)) strip(child);
  };
  const parsed: unknown = JSON.parse(message);
  strip(parsed);
  return JSON.stringify(parsed);
}

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('npm run start:web in Chromium', () => {
  it('renders the app shell with the active profile', async () => {
    await page.goto(host.url);
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    await expect(page.getByText('Default').first().isVisible()).resolves.toBe(true);
  });

  it.each(screens)('navigates to %s and shows its data', async (screen) => {
    await page.getByRole('navigation').getByRole('link', { name: screen, exact: true }).click();
    await page.getByTestId(`screen-${screen.toLowerCase()}`).waitFor();
    await page.getByRole('heading', { level: 1, name: screen }).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(screenshots, `${screen.toLowerCase()}.png`), fullPage: true });
    // Every control a person can reach has an accessible name.
    expect(await unlabeledControls(page)).toEqual([]);
  });

  it('creates and switches a profile through the engine, and the header follows', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByTestId('screen-settings');
    await settings.getByLabel(/new profile name/i).fill('Research');
    await settings.getByRole('button', { name: /create/i }).click();
    await settings.getByText('Research').first().waitFor();
    await settings
      .getByRole('button', { name: /switch/i })
      .first()
      .click();
    await page.getByRole('banner').getByText('Research').waitFor();
  });

  it('brings an out-of-range setting into view with its range, and says when settings are saved', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByTestId('screen-settings');
    const paths = settings.getByLabel('Paths per task');
    await paths.fill('99');
    // Save is far below the field: the field, not the button, must show what is wrong.
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.evaluate<string>('document.activeElement?.id')).toBe('setting-pathsPerTask');
    await settings.getByText('Enter a whole number from 1 to 32.').waitFor();
    await expect(paths.getAttribute('aria-invalid')).resolves.toBe('true');
    await paths.fill('5');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
  });

  it('says in plain words which cloud provider field is missing, before sending anything', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Models', exact: true }).click();
    const section = page.getByTestId('cloud-providers');
    await section.getByRole('button', { name: 'Add provider' }).click();
    const alert = section.getByRole('alert');
    await expect(alert.innerText()).resolves.toMatch(/^Give the provider a name/);
    await section.getByLabel('Name').fill('Work cloud');
    await section.getByRole('button', { name: 'Add provider' }).click();
    await expect(alert.innerText()).resolves.toMatch(/model's name/);
    expect(await section.innerText()).not.toMatch(/cloud:save|Invalid request|expected string/);
    await expect(section.getByTestId('cloud-provider-row').count()).resolves.toBe(0);
  });

  it('retrains the predictor in a worker and explains that the history is too small', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Predictor', exact: true }).click();
    const predictor = page.getByTestId('screen-predictor');
    await predictor.getByRole('button', { name: 'Retrain from history' }).click();
    await predictor
      .getByRole('alert')
      .getByText(/Not enough labelled history to retrain: 0 finished tasks/)
      .waitFor();
    await predictor.getByText(/In charge of live decisions: the cold start/).waitFor();
  });

  it('shows the shipped checkpoints with their cross-validated scores and ROC curves', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Predictor', exact: true }).click();
    const predictor = page.getByTestId('screen-predictor');
    await predictor
      .getByText(/ROC-AUC 0\.\d{3}/)
      .first()
      .waitFor();
    await expect(predictor.getByTestId('roc-chart').locator('svg path').count()).resolves.toBeGreaterThan(2);
    await page.screenshot({ path: path.join(screenshots, 'predictor-roc.png'), fullPage: true });
  });

  it('keeps the strict CSP and logs no errors while doing all that', () => {
    expect(problems).toEqual([]);
  });

  it('keeps the header and navigation working when a screen fails to draw', async () => {
    // The one fault injected: the host's model catalog arrives without its model list (a render
    // bug cannot be produced otherwise), which makes the Models screen throw while it draws.
    const broken = await browser.newPage({ viewport: { width: 1024, height: 700 } });
    await broken.routeWebSocket(/./, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((message) => socket.send(withoutCatalogModels(message)));
      socket.onMessage((message) => server.send(message));
    });
    await broken.goto(`${host.url}#/models`);
    const problem = broken.getByTestId('screen-problem');
    await problem.getByText('This screen could not be shown.').waitFor();
    await problem.getByRole('button', { name: 'Reload the window' }).waitFor();
    await broken.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await broken.getByTestId('screen-settings').waitFor();
    await expect(problem.count()).resolves.toBe(0);
    await broken.close();
  });

  it('refuses to talk to the engine without the launch token', async () => {
    const tokenless = await browser.newPage();
    await tokenless.goto(host.url.replace(/\?token=.*$/, ''));
    await tokenless
      .getByText(/npm run start:web/)
      .first()
      .waitFor();
    await tokenless.close();
  });
});
