import { use } from 'react';
import { BridgeContext } from './BridgeContext.ts';
import type { ConnectedBridge } from './ConnectedBridge.ts';

/** The bridge provided by main.tsx. */
export function useBridge(): ConnectedBridge {
  const bridge = use(BridgeContext);
  if (bridge === null) {
    throw new Error('useBridge needs a BridgeContext provider above it.');
  }
  return bridge;
}
