import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  eventChannels,
  hostChannels,
  invokeChannels,
  isEventChannel,
  isInvokeChannel,
  type EventChannel,
  type InvokeChannel,
} from '#shared/ipc/channels.ts';

/** The invoke channels the bridge forwards: the contract's, no more. */
export const allowedInvokeChannels: readonly string[] = invokeChannels;

/** The event channels the bridge subscribes to: the contract's, no more. */
export const allowedEventChannels: readonly string[] = eventChannels;

/**
 * The runtime shape of `window.atropos`: the members of AtroposBridge (shared/ipc/contract.ts),
 * typed loosely because the preload may import only the channel list. The renderer sees the
 * precise AtroposBridge type; test/unit/main/preload.test.ts checks that the two agree.
 */
export type PreloadBridge = {
  invoke(channel: InvokeChannel, request: unknown): Promise<unknown>;
  on(channel: EventChannel, listener: (payload: unknown) => void): () => void;
  /** The native folder dialog, answered by main itself (electron/main/folderPicker.ts). */
  pickFolder(): Promise<unknown>;
};

type RendererIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds `window.atropos` over `ipc` (Electron's ipcRenderer; injected for tests): only the
 * contract's channels, and page code never receives an IpcRendererEvent (whose `sender` would be a
 * generic IPC handle).
 */
export function createBridge(ipc: RendererIpc): PreloadBridge {
  return {
    invoke(channel, request) {
      // Page code is untrusted and untyped at run time: check the name, not just the type.
      if (!isInvokeChannel(channel)) {
        // Results, not exceptions, cross the boundary; the same shape the router gives.
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid-request', message: `Unknown channel ${JSON.stringify(channel)}.` },
        });
      }
      return ipc.invoke(channel, request) as Promise<unknown>;
    },
    on(channel, listener) {
      if (!isEventChannel(channel)) {
        throw new TypeError(`Unknown event channel ${JSON.stringify(channel)}.`);
      }
      if (typeof listener !== 'function') {
        throw new TypeError('The listener must be a function.');
      }
      const forward = (_event: IpcRendererEvent, payload: unknown): void => {
        listener(payload);
      };
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
    pickFolder() {
      // A named capability with nothing to pass: page code cannot choose the channel or the dialog.
      return ipc.invoke(hostChannels.pickFolder) as Promise<unknown>;
    },
  };
}
