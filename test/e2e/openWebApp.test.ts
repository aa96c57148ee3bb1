import { afterEach, describe, expect, it } from 'vitest';
import { openWebApp } from '../helpers/openWebApp.ts';
import { startWebHost, type StartedWebHost } from '../helpers/startWebHost.ts';

// A run once left three web hosts running for ten minutes after Chromium failed to launch in
// beforeAll. The helper must stop the host it started when it cannot open the browser. Chromium's
// absence is real here: CHROMIUM_PATH names a file that does not exist.
const chromiumPath = process.env['CHROMIUM_PATH'];

afterEach(() => {
  if (chromiumPath === undefined) delete process.env['CHROMIUM_PATH'];
  else process.env['CHROMIUM_PATH'] = chromiumPath;
});

describe('openWebApp when the browser cannot start', () => {
  it('stops the web host it started and rethrows the launch error', async () => {
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    let started: StartedWebHost | undefined;
    let wasServing = false;
    await expect(
      openWebApp({
        startHost: async () => {
          started = await startWebHost();
          wasServing = (await fetch(started.url)).ok;
          return started;
        },
      }),
    ).rejects.toThrow(/Chromium not found at \/nonexistent\/chromium/);
    expect(wasServing).toBe(true);
    if (started === undefined) throw new Error('the host never started');
    await expect(fetch(started.url)).rejects.toThrow();
  });
});
