import type { EventChannel, InvokeChannel } from '#shared/ipc/channels.ts';
import type { EventMap, InvokeRequest, InvokeResponse, WireRequest } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { err, type Result } from '#shared/result.ts';
import type { ConnectedBridge, ConnectionState } from './ConnectedBridge.ts';
import { parseWireMessage } from './parseWireMessage.ts';

type Settle = (result: Result<unknown, IpcError>) => void;
type EventListener = (payload: unknown) => void;

const lostError: IpcError = {
  code: 'provider-unavailable',
  message: 'Lost the connection to the Atropos host. Restart `npm run start:web` and reload this page.',
};

const unreachableError: IpcError = {
  code: 'provider-unavailable',
  message: 'Could not connect to the Atropos host. Restart `npm run start:web` and open the exact URL it prints.',
};

/** How the web host's socket is reached. */
export type WebSocketBridgeOptions = {
  /** `ws://host/ipc?token=…` */
  readonly url: string;
  /** Opens the socket. Defaults to the browser's WebSocket; tests pass a fake. */
  readonly openSocket?: (url: string) => WebSocket;
};

function openSocket(options: WebSocketBridgeOptions): WebSocket | undefined {
  try {
    return (options.openSocket ?? ((url: string) => new WebSocket(url)))(options.url);
  } catch (error) {
    // The constructor throws only for a malformed URL, which a bad host name would give.
    console.error('Atropos: could not open the host socket', error);
    return undefined;
  }
}

/**
 * The bridge over the web host's WebSocket: JSON text frames, `invoke` requests answered by
 * `result` messages with the same id, and `event` messages pushed by the host. Invokes made before
 * the socket opens wait in a queue. The host issues a fresh token per launch, so a closed socket is
 * not retried: every pending and later invoke resolves with an error that says what to do.
 */
export function createWebSocketBridge(options: WebSocketBridgeOptions): ConnectedBridge {
  const settlers = new Map<number, Settle>();
  const queuedFrames: string[] = [];
  const eventListeners = new Map<EventChannel, Set<EventListener>>();
  const stateListeners = new Set<() => void>();
  let state: ConnectionState = 'connecting';
  let nextId = 1;

  function setState(next: ConnectionState): void {
    state = next;
    for (const listener of stateListeners) {
      listener();
    }
  }

  function closedError(): IpcError | undefined {
    if (state === 'lost') return lostError;
    if (state === 'unreachable') return unreachableError;
    return undefined;
  }

  // Browsers fire `error` and then `close`; whichever comes first fails everything once.
  function handleClosed(): void {
    if (closedError() !== undefined) {
      return;
    }
    setState(state === 'connected' ? 'lost' : 'unreachable');
    const error = closedError() ?? lostError;
    queuedFrames.length = 0;
    for (const settle of settlers.values()) {
      settle(err(error));
    }
    settlers.clear();
  }

  function handleMessage(data: unknown): void {
    const message = typeof data === 'string' ? parseWireMessage(data) : undefined;
    if (message === undefined) {
      console.warn('Atropos: ignored a malformed message from the host');
    } else if (message.type === 'result') {
      settlers.get(message.id)?.(message.result);
      settlers.delete(message.id);
    } else {
      for (const listener of eventListeners.get(message.channel) ?? []) {
        listener(message.payload);
      }
    }
  }

  const socket = openSocket(options);
  if (socket === undefined) {
    state = 'unreachable';
  } else {
    socket.addEventListener('open', () => {
      setState('connected');
      for (const frame of queuedFrames.splice(0)) {
        socket.send(frame);
      }
    });
    socket.addEventListener('message', (event: MessageEvent) => handleMessage(event.data));
    socket.addEventListener('close', handleClosed);
    socket.addEventListener('error', handleClosed);
  }

  return {
    invoke<C extends InvokeChannel>(
      channel: C,
      request: InvokeRequest<C>,
    ): Promise<Result<InvokeResponse<C>, IpcError>> {
      const error = closedError();
      if (error !== undefined || socket === undefined) {
        return Promise.resolve(err(error ?? unreachableError));
      }
      const id = nextId++;
      const frame = JSON.stringify({ type: 'invoke', id, channel, request } satisfies WireRequest);
      return new Promise((resolve) => {
        settlers.set(id, resolve as Settle);
        if (state === 'connected') {
          socket.send(frame);
        } else {
          queuedFrames.push(frame);
        }
      });
    },
    on<E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void): () => void {
      const listeners = eventListeners.get(channel) ?? new Set<EventListener>();
      eventListeners.set(channel, listeners);
      // The host sends payloads of the contract's EventMap; the socket only knows them as unknown.
      const untyped = listener as EventListener;
      listeners.add(untyped);
      return () => listeners.delete(untyped);
    },
    getConnectionState: () => state,
    onConnectionChange: (listener) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
  };
}
