import type { InvokeRequest } from '#shared/ipc/contract.ts';
import { longestAnswerTokens } from '#shared/ipc/schemas.ts';
import { defaultHandover, type HandoverKind } from '#shared/taskRequest.ts';

/** What the task form sends to `task:start`. */
export type TaskStartRequest = InvokeRequest<'task:start'>;

export type Escalation = 'auto' | 'never' | 'always';
export type OperatingPoint = NonNullable<TaskStartRequest['operatingPoint']>;

/** Where an escalation goes: a saved provider's id, `none` (stay local), or `endpoint` (typed in the form). */
export type ProviderChoice = string;

type TypedEndpoint = { api: 'openai' | 'anthropic'; baseUrl: string; model: string; apiKey: string };

/** The task form's fields as typed (paths and the provider choice have defaults of their own). */
export type TaskFields = {
  question: string;
  worldTask: string;
  strategy: 'parallel' | 'sequential';
  escalation: Escalation;
  checkpoint: string;
  operatingPoint: OperatingPoint;
  cloudApi: 'openai' | 'anthropic';
  cloudUrl: string;
  cloudModel: string;
  cloudKey: string;
  handover: HandoverKind;
  folders: string;
  /** Advanced, as the CLI's `run --seed`, `--hotswap`, `--select`: empty or 'auto' for the defaults. */
  seed: string;
  hotswap: 'auto' | 'parallel' | 'selective';
  selectCount: string;
  /** As the CLI's `run --max-tokens` and `--model`: empty for the defaults (256; the model chosen in Models). */
  maxTokens: string;
  localModel: string;
};

export const initialTaskFields: TaskFields = {
  question: '',
  worldTask: '',
  strategy: 'parallel',
  escalation: 'auto',
  checkpoint: '',
  operatingPoint: 'balanced',
  cloudApi: 'openai',
  cloudUrl: '',
  cloudModel: '',
  cloudKey: '',
  // The engine's own default (restart: the best success per dollar measured, docs/BENCHMARKS.md).
  handover: defaultHandover,
  folders: '',
  seed: '',
  hotswap: 'auto',
  selectCount: '',
  maxTokens: '',
  localModel: '',
};

/** The seed's range (as task:start accepts it). */
export const maxSeed = 2 ** 31 - 1;

/** A typed whole number within [min, max], undefined when empty, or null when it is not one. */
function optionalWhole(text: string, min: number, max: number): number | undefined | null {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : null;
}

type AdvancedRequest = Pick<TaskStartRequest, 'seed' | 'hotswap' | 'selectCount' | 'maxTokens' | 'localModel'>;

/** The advanced request fields (seed, how cloud help takes over, answer length, model), or what is wrong with them. */
function advancedFields(fields: TaskFields): AdvancedRequest | string {
  const seed = optionalWhole(fields.seed, 0, maxSeed);
  if (seed === null) return `The seed is a whole number from 0 to ${maxSeed}, or empty for the default (1).`;
  const selectCount = optionalWhole(fields.selectCount, 1, 32);
  if (selectCount === null) return 'Paths handed over is a whole number from 1 to 32, or empty for the default (1).';
  const maxTokens = optionalWhole(fields.maxTokens, 1, longestAnswerTokens);
  if (maxTokens === null)
    return `Longest answer is a whole number of tokens from 1 to ${longestAnswerTokens}, or empty for the default (256).`;
  // The sequential strategy hands over one way only; the choice applies to parallel paths.
  const hotswap = fields.hotswap === 'auto' || fields.strategy === 'sequential' ? undefined : fields.hotswap;
  return {
    ...(seed === undefined ? {} : { seed }),
    ...(hotswap === undefined ? {} : { hotswap }),
    ...(selectCount === undefined ? {} : { selectCount }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(fields.localModel === '' ? {} : { localModel: fields.localModel }),
  };
}

/** The request fields of a provider choice: a saved provider by id, an endpoint with its key, or none. */
export function providerFields(
  choice: ProviderChoice,
  endpoint: TypedEndpoint,
): Pick<TaskStartRequest, 'cloudProviderId' | 'cloud'> {
  if (choice === 'none') return { cloudProviderId: null };
  if (choice !== 'endpoint') return { cloudProviderId: choice };
  const { apiKey, ...rest } = endpoint;
  return { cloud: apiKey === '' ? rest : { ...rest, apiKey } };
}

/**
 * The `task:start` request of the form's fields, or what is wrong with them as a sentence (the
 * form checks what it can before sending; the host checks everything).
 */
export function taskStartRequestOf(
  fields: TaskFields,
  paths: string,
  providerChoice: ProviderChoice,
): TaskStartRequest | string {
  const trimmed = fields.question.trim();
  const world = fields.worldTask.trim();
  if ((trimmed === '') === (world === '')) return 'Type a question or a practice task number (one of the two).';
  const worldNumber = Number(world);
  if (world !== '' && (!Number.isInteger(worldNumber) || worldNumber < 0 || worldNumber > 100_000))
    return 'A practice task number is a whole number from 0 to 100000.';
  const pathCount = Number(paths);
  if (!Number.isInteger(pathCount) || pathCount < 1 || pathCount > 32) return 'Paths is a whole number from 1 to 32.';
  const checkpointAt = fields.checkpoint.trim() === '' ? undefined : Number(fields.checkpoint);
  if (checkpointAt !== undefined && (!Number.isInteger(checkpointAt) || checkpointAt < 0 || checkpointAt > 100))
    return '"Check for failure after" is a whole number of steps (or paths) from 0 to 100, or empty for the default.';
  const isEndpoint = providerChoice === 'endpoint';
  if (isEndpoint && (fields.cloudUrl.trim() === '' || fields.cloudModel.trim() === ''))
    return 'For an endpoint typed here give both its URL and its model, or pick a saved provider.';
  const grantedFolders = fields.folders
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (grantedFolders.some((folder) => !/^(\/|[A-Za-z]:[\\/])/.test(folder)))
    return 'Granted folders are absolute paths, one per line (e.g. /home/ana/notes).';
  const advanced = advancedFields(fields);
  if (typeof advanced === 'string') return advanced;
  return {
    ...(world === '' ? { prompt: trimmed } : { worldTask: worldNumber }),
    paths: pathCount,
    strategy: fields.strategy,
    escalation: fields.escalation,
    operatingPoint: fields.operatingPoint,
    ...(checkpointAt === undefined ? {} : { checkpoint: checkpointAt }),
    ...(grantedFolders.length === 0 || world !== '' ? {} : { grantedFolders }),
    ...providerFields(providerChoice, {
      api: fields.cloudApi,
      baseUrl: fields.cloudUrl.trim(),
      model: fields.cloudModel.trim(),
      apiKey: fields.cloudKey.trim(),
    }),
    ...(providerChoice === 'none' ? {} : { handover: fields.handover }),
    ...advanced,
  };
}
