import type { AtroposBridge } from '#shared/ipc/contract.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- only an interface merges with the DOM's Window
  interface Window {
    /** Exposed by the Electron preload; absent when the page is served by the web host. */
    atropos?: AtroposBridge;
  }
}
