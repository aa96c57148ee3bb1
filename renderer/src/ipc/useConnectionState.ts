import { useSyncExternalStore } from 'react';
import type { ConnectionState } from './ConnectedBridge.ts';
import { useBridge } from './useBridge.ts';

/** The bridge's connection state, re-rendering when it changes. */
export function useConnectionState(): ConnectionState {
  const bridge = useBridge();
  return useSyncExternalStore(bridge.onConnectionChange, bridge.getConnectionState);
}
