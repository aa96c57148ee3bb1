import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { launchChromium } from './launchChromium.ts';
import { startWebHost, type StartedWebHost } from './startWebHost.ts';

/** Where end-to-end tests save their screenshots. */
export const screenshotsDir = path.join('test-artifacts', 'screenshots');

/** The app in Chromium against `npm run start:web`, and every page error or console error it showed. */
export type OpenWebApp = {
  readonly host: StartedWebHost;
  readonly browser: Browser;
  readonly page: Page;
  /** Page errors and console errors, for a test to assert there were none. */
  readonly problems: string[];
  close(): Promise<void>;
};

/** How {@link openWebApp} opens the app. */
export type OpenWebAppOptions = {
  /** Defaults to 1400 x 1600. */
  readonly viewport?: { width: number; height: number };
  /** Starts the host. Defaults to `startWebHost()`; a test passes a wrapper to watch the host it gets. */
  readonly startHost?: () => Promise<StartedWebHost>;
};

/**
 * Starts the web host with a fresh data folder, opens it in Chromium and waits for the shell. When
 * anything after the host's start fails (Chromium missing, the page never loading), it closes what
 * it opened and stops the host before rethrowing: the test's afterAll never sees an `app` to close.
 */
export async function openWebApp(options: OpenWebAppOptions = {}): Promise<OpenWebApp> {
  mkdirSync(screenshotsDir, { recursive: true });
  const host = await (options.startHost ?? startWebHost)();
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 1600 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(host.url);
    // The chat is the main screen.
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    const opened = browser;
    return {
      host,
      browser: opened,
      page,
      problems,
      async close() {
        await opened.close();
        await host.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await host.stop();
    throw error;
  }
}

/**
 * Controls on the page without an accessible name (a label, aria-label or aria-labelledby, or for
 * buttons their text), as short HTML snippets: a screen with any fails its test.
 */
export async function unlabeledControls(page: Page): Promise<string[]> {
  // A string, so the browser-side code is not type-checked against Node's globals.
  return await page.evaluate<string[]>(`
    [...document.querySelectorAll('main input, main select, main textarea, main button')]
      .filter((control) => {
        if (control.type === 'hidden') return false;
        if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby')) return false;
        if ((control.labels?.length ?? 0) > 0) return false;
        return control.tagName !== 'BUTTON' || (control.textContent ?? '').trim() === '';
      })
      .map((control) => control.outerHTML.slice(0, 120))
  `);
}

/** The "cloud" of the end-to-end tests: the target fixture model served over HTTP on 127.0.0.1. */
export async function startFixtureCloud(): Promise<{ cloud: ModelServer; close(): Promise<void> }> {
  const target = await LocalLlamaProvider.load({ modelPath: path.join('models', 'fixtures', 'target.gguf'), cores: 1 });
  const cloud = await createModelServer({ responder: target, clock: { now: () => Date.now() } });
  return {
    cloud,
    async close() {
      await cloud.close();
      await target.dispose();
    },
  };
}
