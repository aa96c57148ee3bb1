// The chat end to end: `npm run start:web` with the real engine and the fixture models, driven in
// Chromium at 1024x700. Two turns with a follow-up (the second turn's recorded task carries the
// first), the warm model, rename, search, Markdown export and delete of a thread, and the chat in
// the light and dark themes without sideways scroll and with the header in place; then, with a
// provider saved with a key (the target fixture behind a capture server) and the Ask privacy mode,
// a follow-up escalates: its preview and the request hold placeholders, a reload brings the
// question back, approval sends with the key; a denied one sends nothing and stays labelled local.
// The header's cloud choice survives a reload: each thread's own, else the last one made.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { openWebApp, screenshotsDir, type OpenWebApp } from '../helpers/openWebApp.ts';
import { startCaptureServer, type CaptureServer } from '../helpers/startCaptureServer.ts';

const apiKey = 'sk-chat-e2e-key';
const person = 'Maria Lopez';
let app: OpenWebApp;
let page: Page;
// The cloud: the target fixture model served with an API key, behind a server that records requests.
let target: LocalLlamaProvider;
let cloud: ModelServer;
let capture: CaptureServer;

beforeAll(async () => {
  target = await LocalLlamaProvider.load({ modelPath: path.join('models', 'fixtures', 'target.gguf'), cores: 1 });
  cloud = await createModelServer({ responder: target, clock: { now: () => Date.now() }, apiKey });
  capture = await startCaptureServer(cloud.url);
  app = await openWebApp({ viewport: { width: 1024, height: 700 } });
  ({ page } = app);
});

afterAll(async () => {
  await app?.close();
  await capture?.close();
  await cloud?.close();
  await target?.dispose();
});

function chat() {
  return page.getByTestId('screen-chat');
}

/** The turn at `position` of the open chat. */
function turnAt(position: number) {
  return chat().locator(`[data-testid="chat-turn"][data-position="${position}"]`);
}

/** Sends a message (by default on two paths that stay local) and waits until its turn shows. */
async function ask(message: string, position: number, options = { paths: '2', escalation: 'never' }): Promise<void> {
  const details = chat().locator('details.chat-options');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await chat().locator('#chat-paths').fill(options.paths);
  await chat().getByLabel('Cloud help at the checkpoint').selectOption(options.escalation);
  await chat().getByLabel('Your message').fill(message);
  await chat().getByRole('button', { name: 'Send' }).click();
  await turnAt(position).locator('.chat-user', { hasText: message }).waitFor();
}

/** Waits for the answer of the turn at `position`. */
async function answered(position: number): Promise<void> {
  await turnAt(position).locator('[data-testid="chat-answer"][data-live="false"]').waitFor({ timeout: 120_000 });
}

/** Sends a message with two paths that stay local, and waits for its turn's answer. */
async function send(message: string, position: number): Promise<void> {
  await ask(message, position);
  await answered(position);
}

/** The label of the cloud provider the chat header shows as chosen. */
async function cloudShown(): Promise<string | null> {
  return await chat().getByLabel('Cloud', { exact: true }).locator('option:checked').textContent();
}

/** Whether the page scrolls sideways, and where the header is after scrolling the screen down. */
async function layoutFacts(): Promise<{ scrollWidth: number; clientWidth: number; headerTop: number }> {
  return await page.evaluate<{ scrollWidth: number; clientWidth: number; headerTop: number }>(`(() => {
    const main = document.querySelector('.app-main');
    main.scrollTop = main.scrollHeight;
    window.scrollTo(0, document.body.scrollHeight);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      headerTop: document.querySelector('.app-header').getBoundingClientRect().top,
    };
  })()`);
}

