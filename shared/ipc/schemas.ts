import { z } from 'zod';
import type { PrivacyMode } from '../domain.ts';
import type { InvokeChannel } from './channels.ts';
import { handoverKinds } from '../taskRequest.ts';
import { redactionEntityTypes } from './RedactionPreview.ts';

const empty = z.object({}).strict();
const privacyMode = z.enum(['local-only', 'ask', 'auto-redact'] as const satisfies readonly PrivacyMode[]);
const usdCap = z.number().finite().min(0).max(1_000_000).nullable();
const id = z.string().min(1).max(64);
const httpUrl = z
  .string()
  .max(2000)
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), { message: 'must be an http(s) URL' });
const cloudEndpoint = z
  .object({
    api: z.enum(['openai', 'anthropic']),
    baseUrl: httpUrl,
    model: z.string().trim().min(1).max(200),
    // The key the person typed for this endpoint alone; saved providers keep theirs in the secret store.
    apiKey: z.string().min(1).max(10_000).optional(),
  })
  .strict();
/** The most tokens one path may write in all (`maxTokens`, the CLI's `run --max-tokens`): 128 K, a large context. */
export const longestAnswerTokens = 131_072;
const maxTokensSentence = `Longest answer (maxTokens) is a whole number of tokens from 1 to ${longestAnswerTokens}; without it a path writes at most 256.`;
const localModelSentence = 'Local model (localModel) is a model file as the Models screen lists it (its path).';
// The part of TaskRequest a page may set. A local model is named by its path as model:list gives it;
// the engine refuses a path it does not list, so page code can pick among the models the Models screen
// shows and reach no other file. A saved provider is named by id; its key stays in the host's secret store.
const taskStart = z
  .object({
    prompt: z.string().trim().min(1).max(20_000).optional(),
    worldTask: z.number().int().min(0).max(100_000).optional(),
    paths: z.number().int().min(1).max(32).optional(),
    strategy: z.enum(['parallel', 'sequential']).optional(),
    stepBudget: z.number().int().min(1).max(100).optional(),
    checkpoint: z.number().int().min(0).max(100).optional(),
    escalation: z.enum(['never', 'auto', 'always']).optional(),
    operatingPoint: z.enum(['save-most', 'save-more', 'balanced', 'better-answers', 'best-answers']).optional(),
    hotswap: z.enum(['parallel', 'selective']).optional(),
    selectCount: z.number().int().min(1).max(32).optional(),
    handover: z.enum(handoverKinds).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    maxTokens: z
      .number({ error: maxTokensSentence })
      .int({ error: maxTokensSentence })
      .min(1, { error: maxTokensSentence })
      .max(longestAnswerTokens, { error: maxTokensSentence })
      .optional(),
    localModel: z
      .string({ error: localModelSentence })
      .min(1, { error: localModelSentence })
      .max(4096, { error: localModelSentence })
      .optional(),
    // null: no provider, the task stays local even when the profile has a default one.
    cloudProviderId: z.string().min(1).max(100).nullable().optional(),
    cloud: cloudEndpoint.optional(),
    // Folders the person granted for this task, read-only: absolute paths (POSIX or Windows).
    grantedFolders: z
      .array(
        z
          .string()
          .max(4096)
          .regex(/^(\/|[A-Za-z]:[\\/])/, 'A granted folder must be an absolute path.'),
      )
      .max(20)
      .optional(),
  })
  .strict()
  .refine((request) => (request.prompt === undefined) !== (request.worldTask === undefined), {
    message: 'Give either a question or a world task number (exactly one).',
  })
  .refine((request) => request.cloud === undefined || request.cloudProviderId == null, {
    message: 'Give either a saved cloud provider or an endpoint (at most one).',
  });
// Redaction choices as the Privacy screen sends them. The engine checks them further (patterns
// compile, labels are upper case) and names the field that is wrong.
const redactionChoices = z
  .object({
    types: z.partialRecord(z.enum(redactionEntityTypes), z.boolean()),
    customPatterns: z
      .array(
        z
          .object({
            pattern: z.string().max(500),
            label: z.string().max(40).optional(),
            caseInsensitive: z.boolean().optional(),
          })
          .strict(),
      )
      .max(100),
    allowList: z.array(z.string().max(200)).max(1000),
  })
  .strict();
