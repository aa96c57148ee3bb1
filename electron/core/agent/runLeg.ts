import type { JsonValue } from '#core/llm/chat/Transcript.ts';
import type {
  ChatProvider,
  ContinueTranscriptOptions,
  ContinueTranscriptResult,
} from '#core/llm/providers/ChatProvider.ts';
import type { ToolCallContext } from '#core/llm/providers/ToolCallContext.ts';
import type { Escalation } from './runTaskTypes.ts';
import { snapshot, type PathState, type TaskRun } from './TaskRun.ts';

// The path runner: a path advances by legs, each one continuation of its transcript on a provider
// with the task's tools, counted, priced and streamed as events.

/** One leg of a path on a provider (up to `stepBudget` tool calls); records the result into the path. */
export async function runLeg(
  run: TaskRun,
  path: PathState,
  provider: ChatProvider,
  stepBudget: number,
  legSeed: number,
  via?: Escalation,
): Promise<void> {
  const { options, initial } = run;
  const { task, taskId, clock } = options;
  if (path.transcript === initial)
    run.emit({
      type: 'path-started',
      taskId,
      path: path.index,
      provider: provider.id,
      locality: provider.locality,
      at: clock.now(),
    });
  const tools = {
    definitions: task.tools.definitions,
    acceptsOriginals: task.tools.acceptsOriginals,
    readsLocalData: task.tools.readsLocalData,
    call: async (name: string, args: JsonValue, context?: ToolCallContext): Promise<JsonValue> => {
      const result = await task.tools.call(name, args, context);
      path.steps += 1;
      path.calls.push({
        name,
        arguments: args,
        result: typeof result === 'string' ? result : JSON.stringify(result),
      });
      run.emit({
        type: 'step',
        taskId,
        path: path.index,
        step: path.steps,
        tool: name,
        arguments: args,
        result,
        provider: provider.id,
        at: clock.now(),
      });
      if (options.predict !== undefined) {
        const estimate = options.predict(run.paths.map(snapshot));
        run.stepsTaken += 1;
        run.emit({ type: 'prediction', taskId, step: run.stepsTaken, ...estimate, at: clock.now() });
      }
      return result;
    },
  };
  const legOptions: ContinueTranscriptOptions = {
    tools,
    stepBudget,
    seed: legSeed >>> 0,
    temperature: options.temperature,
    maxTokens: Math.max(1, run.maxTokens - path.tokensOut),
    signal: options.signal,
    onToken: (text) => run.emit({ type: 'token', taskId, path: path.index, text }),
  };
  const stepsBefore = path.steps;
  const result: ContinueTranscriptResult & { readonly costUsd?: number } =
    via === undefined
      ? await provider.continueTranscript(path.transcript, legOptions)
      : await via.continueTranscript(path.transcript, { ...legOptions, path: path.index });
  path.transcript = result.transcript;
  path.steps = stepsBefore + result.steps;
  path.provider = provider;
  path.tokensOut += result.tokensOut;
  run.tokens.in += result.tokensIn;
  run.tokens.out += result.tokensOut;
  // An escalation reports what it settled (the model that billed, at its price).
  const cost = result.costUsd ?? options.price?.(provider, result.tokensIn, result.tokensOut) ?? 0;
  run.costUsd += cost;
  run.emit({
    type: 'charge',
    taskId,
    path: path.index,
    provider: provider.id,
    locality: provider.locality,
    model: result.billedModel ?? provider.modelName,
    tokensIn: result.tokensIn,
    tokensOut: result.tokensOut,
    costUsd: cost,
    at: clock.now(),
  });
  if (result.status === 'answered') {
    path.status = 'answered';
    path.answer = result.answer;
  } else {
    // Used every step of this leg with budget left overall: it waits; anything else is the end.
    const isPaused = result.steps >= stepBudget && path.steps < task.stepBudget;
    path.status = isPaused ? 'paused' : 'exhausted';
  }
}

/** Reports a path's end, unless it only paused at the checkpoint. */
export function finishPath(run: TaskRun, path: PathState): void {
  const { taskId, clock } = run.options;
  if (path.status === 'running' || path.status === 'paused') return;
  run.emit({
    type: 'path-finished',
    taskId,
    path: path.index,
    // A pruned path is recorded as stopped: ended on purpose, not failed.
    status:
      path.status === 'answered'
        ? 'answered'
        : path.status === 'stopped' || path.status === 'pruned'
          ? 'stopped'
          : 'exhausted',
    answer: path.answer,
    provider: path.provider.id,
    at: clock.now(),
  });
}
