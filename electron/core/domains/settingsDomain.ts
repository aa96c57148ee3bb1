import type { AppInfo, CloudProviderEntry, Settings } from '#shared/domain.ts';
import type { CloudTestResult } from '#shared/ipc/ModelCatalog.ts';
import { EngineError } from '#core/errors.ts';
import { testCloudProvider as requestModelList } from '#core/models/testCloudProvider.ts';
import {
  deleteCloudProvider,
  listCloudProviders,
  resolveCloudProvider,
  saveCloudProvider,
  setDefaultCloudProvider,
  type CloudProviderInput,
} from '#core/settings/cloudProviders.ts';
import { readSettings, writeSettings } from '#core/settings/readSettings.ts';
import type { DomainContext } from './EngineContext.ts';
import { stripUndefined, type HandlerSlice } from './IpcHandlers.ts';

/** The engine's settings: the app's facts, the settings, and the cloud providers the person added. */
export type SettingsApi = {
  getAppInfo(): AppInfo;
  getSettings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  /** The cloud providers the person added (keys stay in the secret store). */
  listCloudProviders(): CloudProviderEntry[];
  /** Adds (no id) or updates a cloud provider; `apiKey` undefined keeps the key, null deletes it. */
  saveCloudProvider(input: CloudProviderInput): CloudProviderEntry;
  deleteCloudProvider(id: string): void;
  /** Makes a provider the active profile's default (null: none); its tasks escalate there unless they name one. */
  setDefaultCloudProvider(id: string | null): string | null;
  /** One small request (the model list) to a configured cloud provider through the egress gate. */
  testCloudProvider(id: string): Promise<CloudTestResult>;
};

/** The settings domain: its part of the facade and its IPC handlers. */
export function createSettingsDomain(context: DomainContext) {
  const { ports, settings, gate, activeRecord } = context;
  const schemaVersion = context.db.pragma('user_version', { simple: true }) as number;

  const api: SettingsApi = {
    getAppInfo: () => ({
      version: ports.host.appVersion,
      host: ports.host.kind,
      versions: ports.host.versions,
      dataDir: ports.paths.dataDir,
      databasePath: context.databaseFile,
      schemaVersion,
      cores: ports.host.cores,
    }),
    getSettings: () => readSettings(settings),
    updateSettings(patch) {
      const next = writeSettings(settings, patch);
      context.emit({ channel: 'settings:changed', payload: next });
      return next;
    },
    listCloudProviders: () => listCloudProviders(settings, ports.secrets, activeRecord().id),
    saveCloudProvider: (input) => saveCloudProvider(settings, ports.secrets, input, ports.newId, activeRecord().id),
    deleteCloudProvider: (id) => deleteCloudProvider(settings, ports.secrets, id),
    setDefaultCloudProvider: (id) => setDefaultCloudProvider(settings, activeRecord().id, id),
    async testCloudProvider(id) {
      const provider = resolveCloudProvider(settings, ports.secrets, id);
      const record = activeRecord();
      if (record.privacyMode === 'local-only')
        throw new EngineError(
          'policy-denied',
          `The profile "${record.name}" is local-only: nothing leaves this machine, a connection test included. Choose Ask or Auto-redact in Privacy to test ${provider.name}.`,
        );
      // The person pressed Test: a request with their key and no data of theirs, audited like any other.
      const { value } = await gate.run(
        {
          profileId: record.id,
          taskId: null,
          provider: `${provider.api}:${provider.model}`,
          model: provider.model,
          origin: new URL(provider.baseUrl).origin,
          allowedBy: 'user',
          redactions: {},
        },
        () => requestModelList(provider, gate, ports.clock, context.lifetime),
      );
      return value;
    },
  };

  const handlers = {
    'app:get-info': () => api.getAppInfo(),
    'settings:get': () => api.getSettings(),
    'settings:update': (request) => api.updateSettings(stripUndefined(request)),
    'cloud:list': () => api.listCloudProviders(),
    'cloud:save': (request) => api.saveCloudProvider(stripUndefined(request)),
    'cloud:delete': (request) => {
      api.deleteCloudProvider(request.id);
      return { id: request.id };
    },
    'cloud:test': (request) => api.testCloudProvider(request.id),
    'cloud:set-default': (request) => ({ defaultId: api.setDefaultCloudProvider(request.id) }),
  } satisfies HandlerSlice;

  return { api, handlers };
}
