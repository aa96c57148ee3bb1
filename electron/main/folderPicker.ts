import type { IpcMain, IpcMainInvokeEvent, OpenDialogOptions } from 'electron';
import type { Logger } from '#core/ports.ts';
import { hostChannels } from '#shared/ipc/channels.ts';
import type { PickedFolder } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { err, ok, type Result } from '#shared/result.ts';
import { isTrustedSender, senderFrameUrl } from './ipc.ts';

/** What `registerFolderPicker` wires together. */
export type FolderPickerWiring = {
  /** Electron's ipcMain (injected so tests need no Electron). */
  readonly ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /** The app's index page as a file:// URL: the only frame allowed to ask. */
  readonly appIndexUrl: string;
  readonly logger: Logger;
  /** Electron's dialog.showOpenDialog, attached to the main window when there is one. */
  readonly showOpenDialog: (options: OpenDialogOptions) => Promise<{ canceled: boolean; filePaths: string[] }>;
};

/** The dialog main shows: folders only, so the answer is always a folder the person chose. */
export const folderDialogOptions: OpenDialogOptions = {
  title: 'Choose a folder the paths may read',
  buttonLabel: 'Choose',
  properties: ['openDirectory', 'dontAddToRecent'],
};

/**
 * Answers `AtroposBridge.pickFolder` with the operating system's folder dialog: the chosen folder,
 * or null when the person cancelled. It only fills in the form; the engine still checks every
 * granted folder when the task starts (the one gate). Returns the function that removes the handler.
 */
export function registerFolderPicker(wiring: FolderPickerWiring): () => void {
  wiring.ipcMain.handle(
    hostChannels.pickFolder,
    async (event: IpcMainInvokeEvent): Promise<Result<PickedFolder, IpcError>> => {
      const frameUrl = senderFrameUrl(event);
      if (!isTrustedSender(frameUrl, wiring.appIndexUrl)) {
        wiring.logger.warn('Refused the folder dialog to an untrusted frame', { frameUrl });
        return err({ code: 'invalid-request', message: 'This page is not allowed to talk to Atropos.' });
      }
      try {
        const chosen = await wiring.showOpenDialog(folderDialogOptions);
        return ok({ path: chosen.canceled ? null : (chosen.filePaths[0] ?? null) });
      } catch (error) {
        wiring.logger.error('The folder dialog failed', {
          error: error instanceof Error ? error.message : String(error),
        });
        return err({
          code: 'internal',
          message: 'The folder dialog could not open. Type the folder path in the field instead.',
        });
      }
    },
  );
  return () => {
    wiring.ipcMain.removeHandler(hostChannels.pickFolder);
  };
}
