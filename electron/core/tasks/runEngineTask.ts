import { statSync } from 'node:fs';
import path from 'node:path';
import type { PrivacyMode } from '#shared/domain.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { CloudEndpoint, TaskRequest } from '#shared/taskRequest.ts';
import type { AgentTask } from '#core/agent/AgentTask.ts';
import { AnswerVectors } from '#core/agent/AnswerVectors.ts';
import {
  runTask,
  type CheckpointDecision,
  type CheckpointState,
  type Escalation,
  type TaskOutcome,
} from '#core/agent/runTask.ts';
import type { EarlyTermination } from '#core/agent/earlyTermination.ts';
import { TaskRecorder } from '#core/agent/TaskRecorder.ts';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import type { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import type { Pricing } from '#core/budget/priceTable.ts';
import type { Database } from '#core/db/openDatabase.ts';
import type { ProfileRecord } from '#core/db/ProfileStore.ts';
import type { TaskStore } from '#core/db/TaskStore.ts';
import {
  createCloudEscalation,
  type EgressApprovalRequest,
  type EgressApproval,
} from '#core/egress/createCloudEscalation.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import type { EgressGate } from '#core/egress/EgressGate.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { AnthropicProvider } from '#core/llm/providers/AnthropicProvider.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { LlamaBackendHolder } from '#core/llm/providers/LlamaBackendHolder.ts';
import { OpenAiCompatibleProvider } from '#core/llm/providers/OpenAiCompatibleProvider.ts';
import type { WarmModels } from '#core/llm/providers/WarmModels.ts';
import type { CloudLimits } from '#core/llm/providers/ResponseWatchdog.ts';
import type { EnginePorts } from '#core/ports.ts';
import type { EscalationMode } from '#core/policy/operatingPoints.ts';
import type { RedactorOptions } from '#core/privacy/Redactor.ts';
import { calcTool } from '#core/world/calcTool.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { withConversation, type TaskConversation } from './conversationTask.ts';
import type { HistoryPredictor } from './historyPredictor.ts';
import type { HistoryPredictors } from './HistoryPredictors.ts';
import { agreementEstimate, policyCheckpoint } from './policyCheckpoint.ts';
import { checkpointVectors, notingEscalation } from './checkpointNeedsMeaning.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';
import { acquireTaskModel, localRunOf, recordUnstartedTask } from './taskStart.ts';

/** The system prompt of a free question on a general chat model. */
const generalSystemPrompt =
  "You are a careful assistant on the user's workstation. Use the tools when they help, then give a short final answer.";

/** The bench world's held-out task seed (`bench world` uses the same). */
export const worldBenchSeed = 9_000_001;

/** What a task run needs from the engine. */
export type EngineTaskContext = {
  readonly ports: EnginePorts;
  readonly db: Database;
  readonly tasks: TaskStore;
  readonly gate: EgressGate;
  readonly budget: BudgetGuard;
  readonly pricing: Pricing;
  readonly profile: ProfileRecord;
  /** The profile's privacy mode now (it may change while the task runs). Defaults to `profile.privacyMode`. */
  readonly privacyModeNow?: () => PrivacyMode;
  /** The profile's redaction choices (types, own patterns, allow-list). */
  readonly redaction: RedactorOptions;
  /**
   * Settings' defaults. `endUnlikelyPathsEarly`: a world task's parallel paths prune (runTask's
   * `earlyTermination.prune`) when no cloud can take over, the case bench prune measured; other
   * tasks keep every path. Defaults to false here (Settings default to true).
   */
  readonly defaults: { readonly paths: number; readonly stepBudget: number; readonly endUnlikelyPathsEarly?: boolean };
  /** Timeouts and size limit of each cloud response (Settings). Defaults to `defaultCloudLimits`. */
  readonly cloudLimits?: CloudLimits;
  /**
   * The predictors profiles retrained on their history; a task decides with its profile's active
   * one for the task's strategy. Defaults to none: the cold-start agreement decides every task.
   */
  readonly predictors?: HistoryPredictors;
  /**
   * The app's one llama backend (a GPU where node-llama-cpp finds one), shared by every task's model.
   * Defaults to a backend the task's provider opens with `gpu: 'auto'` and frees with the model.
   */
  readonly llama?: LlamaBackendHolder;
  /**
   * The warm model: a task on the model it keeps loaded starts at once, and its model stays loaded
   * after the task. Defaults to none: the task loads its model and frees it at its end.
   */
  readonly models?: WarmModels;
};

/** Options of {@link runEngineTask}. */
export type EngineTaskOptions = {
  /** The task's id, when the caller needs it before the run starts (IPC). Defaults to a new id. */
  readonly taskId?: string;
  readonly onEvent?: (event: TaskEvent) => void;
  /** Asked before anything leaves in the `ask` privacy mode; without it, `ask` keeps the task local. */
  readonly ask?: (request: EgressApprovalRequest) => Promise<EgressApproval>;
  readonly signal?: AbortSignal;
  /**
   * A chat follow-up's earlier turns, oldest first: they become the paths' user and assistant
   * messages before the question, as many as fit the local model's context (`fitConversation`), and
   * `onFitted` is told how many were carried and left out. Defaults to none.
   */
  readonly conversation?: TaskConversation;
};

/** A finished task, with the world verifier's verdict when it was a world task. */
export type EngineTaskResult = TaskOutcome & {
  readonly isCorrect: boolean | null;
  readonly worldTask: { readonly id: string; readonly question: string; readonly answer: number } | null;
};

/**
 * Runs a request end to end for the active profile: loads the local model, builds the cloud
 * provider behind the egress gate (when the request names one), decides at the checkpoint,
 * records everything in SQLite and disposes every model it loaded. A failure or cancellation
 * leaves the task recorded as failed or cancelled, never half-written.
 */
export async function runEngineTask(
  context: EngineTaskContext,
  request: TaskRequest,
  options: EngineTaskOptions = {},
): Promise<EngineTaskResult> {
  const { ports, profile } = context;
  const world = resolveWorldTask(request);
  const prompt = world === null ? requirePrompt(request) : world.question;
  checkGrantedFolders(request.grantedFolders ?? []);
  const strategy = request.strategy ?? 'parallel';
  const paths = request.paths ?? context.defaults.paths;
  const taskId = options.taskId ?? ports.newId();
  const modelPath = request.localModel ?? path.join(ports.paths.bundledModelsDir, 'fixtures', 'source.gguf');
  const unstarted = { id: taskId, prompt, strategy, startedAt: ports.clock.now() };
  const lease = await acquireTaskModel(context, modelPath, unstarted, options.signal);
  const local = lease.provider;
  const isCompactModel = local.chatWrapperName === 'AtroposCompact';
  const { task, pathProvider } = withConversation(
    agentTaskOf(request, world, prompt, isCompactModel, context.defaults.stepBudget),
    local,
    request.maxTokens ?? requestDefaults.maxTokens,
    options.conversation,
  );
  let cloud: ChatProvider | null = null;
  let predictor: HistoryPredictor | undefined;
  // Long answers compare by meaning (the local model's embeddings): at the checkpoint, per step, in the
  // vote, in the retrained predictor's answer nodes (live and, through the recorded groups, in training).
  const answerVectors = new AnswerVectors(local.answerEmbedder, (reason) =>
    ports.logger.warn(`Answers were compared word for word: the local model could not embed them (${reason}).`),
  );
  const recorder = new TaskRecorder({
    db: context.db,
    tasks: context.tasks,
    charges: context.budget,
    profileId: profile.id,
    answerVectors,
    verify: world === null ? undefined : (answer) => world.verify(answer),
    localRun: localRunOf(local.info),
  });
  try {
    cloud = request.cloud === undefined ? null : createCloudProvider(request.cloud, context.gate, context.cloudLimits);
    const escalation: Escalation | undefined =
      cloud === null || request.cloud === undefined
        ? undefined
        : escalationTo(cloud, request.cloud, context, taskId, options);
    const checkpointAt = request.checkpoint ?? (strategy === 'parallel' ? Math.floor(task.stepBudget / 2) : 2);
    const modes: readonly EscalationMode[] =
      strategy === 'sequential'
        ? ['sequential']
        : request.hotswap === undefined
          ? ['parallel', 'selective']
          : [request.hotswap];
    const maxTokens = request.maxTokens ?? requestDefaults.maxTokens;
    const operatingPoint = request.operatingPoint ?? 'balanced';
    predictor = (await context.predictors?.forTask(profile.id, strategy, taskId, answerVectors)) ?? undefined;
    const decidingPredictor = predictor;
    const decide = notingEscalation(answerVectors, async (state: CheckpointState): Promise<CheckpointDecision> => {
      const mode = request.escalation ?? 'auto';
      if (mode !== 'auto') return fixedDecision(mode, `escalate-${modes[0] ?? 'parallel'}`, request.selectCount);
      return policyCheckpoint(state, {
        answerVectors: await checkpointVectors(answerVectors, state, operatingPoint, {
          hasPredictor: decidingPredictor !== undefined,
          signal: options.signal,
        }),
        operatingPoint,
        privacyMode: profile.privacyMode,
        remainingBudget: context.budget.remainingUsd(profile.id, taskId),
        cloudModel: request.cloud?.model ?? null,
        pricing: context.pricing,
        modes,
        selectCount: request.selectCount ?? 1,
        maxTokens,
        predictor: decidingPredictor,
      });
    });
    const outcome = await runTask({
      taskId,
      task,
      local: pathProvider,
      paths,
      strategy,
      checkpoint: checkpointAt < 1 ? undefined : { at: checkpointAt, decide },
      predict: (snapshots) =>
        decidingPredictor === undefined
          ? agreementEstimate(snapshots, operatingPoint, answerVectors.lookup(snapshots.map((path) => path.answer)))
          : decidingPredictor.estimateAfterStep(snapshots, operatingPoint),
      escalation,
      answerVectors,
      ...earlyTerminationOf(context, strategy === 'parallel' && world !== null && escalation === undefined),
      // runTask's default (the transcript migrates) unless the request names one.
      ...(request.handover === undefined ? {} : { handover: request.handover }),
      seed: request.seed ?? 1,
      temperature: request.temperature,
      maxTokens,
      concurrency: ports.host.cores,
      price: (provider, tokensIn, tokensOut) =>
        context.pricing.cost(provider.modelName, provider.locality, tokensIn, tokensOut),
      clock: ports.clock,
      onEvent: (event) => {
        recorder.handle(event);
        options.onEvent?.(event);
      },
      signal: options.signal,
    });
    return {
      ...outcome,
      isCorrect: world === null ? null : world.verify(outcome.answer),
      worldTask: world === null ? null : { id: world.id, question: world.question, answer: world.answer },
    };
  } catch (error) {
    recorder.abandon(options.signal?.aborted === true ? 'cancelled' : 'failed', ports.clock.now());
    recordUnstartedTask(context, unstarted, options.signal);
    throw error;
  } finally {
    predictor?.dispose();
    await cloud?.dispose();
    await lease.release();
  }
}

/**
 * Early termination as Settings ask, where bench prune measured it: a world task's parallel paths
 * with no cloud to escalate to (`isMeasuredCase`). Other tasks keep every path.
 */
function earlyTerminationOf(
  context: EngineTaskContext,
  isMeasuredCase: boolean,
): { readonly earlyTermination?: EarlyTermination } {
  return isMeasuredCase && context.defaults.endUnlikelyPathsEarly === true ? { earlyTermination: { prune: {} } } : {};
}

/**
 * What the paths run: a world task with its system prompt and calculator, or a free question. The
 * project's compact-format models learnt one system prompt and the calculator alone; other models
 * get a general instruction. Folder tools are offered only when folders were granted.
 */
function agentTaskOf(
  request: TaskRequest,
  world: WorldTask | null,
  prompt: string,
  isCompactModel: boolean,
  defaultStepBudget: number,
): AgentTask {
  if (world !== null)
    return {
      prompt,
      systemPrompt: worldSystemPrompt,
      tools: createWorldTools(),
      stepBudget: request.stepBudget ?? world.stepBudget,
    };
  const grants = request.grantedFolders ?? [];
  return {
    prompt,
    systemPrompt: isCompactModel ? worldSystemPrompt : generalSystemPrompt,
    tools: createToolRegistry(grants.length === 0 ? [calcTool] : [calcTool, ...createFolderTools({ roots: grants })]),
    stepBudget: request.stepBudget ?? defaultStepBudget,
  };
}

/** The task's one way to its cloud provider: the profile's policy, the task's redaction, the gate, the budget. */
function escalationTo(
  cloud: ChatProvider,
  endpoint: CloudEndpoint,
  context: EngineTaskContext,
  taskId: string,
  options: Pick<EngineTaskOptions, 'ask' | 'conversation'>,
): Escalation {
  return createCloudEscalation({
    provider: cloud,
    origin: new URL(endpoint.baseUrl).origin,
    gate: context.gate,
    budget: context.budget,
    pricing: context.pricing,
    profile: { id: context.profile.id, privacyMode: context.profile.privacyMode },
    ...(context.privacyModeNow === undefined ? {} : { privacyModeNow: context.privacyModeNow }),
    taskId,
    redaction: createTaskRedaction(context.redaction, options.conversation?.vault),
    ask: options.ask,
  });
}

/** The decision of a request that fixed escalation to `never` or `always`. */
function fixedDecision(
  mode: 'never' | 'always',
  escalate: CheckpointDecision['action'],
  selectCount: number | undefined,
): CheckpointDecision {
  return {
    action: mode === 'always' ? escalate : 'continue',
    selectCount,
    explanation: {
      decidedBy: `fixed: escalation ${mode}`,
      failureProbability: null,
      threshold: null,
      reason:
        mode === 'always' ? 'The request asked to escalate at the checkpoint.' : 'The request asked to stay local.',
      facts: {},
    },
  };
}

function createCloudProvider(endpoint: CloudEndpoint, gate: EgressGate, limits: CloudLimits | undefined): ChatProvider {
  // The SDKs insist on a key; an endpoint without one (a local server) gets no credential header at all.
  const common = {
    apiKey: endpoint.apiKey ?? 'no-key',
    model: endpoint.model,
    fetch: endpoint.apiKey === undefined ? withoutCredentials(gate.fetch) : gate.fetch,
    limits,
  };
  return endpoint.api === 'anthropic'
    ? new AnthropicProvider({ ...common, baseUrl: endpoint.baseUrl })
    : new OpenAiCompatibleProvider({ ...common, baseUrl: endpoint.baseUrl });
}

/** `fetch` with the SDK's placeholder credential headers removed. */
function withoutCredentials(fetch: EgressGate['fetch']): EgressGate['fetch'] {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete('authorization');
    headers.delete('x-api-key');
    return await fetch(input, { ...init, headers });
  };
}

