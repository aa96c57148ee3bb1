// The chat end to end: `npm run start:web` with the real engine and the fixture models, driven in
// Chromium at 1024x700. Two turns with a follow-up (the second turn's recorded task carries the
// first), the warm model, rename, search, Markdown export and delete of a thread, and the chat in
// the light and dark themes without sideways scroll and with the header in place.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebApp, screenshotsDir, type OpenWebApp } from '../helpers/openWebApp.ts';

let app: OpenWebApp;
let page: Page;

beforeAll(async () => {
  app = await openWebApp({ viewport: { width: 1024, height: 700 } });
  ({ page } = app);
});

afterAll(async () => {
  await app?.close();
});

function chat() {
  return page.getByTestId('screen-chat');
}

/** Sends a message with one path that stays local, and waits for its turn's answer. */
async function send(message: string, position: number): Promise<void> {
  const options = chat().locator('details.chat-options');
  if ((await options.getAttribute('open')) === null) await options.locator('summary').click();
  await chat().locator('#chat-paths').fill('2');
  await chat().getByLabel('Cloud help at the checkpoint').selectOption('never');
  await chat().getByLabel('Your message').fill(message);
  await chat().getByRole('button', { name: 'Send' }).click();
  const turn = chat().locator(`[data-testid="chat-turn"][data-position="${position}"]`);
  await turn.locator('.chat-user', { hasText: message }).waitFor();
  await turn.locator('[data-testid="chat-answer"][data-live="false"]').waitFor({ timeout: 120_000 });
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
    const second = chat().locator('[data-testid="chat-turn"][data-position="1"]');
    await second.locator('details.chat-turn-details > summary').click();
    // The recorded task of the second turn: its prompt holds the first question and the follow-up.
    const recordedPrompt = second.locator('.task-prompt q');
    await recordedPrompt.waitFor();
    const text = await recordedPrompt.textContent();
    expect(text).toContain('User: What is 12+30?');
    expect(text).toContain('Follow-up: Now add 8 to that');
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
