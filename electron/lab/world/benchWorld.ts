import { runLimited } from '#core/agent/runLimited.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { Clock } from '#core/ports.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { hotswap, runModelEpisode, type ModelEpisode } from './runModelEpisode.ts';

/** Options of {@link benchWorld}. */
export type BenchWorldOptions = {
  /** The small local model the paths run on first. */
  readonly source: ChatProvider;
  /** The stronger model a failing path is handed to. */
  readonly target: ChatProvider;
  /** Held-out tasks to run. */
  readonly tasks: number;
  /** Task seed; keep it apart from the training seeds. Defaults to 9_000_001. */
  readonly seed?: number;
  /** Source paths per task for the majority vote; path 0 is the single path. Defaults to 5. */
  readonly paths?: number;
  /** Defaults to 0.7 (the vote needs differing paths). */
  readonly temperature?: number;
  /** Tokens per path. Defaults to 256. */
  readonly maxTokens?: number;
  /**
   * Paths run at once, each on its own context and thread (results do not depend on it). Defaults
   * to 1, which measures tokens per second undisturbed; 2 suits two cores when speed matters less.
   */
  readonly concurrency?: number;
  /** Times generation for tokens per second. */
  readonly clock: Clock;
  /** Called after each task. */
  readonly onProgress?: (progress: { done: number; total: number; label: string }) => void;
  readonly signal?: AbortSignal;
};

/** The bench's numbers, as the CLI prints them with --json. Rates are shares from 0 to 1. */
export type BenchWorldResult = {
  readonly tasks: number;
  readonly source: {
    readonly singlePathSuccess: number;
    readonly voteSuccess: number;
    readonly tokensPerSecond: number;
  };
  readonly target: { readonly singlePathSuccess: number; readonly tokensPerSecond: number };
  /** Share of the source's single-path failures the target finished correctly; null without failures. */
  readonly hotswapRescueRate: number | null;
};

type Meter = { tokens: number; milliseconds: number };

/**
 * Measures the models on held-out world tasks, `concurrency` paths at a time, each on its own
 * context and seed (`seed + 100 * task + path`): the source's path 0 alone, the source's majority vote over
 * `paths` paths, the target's single path (path 0's seed), and for each task path 0 failed, a
 * hotswap of path 0's transcript to the target at the midpoint of the step budget (seed of path
 * `paths`). Tokens per second divide the tokens a model wrote by the time its paths took (prompt
 * reading included; it is a small share), summed per path, so running paths at once lowers it.
 */
export async function benchWorld(options: BenchWorldOptions): Promise<BenchWorldResult> {
  const seed = options.seed ?? 9_000_001;
  const paths = options.paths ?? 5;
  const tasks = generateWorldTasks({ seed, count: options.tasks });
  const common = {
    temperature: options.temperature ?? 0.7,
    maxTokens: options.maxTokens ?? 256,
    signal: options.signal,
  };
  const sourceMeter: Meter = { tokens: 0, milliseconds: 0 };
  const targetMeter: Meter = { tokens: 0, milliseconds: 0 };
  const timed = async (meter: Meter, run: () => Promise<ModelEpisode>): Promise<ModelEpisode> => {
    const started = options.clock.now();
    const episode = await run();
    meter.milliseconds += options.clock.now() - started;
    meter.tokens += episode.tokensOut;
    return episode;
  };
  let single = 0;
  let vote = 0;
  let targetSingle = 0;
  let failures = 0;
  let rescued = 0;
  for (const [index, task] of tasks.entries()) {
    const pathSeed = (path: number): number => seed + 100 * index + path;
    const runs = Array.from({ length: paths }, (_, path) => ({ provider: options.source, meter: sourceMeter, path }));
    // The target's own path runs on path 0's seed, alongside the source's paths.
    runs.push({ provider: options.target, meter: targetMeter, path: 0 });
    const episodes = await runLimited(runs, options.concurrency ?? 1, ({ provider, meter, path }) =>
      timed(meter, () => runModelEpisode(provider, task, { ...common, seed: pathSeed(path) })),
    );
    const targetEpisode = episodes.pop();
    const first = episodes[0];
    const isSingleCorrect = first?.isCorrect === true;
    const winner = majorityAnswer(episodes);
    const isVoteCorrect = winner !== null && task.verify(String(winner));
    let rescue = '';
    if (first !== undefined && !isSingleCorrect) {
      failures += 1;
      const swapped = await timed(targetMeter, () =>
        hotswap(first, options.target, { ...common, seed: pathSeed(paths) }),
      );
      if (swapped.isCorrect) rescued += 1;
      rescue = swapped.isCorrect ? ' rescued' : ' not rescued';
    }
    single += isSingleCorrect ? 1 : 0;
    vote += isVoteCorrect ? 1 : 0;
    targetSingle += targetEpisode?.isCorrect === true ? 1 : 0;
    const label = `${task.id}: source ${isSingleCorrect ? 'ok' : 'fail'}${rescue}, vote ${isVoteCorrect ? 'ok' : 'fail'}, target ${targetEpisode?.isCorrect === true ? 'ok' : 'fail'}`;
    options.onProgress?.({ done: index + 1, total: tasks.length, label });
  }
  const share = (count: number): number => (tasks.length === 0 ? 0 : count / tasks.length);
  const speed = (meter: Meter): number => (meter.milliseconds > 0 ? (meter.tokens * 1000) / meter.milliseconds : 0);
  return {
    tasks: tasks.length,
    source: { singlePathSuccess: share(single), voteSuccess: share(vote), tokensPerSecond: speed(sourceMeter) },
    target: { singlePathSuccess: share(targetSingle), tokensPerSecond: speed(targetMeter) },
    hotswapRescueRate: failures === 0 ? null : rescued / failures,
  };
}

/**
 * The majority answer of the answered paths, read as the last integer of each answer (thousands
 * separators removed, as `verifyAnswer` reads it); exhausted paths and answers without an integer
 * do not vote. A tie goes to the smallest of the most-voted answers, so the result never depends
 * on path order. Null when nobody voted.
 */
function majorityAnswer(episodes: readonly ModelEpisode[]): number | null {
  const votes = new Map<number, number>();
  for (const episode of episodes) {
    if (episode.status !== 'answered' || episode.answer === null) continue;
    const last = episode.answer
      .replace(/(\d),(?=\d{3}\b)/g, '$1')
      .match(/-?\d+(?:\.\d+)?/g)
      ?.at(-1);
    const value = Number(last);
    if (last === undefined || !Number.isSafeInteger(value)) continue;
    votes.set(value, (votes.get(value) ?? 0) + 1);
  }
  let best: { value: number; count: number } | null = null;
  for (const [value, count] of votes) {
    if (best === null || count > best.count || (count === best.count && value < best.value)) best = { value, count };
  }
  return best?.value ?? null;
}
