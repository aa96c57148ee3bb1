import { runLimited } from '#core/agent/runLimited.ts';
import { taskVote } from '#core/agent/vote.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { cutAtRecordedCheckpoint } from '#core/trajectory/cutTrajectory.ts';
import type { Trajectory, TrajectoryStep } from '#core/trajectory/Trajectory.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { runModelEpisode } from './runModelEpisode.ts';

/** Options of {@link recordWorldTrajectories}. */
export type RecordWorldTrajectoriesOptions = {
  /** The local model whose paths are recorded. */
  readonly source: ChatProvider;
  readonly tasks: number;
  /** Task seed. Keep it apart from the seeds measured elsewhere (the bench's 9_000_001, 8_000_001, 7_000_001). */
  readonly seed: number;
  /** Self-consistency paths per task. Defaults to 5. */
  readonly paths?: number;
  /** Defaults to 0.7. */
  readonly temperature?: number;
  /** Tokens one path may write. Defaults to 256. */
  readonly maxTokens?: number;
  /** Paths running at once. Defaults to 2. */
  readonly concurrency?: number;
  readonly onProgress?: (progress: { done: number; total: number }) => void;
  readonly signal?: AbortSignal;
};

/** A transcript's executed calls as trajectory steps, with the tool results as the app records them. */
function stepsOf(transcript: Transcript): TrajectoryStep[] {
  const results = new Map<string, string>();
  for (const message of transcript.messages)
    if (message.role === 'tool')
      results.set(message.callId, typeof message.result === 'string' ? message.result : JSON.stringify(message.result));
  return transcript.messages.flatMap((message) =>
    message.role === 'assistant'
      ? message.toolCalls
          .filter((call) => results.has(call.id))
          .map((call) => ({
            tool: call.name,
            args:
              typeof call.arguments === 'object' && call.arguments !== null && !Array.isArray(call.arguments)
                ? call.arguments
                : { value: call.arguments },
            result: results.get(call.id) ?? '',
            tokensIn: 0,
            tokensOut: 0,
          }))
      : [],
  );
}

/**
 * The source model's paths on world tasks as the app's predictor learns from them (the live-world
 * comparison of issue 19 item 5): every path runs to its end locally (no escalation), the label is
 * whether the paths' vote is right, and each trajectory is cut where a live task takes its
 * checkpoint (half the step budget, in calls per path; an answer is visible only if the path gave
 * it by then), so nothing after the decision leaks into the features. Path `p` of task `i` samples
 * with seed `seed + 10_000 i + p`.
 */
export async function recordWorldTrajectories(options: RecordWorldTrajectoriesOptions): Promise<Trajectory[]> {
  const tasks = generateWorldTasks({ seed: options.seed, count: options.tasks });
  const indices = Array.from({ length: options.paths ?? 5 }, (_, index) => index);
  const trajectories: Trajectory[] = [];
  for (const [taskIndex, task] of tasks.entries()) {
    const episodes = await runLimited(indices, options.concurrency ?? 2, (path) =>
      runModelEpisode(options.source, task, {
        seed: (options.seed + 10_000 * taskIndex + path) >>> 0,
        temperature: options.temperature ?? 0.7,
        maxTokens: options.maxTokens ?? 256,
        signal: options.signal,
      }),
    );
    const answers = episodes.map((episode) => (episode.status === 'answered' ? episode.answer : null));
    const vote = taskVote(answers.map((answer) => ({ answer, isEscalated: false })));
    const whole: Trajectory = {
      task: task.id,
      model: options.source.modelName,
      success: task.verify(vote.winner),
      checkpoint: Math.max(1, Math.floor(task.stepBudget / 2)),
      runs: episodes.map((episode, path) => ({
        run: path + 1,
        steps: stepsOf(episode.transcript),
        answer: answers[path] ?? null,
        answerTokensIn: 0,
        answerTokensOut: 0,
        success: episode.isCorrect,
      })),
    };
    trajectories.push(cutAtRecordedCheckpoint(whole, 'parallel'));
    options.onProgress?.({ done: taskIndex + 1, total: tasks.length });
  }
  return trajectories;
}
