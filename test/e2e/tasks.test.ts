// The Tasks screen end to end: `npm run start:web` with the real engine and the fixture models,
// driven in Chromium. A task runs to its answer (lanes, flow graph canvas, vote), History reopens
// it, and an escalation to a cloud (the target fixture model served over HTTP by this test) is
// approved once and denied once from its redacted preview, and a task is cancelled while its
// question waits.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultHandover } from '#shared/taskRequest.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import type { ModelServer } from '#lab/llm/server/createModelServer.ts';
import { openWebApp, screenshotsDir, startFixtureCloud, type OpenWebApp } from '../helpers/openWebApp.ts';

const screenshots = screenshotsDir;
const email = 'ana.garcia@example.com';

let app: OpenWebApp;
let page: Page;
let problems: string[];
let fixtureCloud: Awaited<ReturnType<typeof startFixtureCloud>>;
let cloud: ModelServer;

beforeAll(async () => {
  fixtureCloud = await startFixtureCloud();
  cloud = fixtureCloud.cloud;
  app = await openWebApp({ viewport: { width: 1400, height: 1700 } });
  ({ page, problems } = app);
});

afterAll(async () => {
  await app?.close();
  await fixtureCloud?.close();
});

function tasksScreen() {
  return page.getByTestId('screen-tasks');
}

async function openTasks(): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Tasks', exact: true }).click();
  await tasksScreen().waitFor();
}

type FormInput = {
  question?: string;
  worldTask?: string;
  paths: string;
  strategy?: 'parallel' | 'sequential';
  escalation?: 'auto' | 'never' | 'always';
  checkpoint?: string;
  withCloud?: boolean;
};

async function fillForm(input: FormInput): Promise<void> {
  const screen = tasksScreen();
  await screen.getByLabel('Question').fill(input.question ?? '');
  await screen.getByLabel('Practice task number').fill(input.worldTask ?? '');
  await screen.getByRole('spinbutton', { name: 'Paths' }).fill(input.paths);
  await screen.getByLabel('Strategy').selectOption(input.strategy ?? 'parallel');
  await screen.getByLabel('Escalation').selectOption(input.escalation ?? 'never');
  await screen.getByRole('textbox', { name: 'Check for failure after' }).fill(input.checkpoint ?? '');
  if (input.withCloud === true) {
    const details = screen.locator('details.cloud-endpoint');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    await screen.getByLabel('Escalate to').selectOption('endpoint');
    await screen.getByLabel('API', { exact: true }).selectOption('openai');
    await screen.getByLabel('Endpoint URL').fill(`${cloud.url}/v1`);
    await screen.getByLabel('Model', { exact: true }).fill('atropos-world-target');
  }
}

