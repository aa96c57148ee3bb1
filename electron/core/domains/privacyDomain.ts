import type { EgressRecord, PrivacyMode, PrivacyPolicy } from '#shared/domain.ts';
import type { RedactionChoices, RedactionPreview } from '#shared/ipc/RedactionPreview.ts';
import type { ProfileRecord } from '#core/db/ProfileStore.ts';
import { previewRedaction } from '#core/privacy/previewRedaction.ts';
import {
  readRedactionSettings,
  redactionSettingsSchema,
  writeRedactionSettings,
  type RedactionSettings,
} from '#core/privacy/redactionSettings.ts';
import type { DomainContext, Page } from './EngineContext.ts';
import type { HandlerSlice } from './IpcHandlers.ts';

/** The engine's privacy: the profile's mode, the egress log, and its redaction choices. */
export type PrivacyApi = {
  getPrivacyPolicy(): PrivacyPolicy;
  setPrivacyMode(mode: PrivacyMode): PrivacyPolicy;
  listEgress(page: Page): EgressRecord[];
  /** The active profile's redaction choices as stored. */
  getRedactionSettings(): unknown;
  /** Validates (a malformed pattern is named) and stores the active profile's redaction choices. */
  setRedactionSettings(input: unknown): RedactionSettings;
  /** The active profile's redaction choices with their defaults filled in. */
  getRedactionChoices(): RedactionChoices;
  /** Redacts sample text with unsaved choices (problems named by field); nothing is stored. */
  previewRedaction(text: string, choices: unknown): RedactionPreview;
};

/** The privacy domain: its part of the facade and its IPC handlers. */
export function createPrivacyDomain(context: DomainContext) {
  const { profiles, settings, egress, activeRecord } = context;

  function policyOf(record: ProfileRecord): PrivacyPolicy {
    return { profileId: record.id, mode: record.privacyMode, egressCount: egress.count(record.id) };
  }

  const api: PrivacyApi = {
    getPrivacyPolicy: () => policyOf(activeRecord()),
    setPrivacyMode(mode) {
      const record = activeRecord();
      profiles.setPrivacyMode(record.id, mode);
      return policyOf({ ...record, privacyMode: mode });
    },
    listEgress: (page) => egress.list(activeRecord().id, page.limit ?? context.pageSize, page.offset ?? 0),
    getRedactionSettings: () => readRedactionSettings(settings, activeRecord().id),
    setRedactionSettings: (input) => writeRedactionSettings(settings, activeRecord().id, input),
    getRedactionChoices() {
      const parsed = redactionSettingsSchema.safeParse(api.getRedactionSettings());
      // A stored value that no longer parses shows as the defaults; saving replaces it.
      return parsed.success ? parsed.data : { types: {}, customPatterns: [], allowList: [] };
    },
    previewRedaction: (text, choices) => previewRedaction(text, choices),
  };

  const handlers = {
    'privacy:get-policy': () => api.getPrivacyPolicy(),
    'privacy:set-policy': (request) => api.setPrivacyMode(request.mode),
    'privacy:list-egress': (request) => api.listEgress(request),
    'privacy:get-redaction': () => api.getRedactionChoices(),
    'privacy:set-redaction': (request) => api.setRedactionSettings(request),
    'privacy:preview-redaction': (request) => api.previewRedaction(request.text, request.settings),
  } satisfies HandlerSlice;

  return { api, handlers };
}
