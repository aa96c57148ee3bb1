import type { z } from 'zod';
import type {
  AppInfo,
  BudgetCaps,
  BudgetSummary,
  CloudProviderEntry,
  EgressRecord,
  ModelEntry,
  PredictorStatus,
  PredictorVersion,
  PrivacyPolicy,
  Profile,
  RetrainOutcome,
  Settings,
  TaskSummary,
} from '../domain.ts';
import type { Result } from '../result.ts';
import type { EventChannel, InvokeChannel } from './channels.ts';
import type { EgressPrompt } from './EgressPrompt.ts';
import type { IpcError } from './IpcError.ts';
import type { CloudTestResult, ModelCatalog, ModelDownload } from './ModelCatalog.ts';
import type { ProfileDeletion } from './ProfileDeletion.ts';
import type { ProfileListing } from './ProfileListing.ts';
import type { RedactionChoices, RedactionPreview } from './RedactionPreview.ts';
import type { SpendReport } from './SpendReport.ts';
import type { requestSchemas } from './schemas.ts';
import type { TaskDetail } from './TaskDetail.ts';
import type { ChatCloud, ThreadDetail, ThreadExport, ThreadSendResult, ThreadSummary } from './Thread.ts';
import type { TaskUpdate } from './TaskUpdate.ts';
import type { WarmModelStatus } from './WarmModel.ts';

type Request<C extends InvokeChannel> = z.input<(typeof requestSchemas)[C]>;

/** What each invoke channel answers with. */
type Responses = {
  'app:get-info': AppInfo;
  /** Every profile, with whether switching to it asks for a passphrase. */
  'profile:list': readonly ProfileListing[];
  'profile:create': Profile;
  'profile:switch': Profile;
  'settings:get': Settings;
  'settings:update': Settings;
  'task:list': readonly TaskSummary[];
  'model:list': readonly ModelEntry[];
  'privacy:get-policy': PrivacyPolicy;
  'privacy:set-policy': PrivacyPolicy;
  'privacy:list-egress': readonly EgressRecord[];
  'budget:get-summary': BudgetSummary;
  'budget:set-caps': BudgetCaps;
  'predictor:get-status': PredictorStatus;
  'predictor:retrain': RetrainOutcome;
  /** Answers at once; the task runs on and reports through `task:event`. */
  'task:start': { readonly taskId: string };
  /** Whether the task was still running (cancelling a finished task is not an error). */
  'task:cancel': { readonly wasRunning: boolean };
  'task:get': TaskDetail;
  /** Whether the question was still open (a cancelled task withdraws its questions). */
  'egress:answer': { readonly wasPending: boolean };
  /** The `egress:approval-request` questions still waiting for an answer, oldest first. */
  'task:list-pending-approvals': readonly EgressPrompt[];
  /** Most recently used first. */
  'thread:list': readonly ThreadSummary[];
  'thread:get': ThreadDetail;
  /** Answers at once with the new turn's task, which reports through `task:event`. */
  'thread:send': ThreadSendResult;
  'thread:rename': ThreadSummary;
  /** Whether it existed; the turns' tasks stay in History. */
  'thread:delete': { readonly deleted: boolean };
  'thread:export': ThreadExport;
  /** Without `threadId`: what a new chat uses. */
  'thread:get-cloud': ChatCloud;
  /** The choice as it now reads (kept for the thread, if given, and as the last one). */
  'thread:set-cloud': ChatCloud;
  'model:get-warm': WarmModelStatus;
  /** The status after unloading (a model a task still runs on stays until the task ends). */
  'model:unload': WarmModelStatus;
  'privacy:get-redaction': RedactionChoices;
  /** The choices as stored; malformed ones are refused with invalid-request naming the field. */
  'privacy:set-redaction': RedactionChoices;
  /** Computed by the engine's redactor and never stored. */
  'privacy:preview-redaction': RedactionPreview;
  'budget:get-spend': SpendReport;
  /** Every version afterwards, newest first. */
  'predictor:activate-version': readonly PredictorVersion[];
  'profile:protect': ProfileListing;
  /** What deleting the profile would remove; refused (the active or last profile, a running task) with a sentence. */
  'profile:preview-deletion': ProfileDeletion;
  /** What was deleted. */
  'profile:delete': ProfileDeletion;
  // Models and cloud providers.
  'model:catalog': ModelCatalog;
  /** Answers at once; the download runs on and reports through `model:download-progress`. */
  'model:download': { readonly downloadId: string };
  /** Whether it was running (its `.part` is kept for Resume unless `discard`). */
  'model:cancel-download': { readonly wasRunning: boolean };
  /** The imported file as the model list shows it. */
  'model:import': ModelEntry;
  'model:set-source': { readonly localSource: string | null };
  /** Never includes a key, only whether one is stored. */
  'cloud:list': readonly CloudProviderEntry[];
  'cloud:save': CloudProviderEntry;
  'cloud:delete': { readonly id: string };
  /** A failure comes back as the IpcError saying what is wrong. */
  'cloud:test': CloudTestResult;
  /** The active profile's default provider now (null: none). */
  'cloud:set-default': { readonly defaultId: string | null };
};

/** The request/response contract: channel -> { request, response }. */
export type InvokeMap = { [C in InvokeChannel]: { request: Request<C>; response: Responses[C] } };

/** The payload of each host-to-renderer event. */
export type EventMap = {
  'profile:changed': Profile;
  'settings:changed': Settings;
  'task:event': TaskUpdate;
  'egress:approval-request': EgressPrompt;
  'model:download-progress': ModelDownload;
  'model:warm-status': WarmModelStatus;
};

// A compile error here means EventMap and eventChannels disagree.
type EventMapCoversChannels = [EventChannel] extends [keyof EventMap]
  ? [keyof EventMap] extends [EventChannel]
    ? true
    : never
  : never;
export const eventMapCoversChannels: EventMapCoversChannels = true;

/** The request type of channel C, as the renderer sends it. */
export type InvokeRequest<C extends InvokeChannel> = InvokeMap[C]['request'];

/** The response type of channel C. */
export type InvokeResponse<C extends InvokeChannel> = InvokeMap[C]['response'];

/**
 * The bridge the renderer talks through: the preload's `window.atropos` in Electron, a WebSocket
 * client in the web host. Both give the same shape.
 */
export type AtroposBridge = {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>, IpcError>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventMap[E]) => void): () => void;
  /**
   * The desktop host's native folder dialog (absent in the web host, where a path is typed): the
   * chosen folder's absolute path, or null when the person cancelled. Choosing grants nothing by
   * itself; the engine checks every granted folder when the task starts.
   */
  readonly pickFolder?: () => Promise<Result<PickedFolder, IpcError>>;
};

/** What the folder dialog answers. */
export type PickedFolder = { readonly path: string | null };

/** One message of the web host's WebSocket protocol, renderer to host. */
export type WireRequest = {
  readonly type: 'invoke';
  readonly id: number;
  readonly channel: string;
  readonly request: unknown;
};

/** One message of the web host's WebSocket protocol, host to renderer. */
export type WireMessage =
  | { readonly type: 'result'; readonly id: number; readonly result: Result<unknown, IpcError> }
  | { readonly type: 'event'; readonly channel: EventChannel; readonly payload: unknown };
