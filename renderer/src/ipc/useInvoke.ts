import { useCallback, useEffect, useState } from 'react';
import type { InvokeChannel } from '#shared/ipc/channels.ts';
import type { InvokeRequest, InvokeResponse } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { useBridge } from './useBridge.ts';

/** The state of one invoke as a screen reads it. */
export type InvokeState<T> = {
  /** The last successful response; kept while a reload is in flight so screens do not flicker. */
  readonly data: T | undefined;
  /** The error of the latest attempt; undefined once an attempt succeeds. */
  readonly error: IpcError | undefined;
  readonly isLoading: boolean;
  /** Asks again with the same request. */
  readonly reload: () => void;
};

type Settled<T> = {
  readonly key: string | undefined;
  readonly data: T | undefined;
  readonly error: IpcError | undefined;
};

/**
 * Invokes `channel` with `request` when the component mounts and again whenever the request's
 * content changes (compared as JSON, so an inline object literal is fine).
 */
export function useInvoke<C extends InvokeChannel>(
  channel: C,
  request: InvokeRequest<C>,
): InvokeState<InvokeResponse<C>> {
  const bridge = useBridge();
  const requestJson = JSON.stringify(request);
  const [reloadCount, setReloadCount] = useState(0);
  const key = `${channel} ${requestJson} ${reloadCount}`;
  const [settled, setSettled] = useState<Settled<InvokeResponse<C>>>({
    key: undefined,
    data: undefined,
    error: undefined,
  });

  useEffect(() => {
    let isCurrent = true;
    void bridge.invoke(channel, JSON.parse(requestJson) as InvokeRequest<C>).then((result) => {
      if (isCurrent) {
        setSettled((previous) =>
          result.ok ? { key, data: result.value, error: undefined } : { key, data: previous.data, error: result.error },
        );
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [bridge, channel, requestJson, key]);

  const reload = useCallback(() => setReloadCount((count) => count + 1), []);
  return { data: settled.data, error: settled.error, isLoading: settled.key !== key, reload };
}
