import type { EventChannel, InvokeChannel } from '#shared/ipc/channels.ts';
import type { AtroposBridge, EventMap, InvokeRequest, InvokeResponse } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { err, type Result } from '#shared/result.ts';
import type { ConnectedBridge } from './ConnectedBridge.ts';
import { createWebSocketBridge } from './createWebSocketBridge.ts';

/** The parts of `window` the bridge needs; injected so tests need no global stubs. */
export type BridgeEnvironment = {
  readonly atropos?: AtroposBridge | undefined;
  readonly location: { readonly host: string; readonly search: string };
};

const missingTokenError: IpcError = {
  code: 'provider-unavailable',
  message: 'This page was opened without its access token. Open the exact URL printed by `npm run start:web`.',
};

/** What a rejected preload call becomes: the contract says invokes answer with a Result. */
function rejected(what: string, error: unknown): Result<never, IpcError> {
  console.error(`Atropos: ${what} rejected`, error);
  return err({ code: 'internal', message: 'Something went wrong inside Atropos; details are in the log.' });
}

function fromPreload(preload: AtroposBridge): ConnectedBridge {
  const { pickFolder } = preload;
  return {
    invoke<C extends InvokeChannel>(
      channel: C,
      request: InvokeRequest<C>,
    ): Promise<Result<InvokeResponse<C>, IpcError>> {
      // The contract says invokes never reject, but ipcRenderer.invoke does when main throws; turn
      // that into a Result so screens have one failure path.
      return Promise.resolve()
        .then(() => preload.invoke(channel, request))
        .catch((error: unknown) => rejected(`invoke ${channel}`, error));
    },
    // The desktop host's folder dialog, where the preload offers it (not in the browser).
    ...(pickFolder === undefined
      ? {}
      : {
          pickFolder: () =>
            Promise.resolve()
              .then(() => pickFolder())
              .catch((error: unknown) => rejected('pickFolder', error)),
        }),
    on: <E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void) => preload.on(channel, listener),
    getConnectionState: () => 'connected',
    onConnectionChange: () => () => undefined,
  };
}

function withoutToken(): ConnectedBridge {
  return {
    invoke: () => Promise.resolve(err(missingTokenError)),
    on: () => () => undefined,
    getConnectionState: () => 'missing-token',
    onConnectionChange: () => () => undefined,
  };
}

/**
 * The renderer's one way to the engine. In Electron the preload's `window.atropos` already has the
 * AtroposBridge shape; in a browser the page talks to the web host over a WebSocket authorised by
 * the `token` query parameter of the URL that `npm run start:web` prints.
 */
export function createBridge(environment: BridgeEnvironment = window): ConnectedBridge {
  if (environment.atropos !== undefined) {
    return fromPreload(environment.atropos);
  }
  const token = new URLSearchParams(environment.location.search).get('token');
  if (token === null || token === '') {
    return withoutToken();
  }
  return createWebSocketBridge({ url: `ws://${environment.location.host}/ipc?token=${encodeURIComponent(token)}` });
}
