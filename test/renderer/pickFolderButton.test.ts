// The native folder dialog appears only where the host offers it (the desktop app's preload), and
// what it picks only fills in the granted-folders text. Rendered with React's server renderer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { AtroposBridge } from '#shared/ipc/contract.ts';
import { appendFolder, PickFolderButton } from '../../renderer/src/components/PickFolderButton.tsx';
import { Composer } from '../../renderer/src/screens/chat/Composer.tsx';
import { BridgeContext } from '../../renderer/src/ipc/BridgeContext.ts';
import type { ConnectedBridge } from '../../renderer/src/ipc/ConnectedBridge.ts';
import { createBridge } from '../../renderer/src/ipc/createBridge.ts';

const webBridge = {
  invoke: () => new Promise(() => undefined),
  on: () => () => undefined,
  getConnectionState: () => 'connected',
  onConnectionChange: () => () => undefined,
} as unknown as ConnectedBridge;
const desktopBridge = { ...webBridge, pickFolder: () => new Promise(() => undefined) } as unknown as ConnectedBridge;

function render(bridge: ConnectedBridge, element: ReturnType<typeof createElement>): string {
  return renderToStaticMarkup(createElement(BridgeContext, { value: bridge }, element));
}

describe('PickFolderButton', () => {
  it('shows the dialog button in the desktop app only; the browser keeps the typed path', () => {
    const button = createElement(PickFolderButton, { onPick: () => undefined });
    expect(render(desktopBridge, button)).toContain('Choose a folder…');
    expect(render(webBridge, button)).toBe('');
    const composer = createElement(Composer, {
      isRunning: false,
      isSending: false,
      onSend: () => undefined,
      onStop: () => undefined,
    });
    expect(render(desktopBridge, composer)).toContain('Choose a folder…');
    expect(render(webBridge, composer)).not.toContain('Choose a folder…');
    expect(render(webBridge, composer)).toContain('id="chat-folders"');
  });
});

describe('appendFolder', () => {
  it('adds the folder as a line once, dropping blank lines', () => {
    expect(appendFolder('', '/home/ada/notes')).toBe('/home/ada/notes');
    expect(appendFolder('/srv/data\n\n', '/home/ada/notes')).toBe('/srv/data\n/home/ada/notes');
    expect(appendFolder('/srv/data\n /home/ada/notes ', '/home/ada/notes')).toBe('/srv/data\n /home/ada/notes ');
  });
});

describe("the renderer's bridge over the preload", () => {
  const preload = {
    invoke: () => Promise.resolve({ ok: true, value: null }),
    on: () => () => undefined,
  } as unknown as AtroposBridge;
  const location = { host: 'app', search: '' };

  it('passes the folder dialog on where the preload has it, and only there', async () => {
    const pickFolder = vi.fn(() => Promise.resolve({ ok: true as const, value: { path: '/home/ada' } }));
    const desktop = createBridge({ atropos: { ...preload, pickFolder }, location });
    await expect(desktop.pickFolder?.()).resolves.toEqual({ ok: true, value: { path: '/home/ada' } });
    expect(createBridge({ atropos: preload, location }).pickFolder).toBeUndefined();
  });

  it('turns a rejected dialog call into an internal error Result', async () => {
    const silenced = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const pickFolder = () => Promise.reject(new Error("No handler registered for 'dialog:pick-folder'"));
    const desktop = createBridge({ atropos: { ...preload, pickFolder }, location });
    await expect(desktop.pickFolder?.()).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(silenced).toHaveBeenCalledOnce();
    silenced.mockRestore();
  });
});
