import { createContext } from 'react';
import type { ConnectedBridge } from './ConnectedBridge.ts';

/** Carries the one bridge from main.tsx to every screen; null only outside the provider. */
export const BridgeContext = createContext<ConnectedBridge | null>(null);
