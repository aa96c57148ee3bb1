import { handOver } from '#core/agent/handover.ts';
import type { JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import type { Episode } from './Episode.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { redoAfter } from './takeoverEpisode.ts';
import type { EpisodeStep } from './WorldPolicy.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';

/** Options of {@link generateModelTakeoverEpisodes}. */
export type ModelTakeoverOptions = {
  /** The weak model whose paths are handed over (the source fixture). */
  readonly source: ChatProvider;
  /** Seeds the tasks (`generateWorldTasks`) and the source's sampling (`seed + 10_000 task + path`). */
  readonly seed: number;
  /** Tasks to run. */
  readonly count: number;
  /** Source paths per task. Defaults to 1. */
  readonly pathsPerTask?: number;
  /** The source's sampling temperature. Defaults to 0.7 (the benches'). */
  readonly temperature?: number;
  /** The source's token allowance. Defaults to 256 (the benches'). */
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
  /** Called after each task. */
  readonly onProgress?: (done: number, total: number) => void;
};

/**
 * Takeover episodes whose first part is a model's real path rather than a scripted failure: the
 * source runs each task to the checkpoint (floor(budget / 2) calls, as the benches and runTask
 * cut), the path is handed over as the live `transcript` hotswap hands it (its transcript up to its
 * last executed call and the handoff note, see `handOver`), and the ideal redo follows as the
 * taking-over model's writing (`redoAfter`; only the redo is trained on). A path that executed no
 * call is skipped: a hotswap hands such a path its start, which the ideal episodes already teach.
 */
export async function generateModelTakeoverEpisodes(options: ModelTakeoverOptions): Promise<Episode[]> {
  const tools = createWorldTools();
  const tasks = generateWorldTasks({ seed: options.seed, count: options.count });
  const pathsPerTask = options.pathsPerTask ?? 1;
  const episodes: Episode[] = [];
  for (const [taskIndex, task] of tasks.entries()) {
    const initial: Transcript = {
      tools: tools.definitions,
      messages: [
        { role: 'system', text: worldSystemPrompt },
        { role: 'user', text: task.question },
      ],
    };
    for (let path = 0; path < pathsPerTask; path++) {
      const result = await options.source.continueTranscript(initial, {
        tools,
        stepBudget: Math.max(1, Math.floor(task.stepBudget / 2)),
        seed: (options.seed + 10_000 * taskIndex + path) >>> 0,
        temperature: options.temperature ?? 0.7,
        maxTokens: options.maxTokens ?? 256,
        signal: options.signal,
      });
      if (result.steps === 0) continue;
      const handed = handOver('transcript', { initial, transcript: result.transcript, steps: result.steps });
      const prefixSteps = executedCalls(handed.transcript);
      episodes.push(redoAfter(task, handed.transcript, prefixSteps, `takeover-after-${options.source.id}`));
    }
    options.onProgress?.(taskIndex + 1, tasks.length);
  }
  return episodes;
}

/** The calls a transcript executed, with their results, in order. */
function executedCalls(transcript: Transcript): EpisodeStep[] {
  const results = new Map<string, JsonValue>();
  for (const message of transcript.messages) if (message.role === 'tool') results.set(message.callId, message.result);
  return transcript.messages.flatMap((message) =>
    message.role === 'assistant'
      ? message.toolCalls
          .filter((call) => results.has(call.id))
          .map((call) => ({ name: call.name, arguments: call.arguments, result: results.get(call.id) as JsonValue }))
      : [],
  );
}