/**
 * Throws the sentence runEngineTask would fail with on this request (no question, a bad world task
 * number, a granted folder that is not a folder), at once: a caller that runs the task in the
 * background (a chat turn) refuses it up front instead of starting a task that ends unrecorded.
 */
export function checkTaskRequest(request: TaskRequest): void {
  if (resolveWorldTask(request) === null) requirePrompt(request);
  checkGrantedFolders(request.grantedFolders ?? []);
}

/** Every granted folder must be an existing folder: a typo must not silently grant nothing. */
function checkGrantedFolders(folders: readonly string[]): void {
  for (const folder of folders) {
    const isFolder = statSync(folder, { throwIfNoEntry: false })?.isDirectory() === true;
    if (!path.isAbsolute(folder) || !isFolder)
      throw new InvalidRequestError(`${folder} is not a folder on this computer; check the path you granted.`);
  }
}

function requirePrompt(request: TaskRequest): string {
  const prompt = request.prompt?.trim() ?? '';
  if (prompt === '') throw new InvalidRequestError('Give the task a question or a world task number.');
  return prompt;
}

function resolveWorldTask(request: TaskRequest): WorldTask | null {
  if (request.worldTask === undefined) return null;
  if (request.prompt !== undefined)
    throw new InvalidRequestError('Give either a question or a world task number, not both.');
  const index = request.worldTask;
  if (!Number.isInteger(index) || index < 0 || index > 100_000)
    throw new InvalidRequestError(`A world task number is a whole number from 0 to 100000, not ${index}.`);
  const task = generateWorldTasks({ seed: worldBenchSeed, count: index + 1 })[index];
  if (task === undefined) throw new InvalidRequestError(`There is no world task ${index}.`);
  return task;
}