// Models and cloud providers. The engine checks a link and a provider further and names what is wrong.
const modelDownload = z
  .object({ catalogId: z.string().min(1).max(200).optional(), url: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .refine((request) => (request.catalogId === undefined) !== (request.url === undefined), {
    message: 'Give either a catalog model or a link (exactly one).',
  });
const pricePerMillion = z.number().finite().min(0).max(10_000).nullable().optional();
const cloudProviderSave = z
  .object({
    id: id.optional(),
    name: z.string().trim().min(1).max(100),
    api: z.enum(['openai', 'anthropic']),
    baseUrl: httpUrl,
    model: z.string().trim().min(1).max(200),
    inputPerMillion: pricePerMillion,
    outputPerMillion: pricePerMillion,
    // Write-only: undefined keeps the stored key, null deletes it.
    apiKey: z.string().min(1).max(10_000).nullable().optional(),
  })
  .strict();
const page = {
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
};

/**
 * The request schema of every invoke channel. The host parses each payload with these before any
 * handler runs: the renderer is untrusted. Keys must cover every channel (checked by the type and by
 * the contract test).
 */
/**
 * The highest "Largest model kept loaded" setting: 256 GB, the memory of a large workstation and room
 * for the largest GGUF files people run locally (a 405B model at 4 bits is about 230 GB).
 */
export const largestKeptModelMegabytes = 262_144;

export const requestSchemas = {
  'app:get-info': empty,
  'profile:list': empty,
  'profile:create': z.object({ name: z.string().trim().min(1).max(64), privacyMode: privacyMode.optional() }).strict(),
  'profile:switch': z
    .object({ profileId: z.string().min(1).max(64), passphrase: z.string().max(1024).optional() })
    .strict(),
  'settings:get': empty,
  'settings:update': z
    .object({
      theme: z.enum(['system', 'light', 'dark']).optional(),
      pathsPerTask: z.number().int().min(1).max(32).optional(),
      stepBudget: z.number().int().min(1).max(100).optional(),
      localThreads: z.number().int().min(0).max(256).optional(),
      localGpu: z.enum(['auto', 'cpu']).optional(),
      cloudIdleTimeoutSeconds: z.number().int().min(1).max(600).optional(),
      cloudTotalTimeoutSeconds: z.number().int().min(5).max(3600).optional(),
      cloudMaxResponseMegabytes: z.number().int().min(1).max(256).optional(),
      localModelIdleMinutes: z.number().int().min(1).max(1440).optional(),
      localModelMemoryLimitMegabytes: z.number().int().min(64).max(largestKeptModelMegabytes).optional(),
      endUnlikelyPathsEarly: z.boolean().optional(),
    })
    .strict(),
  'task:list': z
    .object({
      ...page,
      query: z.string().max(200).optional(),
      status: z.enum(['running', 'succeeded', 'failed', 'stopped', 'cancelled', 'interrupted']).optional(),
      escalated: z.boolean().optional(),
      from: z.number().int().min(0).optional(),
      to: z.number().int().min(0).optional(),
    })
    .strict(),
  'model:list': empty,
  'privacy:get-policy': empty,
  'privacy:set-policy': z.object({ mode: privacyMode }).strict(),
  'privacy:list-egress': z.object(page).strict(),
  'budget:get-summary': empty,
  'budget:set-caps': z.object({ perTaskUsd: usdCap, dailyUsd: usdCap, monthlyUsd: usdCap }).strict(),
  'predictor:get-status': empty,
  'predictor:retrain': z
    .object({ k: z.number().int().min(1).max(20).optional(), mode: z.enum(['parallel', 'sequential']).optional() })
    .strict(),
  'task:start': taskStart,
  'task:cancel': z.object({ taskId: id }).strict(),
  'task:get': z.object({ taskId: id }).strict(),
  'egress:answer': z.object({ requestId: id, decision: z.enum(['once', 'task', 'deny']) }).strict(),
  'task:list-pending-approvals': empty,
  'thread:list': z.object({ ...page, query: z.string().max(200).optional() }).strict(),
  'thread:get': z.object({ threadId: id }).strict(),
  'thread:send': z
    .object({ threadId: id.optional(), task: taskStart })
    .strict()
    .refine((request) => request.task.prompt !== undefined, { message: 'A chat turn needs a question.' }),
  'thread:rename': z.object({ threadId: id, title: z.string().trim().min(1).max(200) }).strict(),
  'thread:delete': z.object({ threadId: id }).strict(),
  'thread:export': z.object({ threadId: id, format: z.enum(['markdown', 'json']) }).strict(),
  'thread:get-cloud': z.object({ threadId: id.optional() }).strict(),
  'thread:set-cloud': z.object({ threadId: id.optional(), providerId: z.string().min(1).max(100).nullable() }).strict(),
  'model:get-warm': empty,
  'model:unload': empty,
  'privacy:get-redaction': empty,
  'privacy:set-redaction': redactionChoices,
  'privacy:preview-redaction': z.object({ text: z.string().max(20_000), settings: redactionChoices }).strict(),
  'budget:get-spend': z.object({ days: z.number().int().min(1).max(366).optional() }).strict(),
  'predictor:activate-version': z.object({ version: z.number().int().min(1) }).strict(),
  'profile:protect': z
    .object({
      profileId: id,
      passphrase: z.string().max(1024).nullable(),
      currentPassphrase: z.string().max(1024).optional(),
    })
    .strict(),
  'profile:preview-deletion': z.object({ profileId: id }).strict(),
  'profile:delete': z.object({ profileId: id }).strict(),
  'model:catalog': empty,
  'model:download': modelDownload,
  'model:cancel-download': z.object({ downloadId: id, discard: z.boolean().optional() }).strict(),
  'model:import': z.object({ path: z.string().trim().min(1).max(4096) }).strict(),
  'model:set-source': z.object({ path: z.string().min(1).max(4096).nullable() }).strict(),
  'cloud:list': empty,
  'cloud:save': cloudProviderSave,
  'cloud:delete': z.object({ id: z.string().min(1).max(100) }).strict(),
  'cloud:test': z.object({ id: z.string().min(1).max(100) }).strict(),
  'cloud:set-default': z.object({ id: z.string().min(1).max(100).nullable() }).strict(),
} satisfies Record<InvokeChannel, z.ZodType>;
