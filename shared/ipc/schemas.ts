import { z } from 'zod';
import type { PrivacyMode } from '../domain.ts';
import type { InvokeChannel } from './channels.ts';

const empty = z.object({}).strict();
const privacyMode = z.enum(['local-only', 'ask', 'auto-redact'] as const satisfies readonly PrivacyMode[]);
const usdCap = z.number().finite().min(0).max(1_000_000).nullable();
const page = {
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
};

/**
 * The request schema of every invoke channel. The host parses each payload with these before any
 * handler runs: the renderer is untrusted. Keys must cover every channel (checked by the type and by
 * the contract test).
 */
export const requestSchemas = {
  'app:get-info': empty,
  'profile:list': empty,
  'profile:create': z.object({ name: z.string().trim().min(1).max(64), privacyMode: privacyMode.optional() }).strict(),
  'profile:switch': z.object({ profileId: z.string().min(1).max(64) }).strict(),
  'settings:get': empty,
  'settings:update': z
    .object({
      theme: z.enum(['system', 'light', 'dark']).optional(),
      pathsPerTask: z.number().int().min(1).max(32).optional(),
      stepBudget: z.number().int().min(1).max(100).optional(),
      localThreads: z.number().int().min(0).max(256).optional(),
    })
    .strict(),
  'task:list': z.object(page).strict(),
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
} satisfies Record<InvokeChannel, z.ZodType>;
