import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '#core/engine.ts';
import type { IpcRouter } from '#core/ipcRouter.ts';
import { eventChannels, invokeChannels } from '#shared/ipc/channels.ts';
import { forwardEngineEvents, isTrustedSender, registerIpc } from '../../../electron/main/ipc.ts';
import { createMemoryLogger } from '../../helpers/createTestEngine.ts';
import { FakeWebContents } from './fakeElectron.ts';

const appIndexUrl = 'file:///repo/dist/renderer/index.html';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => {
      handlers.delete(channel);
    }),
  };
  const router = {
    handle: vi.fn((_channel: unknown, payload: unknown) => Promise.resolve({ ok: true, value: payload })),
  };
  const logger = createMemoryLogger();
  const unregister = registerIpc({
    ipcMain,
    router: router as unknown as IpcRouter,
    appIndexUrl,
    logger,
  });
  const call = (channel: string, frame: { url: string } | null, payload: unknown) => {
    const handler = handlers.get(channel);
    if (handler === undefined) {
      throw new Error(`no handler for ${channel}`);
    }
    return handler({ senderFrame: frame } as unknown as IpcMainInvokeEvent, payload);
  };
  return { handlers, ipcMain, router, logger, unregister, call };
}

describe('isTrustedSender', () => {
  it("accepts the app's own index page", () => {
    expect(isTrustedSender(appIndexUrl, appIndexUrl)).toBe(true);
    expect(isTrustedSender(`${appIndexUrl}#/budget`, appIndexUrl)).toBe(true);
  });

  it.each([
    'https://evil.example',
    'https://evil.example/dist/renderer/index.html',
    'file:///etc/passwd',
    'about:blank',
    '',
    null,
    undefined,
  ])('rejects %s', (frameUrl) => {
    expect(isTrustedSender(frameUrl, appIndexUrl)).toBe(false);
  });
});

describe('registerIpc', () => {
  it('registers exactly one handler per invoke channel', () => {
    const { handlers, ipcMain } = setup();
    expect([...handlers.keys()].sort()).toEqual([...invokeChannels].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(invokeChannels.length);
  });

  it('passes a trusted payload through to the router unchanged', async () => {
    const { call, router } = setup();
    const payload = { name: 'Team', privacyMode: 'ask' };
    await expect(call('profile:create', { url: appIndexUrl }, payload)).resolves.toEqual({ ok: true, value: payload });
    expect(router.handle).toHaveBeenCalledExactlyOnceWith('profile:create', payload);
  });

  it.each([
    ['another site', { url: 'https://evil.example/' }],
    ['another local file', { url: 'file:///etc/passwd' }],
    ['a destroyed frame', null],
  ])('answers %s with invalid-request without reaching the router', async (_name, frame) => {
    const { call, router, logger } = setup();
    const result = await call('settings:get', frame, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(router.handle).not.toHaveBeenCalled();
    expect(logger.records).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'Refused IPC from an untrusted frame' }),
    );
  });

  it('treats a frame that throws when read as untrusted', async () => {
    const { handlers, router } = setup();
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const result = await handlers.get('app:get-info')?.(event as unknown as IpcMainInvokeEvent, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(router.handle).not.toHaveBeenCalled();
  });

  it('removes every handler it registered', () => {
    const { handlers, ipcMain, unregister } = setup();
    unregister();
    expect(handlers.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(invokeChannels.length);
  });
});

describe('forwardEngineEvents', () => {
  function fakeEngine() {
    const listeners = new Set<(event: EngineEvent) => void>();
    return {
      onEvent(listener: (event: EngineEvent) => void) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit(event: unknown) {
        for (const listener of listeners) {
          listener(event as EngineEvent);
        }
      },
      listeners,
    };
  }

  it('sends contract events to the main window only', () => {
    const engine = fakeEngine();
    const contents = new FakeWebContents();
    forwardEngineEvents(engine, () => contents.asWebContents());
    for (const channel of eventChannels) {
      engine.emit({ channel, payload: { channel } });
    }
    engine.emit({ channel: 'shell:open', payload: 'file:///etc/passwd' });
    expect(contents.sent).toEqual(eventChannels.map((channel) => ({ channel, payload: { channel } })));
  });

  it('drops events while there is no live window, and unsubscribes', () => {
    const engine = fakeEngine();
    const contents = new FakeWebContents();
    let target: FakeWebContents | null = null;
    const unsubscribe = forwardEngineEvents(engine, () => target?.asWebContents() ?? null);
    engine.emit({ channel: 'settings:changed', payload: {} });
    target = contents;
    contents.destroyed = true;
    engine.emit({ channel: 'settings:changed', payload: {} });
    expect(contents.sent).toEqual([]);
    unsubscribe();
    expect(engine.listeners.size).toBe(0);
  });
});