describe('the chat in Chromium', () => {
  it('is the main screen, and a follow-up carries the first turn', async () => {
    await chat().waitFor();
    await send('What is 12+30?', 0);
    await expect(chat().getByTestId('warm-status').getAttribute('data-state')).resolves.toBe('ready');
    await send('Now add 8 to that', 1);
    // The second turn's paths started with the first turn as chat messages; its task records the
    // follow-up alone as its question.
    const second = turnAt(1);
    await expect(second.getAttribute('data-carried-turns')).resolves.toBe('1');
    await expect(turnAt(0).getAttribute('data-carried-turns')).resolves.toBeNull();
    await second.locator('details.chat-turn-details > summary').click();
    const recordedPrompt = second.locator('.task-prompt q');
    await recordedPrompt.waitFor();
    await expect(recordedPrompt.textContent()).resolves.toBe('Now add 8 to that');
    await second.locator('details.chat-turn-details > summary').click();
  }, 300_000);

  it('renames, finds and exports the thread as Markdown', async () => {
    await chat().getByRole('button', { name: 'Rename' }).click();
    await chat().getByLabel('Name', { exact: true }).fill('Arithmetic');
    await chat().getByRole('button', { name: 'Save' }).click();
    const list = chat().getByTestId('thread-list');
    await list.getByRole('button', { name: 'Arithmetic' }).waitFor();
    await chat().getByLabel('Search chats').fill('add 8');
    await list.getByRole('button', { name: 'Arithmetic' }).waitFor();
    await chat().getByLabel('Search chats').fill('no such words');
    await chat().getByText('No chat matches.').waitFor();
    await chat().getByLabel('Search chats').fill('');
    await list.getByRole('button', { name: 'Arithmetic' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chat().getByRole('button', { name: 'Export Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('arithmetic.md');
    const file = path.join(screenshotsDir, '..', 'arithmetic.md');
    await download.saveAs(file);
    const markdown = await readFile(file, 'utf8');
    expect(markdown).toContain('# Arithmetic');
    expect(markdown).toContain('## You\n\nWhat is 12+30?');
    expect(markdown).toContain('## You\n\nNow add 8 to that');
  });

  it.each(['light', 'dark'] as const)('fits 1024x700 in the %s theme without sideways scroll', async (scheme) => {
    await page.emulateMedia({ colorScheme: scheme });
    const first = chat().locator('[data-testid="chat-turn"]').first();
    // With a turn's lab view open too: it scrolls inside itself, never the page.
    const details = first.locator('details.chat-turn-details');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await first.locator('.turn-details').waitFor();
    const facts = await layoutFacts();
    expect(facts.scrollWidth).toBeLessThanOrEqual(facts.clientWidth);
    expect(facts.headerTop).toBe(0);
    await page.screenshot({ path: path.join(screenshotsDir, `chat-1024x700-${scheme}.png`) });
    // The text colour differs from the background in each theme (a legibility floor, not a contrast audit).
    const colours = await page.evaluate<{ text: string; background: string }>(`(() => {
      const answer = document.querySelector('[data-testid="chat-answer"]');
      const style = getComputedStyle(answer);
      return { text: style.color, background: style.backgroundColor };
    })()`);
    expect(colours.text).not.toBe(colours.background);
  });

  it('deletes the thread', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await chat().getByRole('button', { name: 'Delete' }).click();
    await chat().getByText('No chats yet.').waitFor();
    expect(app.problems).toEqual([]);
  });
});

describe('a follow-up escalated to a saved provider in Ask mode', () => {
  beforeAll(async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Privacy', exact: true }).click();
    await page.getByTestId('screen-privacy').getByLabel(/^Ask/).check();
    await page.getByTestId('screen-privacy').getByRole('status').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Models', exact: true }).click();
    const section = page.getByTestId('cloud-providers');
    await section.getByLabel('Name').fill('Capture cloud');
    await section.getByLabel('Base URL').fill(`${capture.url}/v1`);
    await section.getByLabel('Model', { exact: true }).fill('atropos-world-target');
    await section.getByLabel('API key').fill(apiKey);
    await section.getByRole('button', { name: 'Add provider' }).click();
    await section.getByTestId('cloud-provider-row').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Chat', exact: true }).click();
    await chat().getByLabel('Cloud', { exact: true }).selectOption({ label: 'Capture cloud (atropos-world-target)' });
  });

  it('asks with the redacted follow-up, asks again after a reload, and sends only placeholders with the key', async () => {
    await ask(`Write to ${person}. What is 12+30?`, 0, { paths: '1', escalation: 'never' });
    await answered(0);
    expect(capture.requests).toEqual([]);
    await ask('Now add 8', 1, { paths: '1', escalation: 'always' });
    const dialog = page.getByTestId('escalation-dialog');
    await dialog.waitFor({ timeout: 90_000 });
    // The preview holds the earlier turn, with the name as a placeholder.
    const preview = dialog.getByTestId('egress-preview');
    await expect(preview.innerText()).resolves.toContain('What is 12+30?');
    await expect(preview.innerText()).resolves.toContain('[PERSON_1]');
    expect(await preview.innerText()).not.toContain('Maria');
    // A reload while the question waits: the question comes back (pending approvals are state).
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    await dialog.waitFor({ timeout: 30_000 });
    await expect(preview.innerText()).resolves.toContain('[PERSON_1]');
    expect(capture.requests).toEqual([]);
    await dialog.getByRole('button', { name: 'Approve once' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await chat()
      .getByTestId('thread-list')
      .getByRole('button', { name: /Write to/ })
      .click();
    await expect
      .poll(() => turnAt(1).locator('[data-testid="chat-answer"]').getAttribute('data-live'), { timeout: 120_000 })
      .toBe('false');
    // The cloud got the key, the earlier turn as its own messages, and no name.
    expect(capture.requests.length).toBeGreaterThan(0);
    for (const request of capture.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${apiKey}`);
      expect(request.body).not.toContain('Maria');
      expect(request.body).not.toContain('Lopez');
    }
    const messages = (JSON.parse(capture.requests[0]!.body) as { messages: { role: string; content: string }[] })
      .messages;
    expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]?.content).toBe('Write to [PERSON_1]. What is 12+30?');
    expect(messages[3]?.content).toBe('Now add 8');
    await page.screenshot({ path: path.join(screenshotsDir, 'chat-escalation-approved.png') });
  }, 300_000);

  it('denies the next escalation: nothing is sent and the turn is labelled local', async () => {
    const sentBefore = capture.requests.length;
    // The thread kept its provider over the reload: nothing to pick again.
    await expect.poll(() => cloudShown()).toBe('Capture cloud (atropos-world-target)');
    await ask('And subtract 2', 2, { paths: '1', escalation: 'always' });
    const dialog = page.getByTestId('escalation-dialog');
    await dialog.waitFor({ timeout: 90_000 });
    await dialog.getByRole('button', { name: 'Deny (keep local)' }).click();
    await answered(2);
    expect(capture.requests.length).toBe(sentBefore);
    const third = turnAt(2);
    await third.locator('details.chat-turn-details > summary').click();
    await third.getByText('Nothing: this turn sent no request to a cloud.').waitFor();
    const lane = third.getByTestId('path-lane-0');
    await expect(lane.locator('.provider-chip').last().getAttribute('class')).resolves.toContain('provider-local');
    expect(await lane.innerText()).not.toMatch(/Cloud ·|migrated/);
    await page.screenshot({ path: path.join(screenshotsDir, 'chat-escalation-denied.png') });
    expect(app.problems).toEqual([]);
  }, 300_000);

  it("keeps the cloud choice over a reload: a new chat's last choice, and each thread's own", async () => {
    const reload = async (): Promise<void> => {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    };
    // The provider is not the profile's default: only a kept choice can bring it back.
    await reload();
    await expect.poll(() => cloudShown()).toBe('Capture cloud (atropos-world-target)');
    await chat().getByLabel('Cloud', { exact: true }).selectOption({ label: 'None: stay on this computer' });
    await reload();
    await expect.poll(() => cloudShown()).toBe('None: stay on this computer');
    // The escalated thread keeps its own provider; a new chat goes back to the last choice.
    await chat()
      .getByTestId('thread-list')
      .getByRole('button', { name: /Write to/ })
      .click();
    await expect.poll(() => cloudShown()).toBe('Capture cloud (atropos-world-target)');
    await chat().getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => cloudShown()).toBe('None: stay on this computer');
    expect(app.problems).toEqual([]);
  }, 120_000);
});
