import type { CloudTestResult } from '#shared/ipc/ModelCatalog.ts';
import type { EgressGate } from '#core/egress/EgressGate.ts';
import { EngineError } from '#core/errors.ts';
import type { Clock } from '#core/ports.ts';

/** The provider to test, with its key (from the secret store). */
export type CloudProviderToTest = {
  readonly api: 'openai' | 'anthropic';
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey: string | null;
};

/** The cheapest request each API answers with the key checked: its model list (no tokens billed). */
function modelListRequest(provider: CloudProviderToTest): { url: string; headers: Record<string, string> } {
  const base = provider.baseUrl.replace(/\/+$/, '');
  if (provider.api === 'anthropic') {
    const headers: Record<string, string> = { 'anthropic-version': '2023-06-01' };
    if (provider.apiKey !== null) headers['x-api-key'] = provider.apiKey;
    return { url: `${base}/v1/models`, headers };
  }
  return {
    url: `${base}/models`,
    headers: provider.apiKey === null ? {} : { authorization: `Bearer ${provider.apiKey}` },
  };
}

function statusError(status: number, host: string): EngineError {
  if (status === 401 || status === 403)
    return new EngineError('provider-rejected', `${host} refused the key (HTTP ${status}). Check the API key and save it again.`);
  if (status === 404)
    return new EngineError(
      'provider-rejected',
      `${host} has no model list at this address (HTTP 404). Check the base URL (OpenAI-compatible URLs usually end in /v1).`,
    );
  if (status === 429)
    return new EngineError('provider-rate-limited', `${host} is rate limiting this key (HTTP 429). Try again in a minute.`);
  return new EngineError('provider-unavailable', `${host} answered HTTP ${status}. Try again later.`);
}

/**
 * Tests a cloud provider with one small request through the egress gate: GET its model list with
 * the key. The caller opens the permit (the profile must allow cloud requests). Returns how many
 * models it listed and whether the configured one is among them; throws an EngineError saying
 * what is wrong (unreachable, key refused, wrong address).
 */
export async function testCloudProvider(
  provider: CloudProviderToTest,
  gate: EgressGate,
  clock: Clock,
  signal?: AbortSignal,
): Promise<CloudTestResult> {
  const { url, headers } = modelListRequest(provider);
  const host = new URL(url).host;
  const started = clock.now();
  let response: Response;
  try {
    response = await gate.fetch(url, { headers, ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (error instanceof EngineError) throw error;
    const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : '';
    throw new EngineError('provider-unavailable', `Could not reach ${host} (${reason}). Check the base URL and the network.`, {
      cause: error,
    });
  }
  const latencyMs = clock.now() - started;
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(response.status, host);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { modelCount: null, isModelListed: null, latencyMs };
  }
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return { modelCount: null, isModelListed: null, latencyMs };
  const ids = data.map((item) => (item as { id?: unknown } | null)?.id).filter((id) => typeof id === 'string');
  return { modelCount: data.length, isModelListed: ids.includes(provider.model), latencyMs };
}
