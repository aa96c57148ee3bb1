// The Models screen end to end: `npm run start:web` with the real engine, driven in Chromium. A
// GGUF is downloaded from a local HTTP server started by this test (a fault server that stalls
// mid-body, then cuts the connection), with a visible progress bar; the interrupted download is
// resumed to completion with its checksum verified, chosen as the local source, and a cloud
// provider is added and tested (refused: the profile is local-only).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { openWebApp, screenshotsDir, type OpenWebApp } from '../helpers/openWebApp.ts';
import { startGgufServer, type GgufServer } from '../helpers/startGgufServer.ts';
import type { StartedWebHost } from '../helpers/startWebHost.ts';

const screenshots = screenshotsDir;
const fixture = readFileSync(path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf'));
const fileName = 'e2e-source.gguf';

let host: StartedWebHost;
let app: OpenWebApp;
let page: Page;
let server: GgufServer;
let problems: string[];

beforeAll(async () => {
  // Slow enough to watch: 32 kB every 80 ms; the first request stalls at 45% until the test cuts it.
  server = await startGgufServer({
    bytes: fixture,
    faults: ['stall'],
    faultAt: Math.floor(fixture.length * 0.45),
    hasShaEtag: true,
    chunkBytes: 32 * 1024,
    chunkDelayMs: 80,
  });
  app = await openWebApp();
  ({ page, problems, host } = app);
  await page.getByRole('navigation').getByRole('link', { name: 'Models', exact: true }).click();
  await modelsScreen().getByTestId('model-catalog').waitFor();
});

afterAll(async () => {
  await app?.close();
  await server?.close();
});

function modelsScreen() {
  return page.getByTestId('screen-models');
}

function linkDownload() {
  return modelsScreen().getByTestId('model-download');
}

describe('the Models screen in Chromium against start:web', () => {
  it('shows the catalog with sizes, licences, chat formats and what is installed', async () => {
    const catalog = modelsScreen().getByTestId('model-catalog');
    await catalog.getByText('Atropos world source (tiny, weak)').waitFor();
    await expect(catalog.locator('tr[data-catalog-id="atropos-world-source"]').innerText()).resolves.toMatch(/Bundled/);
    const qwen = catalog.locator('tr[data-catalog-id="qwen2.5-1.5b-instruct-q4_k_m"]');
    await expect(qwen.innerText()).resolves.toMatch(/Apache-2\.0[\s\S]*ChatML[\s\S]*Not installed/);
    await expect(qwen.getByRole('button', { name: /Download Qwen2\.5/ }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'models-catalog.png'), fullPage: true });
  });

  it('downloads from a link with a progress bar, is interrupted mid-body, and resumes to a verified file', async () => {
    await modelsScreen().getByLabel('Link to a .gguf file').fill(server.url(fileName));
    await modelsScreen().getByRole('button', { name: 'Download', exact: true }).click();
    const download = linkDownload();
    await download.waitFor();
    const bar = download.getByRole('progressbar', { name: `Download of ${fileName} progress` });
    await expect(bar.isVisible()).resolves.toBe(true);
    // The bar fills while bytes arrive.
    await expect
      .poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 15_000 })
      .toBeGreaterThan(100_000);
    await expect(download.getByTestId('download-figures').innerText()).resolves.toMatch(/kB of 776 kB \(\d+%\)/);
    await page.screenshot({ path: path.join(screenshots, 'model-download-progress.png'), fullPage: true });

    // The server stalls at 45%, then the connection is cut: the download pauses with what to do.
    await server.whenStalled();
    server.cutStalled();
    await modelsScreen().locator('[data-testid="model-download"][data-state="paused"]').waitFor();
    await expect(download.getByRole('alert').innerText()).resolves.toMatch(/cut off after 349300 of 776224 bytes/);
    await expect(download.getByTestId('download-figures').innerText()).resolves.toMatch(/349 kB of 776 kB \(45%\)/);
    await page.screenshot({ path: path.join(screenshots, 'model-download-interrupted.png'), fullPage: true });

    await download.getByRole('button', { name: 'Resume' }).click();
    await modelsScreen().locator('[data-testid="model-download"][data-state="completed"]').waitFor({ timeout: 30_000 });
    await expect(download.getByTestId('download-checksum').getAttribute('data-checksum')).resolves.toBe('verified');
    await expect(download.getByTestId('download-checksum').innerText()).resolves.toContain(server.sha256);
    // The resume asked only for the rest, and the server honoured it.
    expect(server.requests.map((request) => [request.range, request.status])).toEqual([
      [null, 200],
      ['bytes=349300-', 206],
    ]);
    const installed = modelsScreen()
      .getByTestId('local-models')
      .getByRole('row', { name: new RegExp(fileName) });
    await installed.waitFor();
    await page.screenshot({ path: path.join(screenshots, 'model-download-resumed.png'), fullPage: true });
    expect(readFileSync(path.join(host.dataDir, 'models', fileName)).equals(fixture)).toBe(true);
  });

  it('chooses the downloaded model as the local source', async () => {
    const radio = modelsScreen().getByRole('radio', { name: `Use ${fileName} as the local source model` });
    // Controlled by the engine's answer: it turns checked once the setting is saved.
    await radio.click();
    await expect.poll(() => radio.isChecked()).toBe(true);
    await page.reload();
    await modelsScreen().getByTestId('local-models').waitFor();
    await expect(
      modelsScreen()
        .getByRole('radio', { name: `Use ${fileName} as the local source model` })
        .isChecked(),
    ).resolves.toBe(true);
  });

  it('adds a cloud provider with a write-only key, and a local-only profile refuses its test', async () => {
    const section = modelsScreen().getByTestId('cloud-providers');
    await section.getByLabel('Name').fill('Local endpoint');
    await section.getByLabel('Base URL').fill(`${server.origin}/v1`);
    await section.getByLabel('Model', { exact: true }).fill('small-model');
    await section.getByLabel('API key').fill('sk-e2e-secret');
    await section.getByLabel('Input price (USD per million tokens)').fill('0.15');
    await section.getByRole('button', { name: 'Add provider' }).click();
    const row = section.getByTestId('cloud-provider-row');
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/Local endpoint[\s\S]*\$0\.15 \/ price not set[\s\S]*Stored/);
    // small-model has no built-in list price: the row says the output price is not set, not "default".
    await expect(row.innerText()).resolves.not.toMatch(/default \//);
    expect(await page.content()).not.toContain('sk-e2e-secret');
    // At the smallest supported window, the refusal spans its own row: the table stays inside the window.
    await page.setViewportSize({ width: 1024, height: 700 });
    await row.getByRole('button', { name: 'Test the connection to Local endpoint' }).click();
    await section
      .getByTestId('cloud-provider-test')
      .getByRole('alert')
      .getByText(/local-only/)
      .waitFor();
    const table = await section.getByRole('table').boundingBox();
    expect(table === null ? Infinity : table.x + table.width).toBeLessThanOrEqual(1024);
    await page.setViewportSize({ width: 1400, height: 1600 });
    await page.screenshot({ path: path.join(screenshots, 'models-cloud-providers.png'), fullPage: true });
  });

  it('labels every control and logs no console errors', async () => {
    // Run in the page (a string, since these tests are typed without the DOM library).
    const unlabeled = await page.evaluate(`[...document.querySelectorAll(
      '[data-testid="screen-models"] :is(button, input, select, textarea, progress)')]
      .filter((element) => !(element.getAttribute('aria-label') || element.getAttribute('aria-labelledby') ||
        (element.labels && element.labels.length > 0) ||
        (element.tagName === 'BUTTON' && element.textContent.trim() !== '')))
      .map((element) => element.outerHTML.slice(0, 120))`);
    expect(unlabeled).toEqual([]);
    expect(problems).toEqual([]);
  });
});
