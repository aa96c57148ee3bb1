import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './createBridge.ts';

// The sandboxed preload: the page's only way to the engine. It runs in Electron's sandbox, so it
// is bundled into one CJS file whose only require is 'electron', and its only import from shared
// is the channel list.
contextBridge.exposeInMainWorld('atropos', createBridge(ipcRenderer));
