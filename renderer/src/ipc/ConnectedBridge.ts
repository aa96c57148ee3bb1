import type { AtroposBridge } from '#shared/ipc/contract.ts';

/**
 * Where the renderer's line to the engine stands.
 * - `connecting`: the web host's socket is opening; invokes wait in a queue.
 * - `connected`: invokes flow (always the case with the Electron preload).
 * - `unreachable`: the socket never opened (host stopped, wrong or stale token).
 * - `lost`: the socket was open and then closed.
 * - `missing-token`: the page was opened without the web host's `?token=` parameter.
 */
export type ConnectionState = 'connecting' | 'connected' | 'unreachable' | 'lost' | 'missing-token';

/** The bridge plus its connection state, which the app shell shows as a banner. */
export type ConnectedBridge = AtroposBridge & {
  // Function-typed properties rather than methods: useSyncExternalStore receives them unbound.
  readonly getConnectionState: () => ConnectionState;
  /** Calls `listener` whenever the state changes; returns the unsubscribe function. */
  readonly onConnectionChange: (listener: () => void) => () => void;
};
