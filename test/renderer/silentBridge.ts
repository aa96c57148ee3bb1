import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BridgeContext } from '../../renderer/src/ipc/BridgeContext.ts';
import type { ConnectedBridge } from '../../renderer/src/ipc/ConnectedBridge.ts';

/** A connected bridge that never answers: screens render as they do before their data arrives. */
export const silentBridge = {
  invoke: () => new Promise(() => undefined),
  on: () => () => undefined,
  getConnectionState: () => 'connected',
  onConnectionChange: () => () => undefined,
} as unknown as ConnectedBridge;

/** `element`'s HTML from React's server renderer, under `bridge` (the silent one unless given). */
export function renderWithBridge(element: ReactElement, bridge: ConnectedBridge = silentBridge): string {
  return renderToStaticMarkup(createElement(BridgeContext, { value: bridge }, element));
}
