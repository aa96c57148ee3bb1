import type { AtroposBridge } from '#shared/ipc/contract.ts';

declare global {
  // An interface, not a type: only interfaces merge with the DOM's own Window declaration.
  interface Window {
    /** Exposed by the Electron preload; absent when the page is served by the web host. */
    atropos?: AtroposBridge;
  }
}
