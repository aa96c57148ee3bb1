import type { Settings } from '#shared/domain.ts';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import type { SettingsStore } from '../db/SettingsStore.ts';

/** The settings a fresh install starts with. */
export const defaultSettings: Settings = {
  theme: 'system',
  pathsPerTask: 5,
  stepBudget: 10,
  localThreads: 0,
  localGpu: 'auto',
  cloudIdleTimeoutSeconds: 30,
  cloudTotalTimeoutSeconds: 180,
  cloudMaxResponseMegabytes: 8,
  localModelIdleMinutes: 10,
  localModelMemoryLimitMegabytes: 8192,
  endUnlikelyPathsEarly: true,
};

const settingsKey = 'app';
const storedSettings = requestSchemas['settings:update'];

/**
 * The current settings: stored values over the defaults. A stored value that no longer validates
 * (written by another version, or edited by hand) falls back to its default instead of failing.
 */
export function readSettings(store: SettingsStore): Settings {
  const parsed = storedSettings.safeParse(store.read(settingsKey) ?? {});
  return { ...defaultSettings, ...(parsed.success ? parsed.data : {}) };
}

/** Stores a validated patch and returns the settings after it, atomically with its read. */
export function writeSettings(store: SettingsStore, patch: Partial<Settings>): Settings {
  return store.transaction(() => {
    const next = { ...readSettings(store), ...patch };
    store.write(settingsKey, next);
    return next;
  });
}
