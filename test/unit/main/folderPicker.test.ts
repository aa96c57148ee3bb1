import type { IpcMainInvokeEvent, OpenDialogOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hostChannels } from '#shared/ipc/channels.ts';
import { folderDialogOptions, registerFolderPicker } from '../../../electron/main/folderPicker.ts';
import { createMemoryLogger } from '../../helpers/createTestEngine.ts';

const appIndexUrl = 'file:///repo/dist/renderer/index.html';
type Handler = (event: IpcMainInvokeEvent, payload?: unknown) => Promise<unknown>;

function setup(answer: () => Promise<{ canceled: boolean; filePaths: string[] }>) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const asked: OpenDialogOptions[] = [];
  const logger = createMemoryLogger();
  const unregister = registerFolderPicker({
    ipcMain,
    appIndexUrl,
    logger,
    showOpenDialog: (options) => {
      asked.push(options);
      return answer();
    },
  });
  const pick = (frameUrl: string | null, ...payload: unknown[]) =>
    handlers.get(hostChannels.pickFolder)?.(
      { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent,
      ...payload,
    );
  return { handlers, asked, logger, unregister, pick };
}

describe('the folder dialog', () => {
  it('answers the folder the person chose, with a folders-only dialog whatever the page sends', async () => {
    const { asked, pick } = setup(() => Promise.resolve({ canceled: false, filePaths: ['/home/ada/notes'] }));
    await expect(pick(appIndexUrl, { properties: ['openFile', 'multiSelections'] })).resolves.toEqual({
      ok: true,
      value: { path: '/home/ada/notes' },
    });
    expect(asked).toEqual([folderDialogOptions]);
    expect(folderDialogOptions.properties).toContain('openDirectory');
    expect(folderDialogOptions.properties).not.toContain('openFile');
  });

  it('answers null when the person cancels', async () => {
    const { pick } = setup(() => Promise.resolve({ canceled: true, filePaths: [] }));
    await expect(pick(appIndexUrl)).resolves.toEqual({ ok: true, value: { path: null } });
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', null])(
    'opens no dialog for the frame %s',
    async (frameUrl) => {
      const { asked, pick, logger } = setup(() => Promise.resolve({ canceled: false, filePaths: ['/'] }));
      await expect(pick(frameUrl)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(asked).toEqual([]);
      expect(logger.records.map((entry) => entry.message)).toContain('Refused the folder dialog to an untrusted frame');
    },
  );

  it('says to type the path when the dialog fails', async () => {
    const { pick } = setup(() => Promise.reject(new Error('no portal')));
    await expect(pick(appIndexUrl)).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/Type the folder path/) as string },
    });
  });

  it('removes its handler with the function it returns', () => {
    const { handlers, unregister } = setup(() => Promise.resolve({ canceled: true, filePaths: [] }));
    expect([...handlers.keys()]).toEqual([hostChannels.pickFolder]);
    unregister();
    expect(handlers.size).toBe(0);
  });
});
