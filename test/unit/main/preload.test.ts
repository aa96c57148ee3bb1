import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AtroposBridge } from '#shared/ipc/contract.ts';
import {
  eventChannels,
  hostChannels,
  invokeChannels,
  type EventChannel,
  type InvokeChannel,
} from '#shared/ipc/channels.ts';
import {
  allowedEventChannels,
  allowedInvokeChannels,
  createBridge,
  type PreloadBridge,
} from '../../../electron/preload/createBridge.ts';

type Listener = (...args: unknown[]) => void;

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<Listener>>();
  return {
    listeners,
    exposed: new Map<string, unknown>(),
    exposeInMainWorld: vi.fn(),
    ipcRenderer: {
      invoke: vi.fn((channel: string, request: unknown) => Promise.resolve({ ok: true, value: { channel, request } })),
      on: vi.fn((channel: string, listener: Listener) => {
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
      }),
      removeListener: vi.fn((channel: string, listener: Listener) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      electron.exposeInMainWorld(key, api);
      electron.exposed.set(key, api);
    },
  },
  ipcRenderer: electron.ipcRenderer,
}));

// Compile-time: the preload offers exactly AtroposBridge's members, over the same channel types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameMembers: Same<keyof PreloadBridge, keyof AtroposBridge> = true;
const sameInvokeChannels: Same<Parameters<PreloadBridge['invoke']>[0], InvokeChannel> = true;
const sameEventChannels: Same<Parameters<PreloadBridge['on']>[0], EventChannel> = true;

/** What page code can do: call with any string, since it is untyped at run time. */
type UntypedBridge = {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(channel: string, listener: (...args: unknown[]) => void): () => void;
};

beforeEach(() => {
  vi.clearAllMocks();
  electron.listeners.clear();
});

describe('the preload entry', () => {
  it('exposes the bridge as window.atropos and nothing else', async () => {
    await import('../../../electron/preload/index.ts');
    expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...electron.exposed.keys()]).toEqual(['atropos']);
    const api = electron.exposed.get('atropos') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pickFolder']);
    expect([sameMembers, sameInvokeChannels, sameEventChannels]).toEqual([true, true, true]);
  });
});

describe('createBridge', () => {
  const bridge = (): UntypedBridge =>
    createBridge(electron.ipcRenderer as unknown as Parameters<typeof createBridge>[0]);

  it('allows exactly the contract channels', () => {
    expect([...allowedInvokeChannels]).toEqual([...invokeChannels]);
    expect([...allowedEventChannels]).toEqual([...eventChannels]);
  });

  it('forwards every contract invoke channel with its request', async () => {
    for (const channel of invokeChannels) {
      await expect(bridge().invoke(channel, { limit: 1 })).resolves.toEqual({
        ok: true,
        value: { channel, request: { limit: 1 } },
      });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(invokeChannels.length);
  });

  it.each(['fs:read-file', 'shell:open-external', '__proto__', 'toString', 'profile:list ', '', 42, null])(
    'refuses the unlisted channel %s without calling ipcRenderer',
    async (channel) => {
      const result = await bridge().invoke(channel as string, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it('hands listeners the payload only, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    bridge().on('settings:changed', listener);
    const event = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
    for (const forward of electron.listeners.get('settings:changed') ?? []) {
      forward(event, { theme: 'dark' });
    }
    expect(listener).toHaveBeenCalledExactlyOnceWith({ theme: 'dark' });
  });

  it('offers the folder dialog as a named method on its own channel, with no argument passed on', async () => {
    // Page code may pass anything; none of it reaches main.
    const untyped = bridge() as unknown as { pickFolder(...args: unknown[]): Promise<unknown> };
    await untyped.pickFolder('/etc', { properties: ['openFile'] });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(hostChannels.pickFolder);
    expect(invokeChannels).not.toContain(hostChannels.pickFolder);
  });

  it('unsubscribes with the function it returns', () => {
    const listener = vi.fn();
    const unsubscribe = bridge().on('profile:changed', listener);
    expect(electron.listeners.get('profile:changed')?.size).toBe(1);
    unsubscribe();
    expect(electron.listeners.get('profile:changed')?.size).toBe(0);
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledOnce();
  });

  it.each(['ipc:internal', 'fs:changed', ''])('refuses to subscribe to the unlisted event %s', (channel) => {
    expect(() => bridge().on(channel, vi.fn())).toThrow(TypeError);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge().on('settings:changed', 'alert(1)' as unknown as () => void)).toThrow(TypeError);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });
});
