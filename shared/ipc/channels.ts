/**
 * The channel names of the IPC contract, and nothing else, so that the sandboxed preload can carry
 * its allow-list without pulling in schemas. `contract.ts` ties each name to its types and schemas.
 */
export const invokeChannels = [
  'app:get-info',
  'profile:list',
  'profile:create',
  'profile:switch',
  'settings:get',
  'settings:update',
  'task:list',
  'model:list',
  'privacy:get-policy',
  'privacy:set-policy',
  'privacy:list-egress',
  'budget:get-summary',
  'budget:set-caps',
  'predictor:get-status',
  'predictor:retrain',
  'task:start',
  'task:cancel',
  'task:get',
  'egress:answer',
  // Questions still open, so a reloaded or reconnected window shows them again.
  'task:list-pending-approvals',
  // Chat threads: each turn is a task; a follow-up carries the turns before it.
  'thread:list',
  'thread:get',
  'thread:send',
  'thread:rename',
  'thread:delete',
  'thread:export',
  // The cloud provider the chat header shows and a turn that names none uses (per thread, else the last choice).
  'thread:get-cloud',
  'thread:set-cloud',
  // The warm local model: its state, and Unload.
  'model:get-warm',
  'model:unload',
  // Privacy, budget, predictor and profiles screens.
  'privacy:get-redaction',
  'privacy:set-redaction',
  'privacy:preview-redaction',
  'budget:get-spend',
  'predictor:activate-version',
  'profile:protect',
  'profile:preview-deletion',
  'profile:delete',
  // Models and cloud providers.
  'model:catalog',
  'model:download',
  'model:cancel-download',
  'model:import',
  'model:set-source',
  'cloud:list',
  'cloud:save',
  'cloud:delete',
  'cloud:test',
  'cloud:set-default',
] as const;

/** Events the host pushes to the renderer. */
export const eventChannels = [
  'profile:changed',
  'settings:changed',
  'task:event',
  'egress:approval-request',
  // Models: download progress, keyed by download id.
  'model:download-progress',
  // The warm local model's state and load progress.
  'model:warm-status',
] as const;

/**
 * What only the desktop host offers, outside the engine's contract: Electron main answers these
 * itself (a native dialog) and the preload exposes each as a named bridge method, never as a
 * channel page code may name. The web host has none of them.
 */
export const hostChannels = {
  /** AtroposBridge.pickFolder: the operating system's folder dialog. */
  pickFolder: 'dialog:pick-folder',
} as const;

/** A request/response channel. */
export type InvokeChannel = (typeof invokeChannels)[number];

/** A host-to-renderer event channel. */
export type EventChannel = (typeof eventChannels)[number];

/** Narrows an untrusted string to an invoke channel. */
export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (invokeChannels as readonly string[]).includes(value);
}

/** Narrows an untrusted string to an event channel. */
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (eventChannels as readonly string[]).includes(value);
}
