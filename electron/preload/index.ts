import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './createBridge.ts';

// The sandboxed preload: the page's only way to the engine. It runs in Electron's sandbox, so it
// is bundled into one CJS file whose only require is 'electron'; its one runtime import from
// shared is the channel list (the contract imports in createBridge.ts are types only).
contextBridge.exposeInMainWorld('atropos', createBridge(ipcRenderer));
