import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { invokeChannels } from '#shared/ipc/channels.ts';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
afterEach(() => engine?.dispose());

describe('the IPC contract', () => {
  it('has a handler and a request schema for every invoke channel, and nothing else', () => {
    ({ engine } = createTestEngine());
    expect(Object.keys(createIpcHandlers(engine)).sort()).toEqual([...invokeChannels].sort());
    expect(Object.keys(requestSchemas).sort()).toEqual([...invokeChannels].sort());
  });
});

describe('createIpcRouter', () => {
  function setup() {
    const logger = createMemoryLogger();
    ({ engine } = createTestEngine());
    return { router: createIpcRouter(createIpcHandlers(engine), logger), logger };
  }

  it('answers a valid request with ok', async () => {
    const { router } = setup();
    const result = await router.handle('profile:create', { name: '  Team  ', privacyMode: 'ask' });
    expect(result).toMatchObject({ ok: true, value: { name: 'Team', privacyMode: 'ask', isActive: false } });
  });

  it.each([
    ['an unknown channel', 'fs:read-file', { path: '/etc/passwd' }, /Unknown channel/],
    ['a missing payload', 'profile:create', undefined, /Invalid request for profile:create/],
    ['an extra field', 'settings:get', { sneaky: true }, /Invalid request for settings:get/],
    ['a wrong type', 'settings:update', { pathsPerTask: '5' }, /pathsPerTask/],
    ['an out-of-range value', 'budget:set-caps', { perTaskUsd: -1, dailyUsd: null, monthlyUsd: null }, /perTaskUsd/],
    ['a non-string channel', 42, {}, /Unknown channel/],
    ['a relative granted folder', 'task:start', { prompt: 'Hi', grantedFolders: ['notes'] }, /absolute path/],
  ])('refuses %s as invalid-request', async (_label, channel, payload, message) => {
    const { router } = setup();
    const result = await router.handle(channel, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.message).toMatch(message);
    }
  });

  it('maps an EngineError to its code and message', async () => {
    const { router } = setup();
    const result = await router.handle('profile:switch', { profileId: 'nobody' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/No profile/) as unknown },
    });
  });

  it('hides the details of a bug behind internal, and logs them', async () => {
    const { router, logger } = setup();
    await engine?.dispose();
    const result = await router.handle('profile:list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/details are in the log/) as unknown },
    });
    expect(
      logger.records.some((record) => record.level === 'error' && record.fields?.['channel'] === 'profile:list'),
    ).toBe(true);
    engine = undefined;
  });
});
