import { useState } from 'react';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { useBridge } from '../ipc/useBridge.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/** Adds `folder` as a line of the granted-folders text, unless that line is there already. */
export function appendFolder(text: string, folder: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.some((line) => line.trim() === folder) ? text : [...lines, folder].join('\n');
}

/** Props of PickFolderButton. */
export type PickFolderButtonProps = {
  /** Receives the folder the person chose (nothing when they cancelled). */
  readonly onPick: (folder: string) => void;
  readonly disabled?: boolean;
};

/**
 * "Choose a folder...": the desktop app's native folder dialog. Renders nothing where the host
 * has none (the browser version), where the typed path stays the way. The choice only fills in the
 * field; the engine checks each granted folder when the task starts.
 */
export function PickFolderButton({ onPick, disabled = false }: PickFolderButtonProps) {
  const { pickFolder } = useBridge();
  const [isOpen, setIsOpen] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  if (pickFolder === undefined) return null;

  async function choose(open: NonNullable<typeof pickFolder>): Promise<void> {
    setIsOpen(true);
    setError(null);
    const picked = await open();
    setIsOpen(false);
    if (!picked.ok) setError(picked.error);
    else if (picked.value.path !== null) onPick(picked.value.path);
  }

  return (
    <>
      <button type="button" disabled={disabled || isOpen} onClick={() => void choose(pickFolder)}>
        Choose a folder…
      </button>
      {error !== null && <ErrorMessage error={error} title="Could not choose a folder." />}
    </>
  );
}