async function waitForPhase(phase: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="task-run"][data-phase="${phase}"]`).waitFor({ timeout });
}

describe('running tasks in Chromium against start:web', () => {
  it("starts the form at the Settings' paths per task, with no cloud unless a provider is the default", async () => {
    await openTasks();
    const screen = tasksScreen();
    const paths = screen.getByRole('spinbutton', { name: 'Paths' });
    await expect.poll(() => paths.inputValue()).toBe('5');
    await expect(screen.getByLabel('Escalate to').inputValue()).resolves.toBe('none');
  });

  it('runs a world task on three paths and shows lanes, the flow graph and the voted answer', async () => {
    await fillForm({ worldTask: '3', paths: '3' });
    await tasksScreen().getByRole('button', { name: 'Run' }).click();
    await waitForPhase('finished');
    const screen = tasksScreen();
    for (const index of [0, 1, 2]) {
      await expect(screen.getByTestId(`path-lane-${index}`).isVisible()).resolves.toBe(true);
    }
    // At least one tool call reached the lanes, and the graph has start, step and end nodes.
    expect(await screen.locator('.lane-step').count()).toBeGreaterThan(0);
    const graph = screen.getByTestId('flow-graph');
    expect(Number(await graph.getAttribute('data-nodes'))).toBeGreaterThanOrEqual(3);
    expect(await graph.locator('canvas').count()).toBeGreaterThan(0);
    await expect(screen.getByTestId('final-answer').isVisible()).resolves.toBe(true);
    // The predicted chance of success over the steps, with the decision threshold drawn on it.
    await expect(
      screen.getByTestId('success-chance').getByLabel('Confidence over the steps').isVisible(),
    ).resolves.toBe(true);
    await expect(screen.getByTestId('final-answer').getByLabel('Votes per answer').isVisible()).resolves.toBe(true);
    await graph.screenshot({ path: path.join(screenshots, 'task-graph.png') });
    await page.screenshot({ path: path.join(screenshots, 'task-answered.png'), fullPage: true });
  });

  it('says what to do when the request is invalid', async () => {
    await fillForm({ question: 'What is 1+1?', worldTask: '2', paths: '2' });
    await tasksScreen().getByRole('button', { name: 'Run' }).click();
    await tasksScreen()
      .getByRole('alert')
      .getByText(/one of the two/)
      .waitFor();
  });

  it('reopens the answered task from History with its paths, graph, success chart and costs', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'History', exact: true }).click();
    const history = page.getByTestId('screen-history');
    await history.getByRole('button', { name: 'What is 3+75?' }).click();
    const detail = history.getByTestId('task-detail');
    await detail.getByTestId('path-lane-0').waitFor();
    await detail.getByTestId('flow-graph').waitFor();
    await detail.getByTestId('success-chance').waitFor();
    await detail.getByRole('heading', { name: 'Costs' }).waitFor();
    await detail.getByLabel(/Replay/).fill('1');
    await detail.getByText(/Replay: 1 of/).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'history-detail.png'), fullPage: true });
    await detail.getByRole('button', { name: /Back to the list/ }).click();
  });

  describe('escalation in the ask privacy mode', () => {
    beforeAll(async () => {
      await page.getByRole('navigation').getByRole('link', { name: 'Privacy', exact: true }).click();
      await page.getByTestId('screen-privacy').getByLabel(/^Ask/).check();
      await page.getByTestId('screen-privacy').getByRole('status').waitFor();
    });

    const escalating: FormInput = {
      question: `What is 12+30*2? Send it to ${email} please.`,
      paths: '2',
      strategy: 'sequential',
      checkpoint: '1',
      escalation: 'always',
      withCloud: true,
    };

    it('shows the redacted request with its cost, and an approval runs the path in the cloud', async () => {
      await openTasks();
      await fillForm(escalating);
      await tasksScreen().getByRole('button', { name: 'Run' }).click();
      const dialog = page.getByTestId('escalation-dialog');
      await dialog.waitFor({ timeout: 60_000 });
      await expect(dialog.locator('mark.redaction', { hasText: '[EMAIL_1]' }).count()).resolves.toBeGreaterThan(0);
      expect(await dialog.getByTestId('egress-preview').innerText()).not.toContain(email);
      // Hovering a placeholder shows the original, which is on this machine only.
      const placeholder = dialog.locator('mark.redaction', { hasText: '[EMAIL_1]' }).first();
      await expect(placeholder.getAttribute('title')).resolves.toContain(email);
      await expect(dialog.getByTestId('escalation-cost').innerText()).resolves.toMatch(/^\$/);
      // The safe choice has the focus.
      await expect(page.evaluate('document.activeElement?.textContent')).resolves.toBe('Deny (keep local)');
      await page.screenshot({ path: path.join(screenshots, 'escalation-prompt.png'), fullPage: true });
      await dialog.getByRole('button', { name: 'Approve once' }).click();
      await waitForPhase('finished');
      await expect(dialog.isVisible()).resolves.toBe(false);
      await tasksScreen().getByTestId('path-lane-1').locator('.provider-cloud').waitFor();
      await page.screenshot({ path: path.join(screenshots, 'escalation-approved.png'), fullPage: true });
    });

    // With the model kept warm a small task ends before a click lands; a task waiting for its
    // question is running for as long as the question is open, so this cancel is deterministic.
    it('cancels a task quietly while its escalation question waits', async () => {
      await fillForm(escalating);
      await tasksScreen().getByRole('button', { name: 'Run' }).click();
      const dialog = page.getByTestId('escalation-dialog');
      await dialog.waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: 'Stop the task' }).click();
      await waitForPhase('cancelled');
      await dialog.waitFor({ state: 'detached' });
      await tasksScreen().getByText('Cancelled. Nothing more runs for this task.').waitFor();
      expect(await tasksScreen().getByRole('alert').count()).toBe(0);
      // Nothing reads as having gone to the cloud.
      expect(await tasksScreen().locator('.provider-cloud').count()).toBe(0);
      await page.screenshot({ path: path.join(screenshots, 'task-cancelled.png'), fullPage: true });
    });

    it('denies with Escape and keeps the task local', async () => {
      await fillForm(escalating);
      await tasksScreen().getByRole('button', { name: 'Run' }).click();
      const dialog = page.getByTestId('escalation-dialog');
      await dialog.waitFor({ timeout: 60_000 });
      await page.keyboard.press('Escape');
      await waitForPhase('finished');
      // The path that would have gone to the cloud says why it stayed, and ends on the local model.
      const lane = tasksScreen().getByTestId('path-lane-1');
      await lane.locator('.lane-fallback', { hasText: /kept this task local/ }).waitFor();
      await expect(lane.locator('.provider-chip').last().getAttribute('class')).resolves.toContain('provider-local');
      // Nothing left, so nothing reads as cloud, migrated or handed over.
      const laneText = await lane.innerText();
      expect(laneText).toContain('Stayed local: you denied sending it');
      expect(laneText).not.toMatch(/Cloud ·|migrated/);
      await expect(tasksScreen().getByTestId('checkpoint-handover').innerText()).resolves.toMatch(
        /^No path was handed over/,
      );
      await tasksScreen().getByTestId('final-answer').waitFor();
      await page.screenshot({ path: path.join(screenshots, 'escalation-denied.png'), fullPage: true });
    });

    it('offers the continuing handover (the default preselected) and asks with the steps and the continue note', async () => {
      await fillForm({ worldTask: '7', paths: '2', checkpoint: '2', escalation: 'always', withCloud: true });
      const handover = tasksScreen().getByLabel('Hand over');
      await expect(handover.inputValue()).resolves.toBe(defaultHandover);
      await expect(handover.locator('option').allInnerTexts()).resolves.toEqual([
        'The question only (default)',
        "The path's work so far",
        'The steps so far, to check and continue',
      ]);
      await handover.selectOption('continue');
      await tasksScreen().getByRole('button', { name: 'Run' }).click();
      const dialog = page.getByTestId('escalation-dialog');
      await dialog.waitFor({ timeout: 60_000 });
      // What would leave: the path's calls with their results and the note to check them, not "solve it again".
      const preview = await dialog.getByTestId('egress-preview').innerText();
      expect(preview).toMatch(/Calls so far: calc/);
      expect(preview).toContain(continueNote.text);
      await page.keyboard.press('Escape');
      await waitForPhase('finished');
      await handover.selectOption(defaultHandover);
    });
  });

  it('logs no console errors under the strict CSP', () => {
    expect(problems).toEqual([]);
  });
});
