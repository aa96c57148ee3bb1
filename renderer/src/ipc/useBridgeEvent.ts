import { useEffect, useEffectEvent } from 'react';
import type { EventChannel } from '#shared/ipc/channels.ts';
import type { EventMap } from '#shared/ipc/contract.ts';
import { useBridge } from './useBridge.ts';

/** Calls `listener` with every payload of a host event while the component is mounted. */
export function useBridgeEvent<E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void): void {
  const bridge = useBridge();
  // An effect event, so a listener that closes over fresh state does not resubscribe each render.
  const onEvent = useEffectEvent(listener);
  useEffect(() => bridge.on(channel, (payload) => onEvent(payload)), [bridge, channel]);
}
