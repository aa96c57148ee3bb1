import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Engine } from '#core/engine.ts';
import type { IpcRouter } from '#core/ipcRouter.ts';
import type { Logger } from '#core/ports.ts';
import { invokeChannels, isEventChannel } from '#shared/ipc/channels.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { err } from '#shared/result.ts';
import { isAppIndexUrl } from './appLocations.ts';

/** What `registerIpc` wires together. */
export type IpcWiring = {
  /** Electron's ipcMain (injected so tests need no Electron). */
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  readonly router: IpcRouter;
  /** The app's index page as a file:// URL: the only frame allowed to call. */
  readonly appIndexUrl: string;
  readonly logger: Logger;
};

/**
 * Whether an IPC call came from the app's own page. Anything else (a frame that navigated
 * elsewhere, an injected iframe, a destroyed frame) is untrusted.
 */
export function isTrustedSender(frameUrl: string | null | undefined, appIndexUrl: string): boolean {
  return isAppIndexUrl(frameUrl, appIndexUrl);
}

/** Reads the sender frame's URL; a frame that is gone (or throws when touched) has none. */
export function senderFrameUrl(event: IpcMainInvokeEvent): string | null {
  try {
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}

/**
 * Registers one ipcMain handler per invoke channel. Each checks the sender frame, then hands the
 * untrusted payload to the router, which validates it and answers with a Result (never a throw).
 * Returns the function that removes the handlers again.
 */
export function registerIpc(wiring: IpcWiring): () => void {
  for (const channel of invokeChannels) {
    wiring.ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frameUrl = senderFrameUrl(event);
      if (!isTrustedSender(frameUrl, wiring.appIndexUrl)) {
        wiring.logger.warn('Refused IPC from an untrusted frame', { channel, frameUrl });
        return err<IpcError>({ code: 'invalid-request', message: 'This page is not allowed to talk to Atropos.' });
      }
      return wiring.router.handle(channel, payload);
    });
  }
  return () => {
    for (const channel of invokeChannels) {
      wiring.ipcMain.removeHandler(channel);
    }
  };
}

/**
 * Forwards engine events to the renderer of `target()` (the main window's webContents, or null
 * when there is none). Only contract event channels are sent. Returns the unsubscribe function.
 */
export function forwardEngineEvents(engine: Pick<Engine, 'onEvent'>, target: () => WebContents | null): () => void {
  return engine.onEvent((event) => {
    const contents = target();
    if (contents === null || contents.isDestroyed() || !isEventChannel(event.channel)) {
      return;
    }
    contents.send(event.channel, event.payload);
  });
}
