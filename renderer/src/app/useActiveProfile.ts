import { useCallback, useState } from 'react';
import type { Profile } from '#shared/domain.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { useBridgeEvent } from '../ipc/useBridgeEvent.ts';
import { useInvoke } from '../ipc/useInvoke.ts';

/** The active profile as the shell tracks it. */
export type ActiveProfile = {
  readonly profile: Profile | undefined;
  readonly error: IpcError | undefined;
  /** True until profile:list has answered (or a profile was adopted). */
  readonly isPending: boolean;
  /**
   * Goes up by one each time a different profile becomes active. The shell keys the screens with
   * it, so every screen reloads the new profile's data from scratch.
   */
  readonly generation: number;
  /** Adopts a profile returned by profile:switch, before (or instead of) the host's event. */
  readonly adopt: (profile: Profile) => void;
};

type Switched = { readonly profile: Profile; readonly generation: number };

/** Reads the active profile from profile:list and follows the host's profile:changed events. */
export function useActiveProfile(): ActiveProfile {
  const listed = useInvoke('profile:list', {});
  const [switched, setSwitched] = useState<Switched | undefined>(undefined);
  const listedActive = listed.data?.find((profile) => profile.isActive);

  const adopt = useCallback(
    (next: Profile) => {
      setSwitched((previous) => {
        const currentId = previous?.profile.id ?? listedActive?.id;
        const generation = previous?.generation ?? 0;
        return {
          profile: next,
          generation: currentId === undefined || currentId === next.id ? generation : generation + 1,
        };
      });
    },
    [listedActive?.id],
  );
  useBridgeEvent('profile:changed', adopt);

  return {
    profile: switched?.profile ?? listedActive,
    error: listed.error,
    isPending: switched === undefined && listed.data === undefined && listed.error === undefined,
    generation: switched?.generation ?? 0,
    adopt,
  };
}
