import { useCallback, useState } from 'react';
import type { InvokeChannel } from '#shared/ipc/channels.ts';
import type { InvokeRequest, InvokeResponse } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import type { Result } from '#shared/result.ts';
import { useBridge } from './useBridge.ts';

/** A command the person triggers (save, switch, create), with its progress and last error. */
export type InvokeAction<C extends InvokeChannel> = {
  readonly run: (request: InvokeRequest<C>) => Promise<Result<InvokeResponse<C>, IpcError>>;
  readonly isRunning: boolean;
  /** The error of the last run; cleared when a run starts. */
  readonly error: IpcError | undefined;
};

/** Wraps a mutating invoke channel for a form or button. */
export function useInvokeAction<C extends InvokeChannel>(channel: C): InvokeAction<C> {
  const bridge = useBridge();
  const [isRunning, setIsRunning] = useState(false);
  const [error, setError] = useState<IpcError | undefined>(undefined);

  const run = useCallback(
    async (request: InvokeRequest<C>) => {
      setIsRunning(true);
      setError(undefined);
      const result = await bridge.invoke(channel, request);
      setIsRunning(false);
      setError(result.ok ? undefined : result.error);
      return result;
    },
    [bridge, channel],
  );

  return { run, isRunning, error };
}
