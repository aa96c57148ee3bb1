import { useState } from 'react';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { useInvoke } from '../../ipc/useInvoke.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** The chat's cloud provider as the header shows it, kept by the engine so a reload keeps it. */
export type ChatCloudState = {
  /** A saved provider's id, null to stay local, undefined while the engine's choice loads. */
  readonly providerId: string | null | undefined;
  readonly choose: (providerId: string | null) => void;
  readonly error: IpcError | undefined;
};

/**
 * The open chat's cloud choice (a new chat's without `threadId`): the engine keeps it for the
 * thread and as the last choice, and a turn that names none uses the same one.
 */
export function useChatCloud(threadId: string | null): ChatCloudState {
  const stored = useInvoke('thread:get-cloud', threadId === null ? {} : { threadId });
  const save = useInvokeAction('thread:set-cloud');
  // What was just picked shows at once, for the chat it was picked in, while the engine keeps it.
  const [picked, setPicked] = useState<{ threadId: string | null; providerId: string | null } | undefined>();
  const providerId =
    picked !== undefined && picked.threadId === threadId
      ? picked.providerId
      : stored.isLoading
        ? undefined
        : stored.data?.providerId;
  return {
    providerId,
    choose(choice) {
      setPicked({ threadId, providerId: choice });
      void save.run(threadId === null ? { providerId: choice } : { threadId, providerId: choice }).then((result) => {
        // Not kept (the provider was deleted meanwhile): show what the engine will use instead.
        if (!result.ok) setPicked(undefined);
        stored.reload();
      });
    },
    error: save.error ?? stored.error,
  };
}
