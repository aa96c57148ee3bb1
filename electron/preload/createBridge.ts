import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { AtroposBridge, InvokeRequest, InvokeResponse } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import type { Result } from '#shared/result.ts';
import {
  eventChannels,
  invokeChannels,
  isEventChannel,
  isInvokeChannel,
  type InvokeChannel,
} from '#shared/ipc/channels.ts';

/** The invoke channels the bridge forwards: the contract's, no more. */
export const allowedInvokeChannels: readonly string[] = invokeChannels;

/** The event channels the bridge subscribes to: the contract's, no more. */
export const allowedEventChannels: readonly string[] = eventChannels;

type RendererIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds `window.atropos` over `ipc` (Electron's ipcRenderer; injected for tests): exactly the
 * AtroposBridge shape, only the contract's channels, and page code never receives an
 * IpcRendererEvent (whose `sender` would be a generic IPC handle).
 */
export function createBridge(ipc: RendererIpc): AtroposBridge {
  return {
    invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>, IpcError>> {
      // Page code is untrusted and untyped at run time: check the name, not just the type.
      if (!isInvokeChannel(channel as unknown)) {
        // Results, not exceptions, cross the boundary; the same shape the router gives.
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid-request', message: `Unknown channel ${JSON.stringify(channel)}.` },
        });
      }
      return ipc.invoke(channel, request) as Promise<Result<InvokeResponse<C>, IpcError>>;
    },
    on(channel, listener) {
      if (!isEventChannel(channel)) {
        throw new TypeError(`Unknown event channel ${JSON.stringify(channel)}.`);
      }
      if (typeof listener !== 'function') {
        throw new TypeError('The listener must be a function.');
      }
      const forward = (_event: IpcRendererEvent, payload: unknown): void => {
        (listener as (payload: unknown) => void)(payload);
      };
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
  };
}

