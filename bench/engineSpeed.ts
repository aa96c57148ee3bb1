// Benchmark of the engine's speed (issue 5, item 6), all ratios measured within this one run:
//   npm run bench:engine -- [--tasks 12] [--paths 5] [--model models/fixtures/source.gguf]
// 1. R paths of the source fixture model on world tasks, the parallel strategy (paths on all cores
//    at once) against the same paths one after another: the speed-up.
// 2. One llama.cpp context per path against one context holding R sequences: speed, and whether
//    a seeded path gives the same transcript as when it runs alone (reproducibility).
// 3. Engine overhead per step, everything except model time: the runner, the real calc tool, the
//    events and the SQLite recording, driven by a provider that replays ideal steps instantly.
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { getLlama, LlamaChat, LlamaLogLevel } from 'node-llama-cpp';
import { runTask } from '#core/agent/runTask.ts';
import { TaskRecorder } from '#core/agent/TaskRecorder.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { AtroposChatWrapper } from '#core/llm/chat/AtroposChatWrapper.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { continueLlamaChat } from '#core/llm/providers/continueLlamaChat.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { solveTask } from '#lab/world/solveTask.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '12' },
    paths: { type: 'string', default: '5' },
    model: { type: 'string', default: path.join('models', 'fixtures', 'source.gguf') },
  },
});
const taskCount = Number(values.tasks);
const paths = Number(values.paths);
const cores = availableParallelism();
const clock = { now: () => performance.now() };
const tasks = generateWorldTasks({ seed: 9_000_001, count: taskCount });
const median = (numbers: readonly number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const worldTask = (task: WorldTask) => ({
  prompt: task.question,
  systemPrompt: worldSystemPrompt,
  tools: createWorldTools(),
  stepBudget: task.stepBudget,
});

console.log(`machine: ${cores} cores; ${taskCount} world tasks, ${paths} paths each, model ${values.model}`);

// 1. Parallel strategy against the same paths one after another.
const provider = await LocalLlamaProvider.load({ modelPath: values.model, cores });
const strategyTimes = { parallel: 0, oneByOne: 0 };
const answers = { parallel: [] as (string | null)[], oneByOne: [] as (string | null)[] };
for (const [index, task] of tasks.entries()) {
  // Alternate which goes first, so a drift in the machine's load hits both.
  const order: ('parallel' | 'oneByOne')[] = index % 2 === 0 ? ['parallel', 'oneByOne'] : ['oneByOne', 'parallel'];
  for (const mode of order) {
    const started = performance.now();
    const outcome = await runTask({
      taskId: `${mode}-${index}`,
      task: worldTask(task),
      local: provider,
      paths,
      seed: 100 + index,
      concurrency: mode === 'parallel' ? cores : 1,
      clock,
    });
    strategyTimes[mode] += performance.now() - started;
    answers[mode].push(...outcome.paths.map((item) => item.answer));
  }
}
await provider.dispose();
const sameAnswers = answers.parallel.every((answer, index) => answer === answers.oneByOne[index]);
console.log('\n1. parallel strategy against one path after another (same seeds)');
console.log(`   one after another  ${(strategyTimes.oneByOne / 1000).toFixed(2)} s`);
console.log(`   parallel (${cores} at once) ${(strategyTimes.parallel / 1000).toFixed(2)} s`);
console.log(`   speed-up           ${(strategyTimes.oneByOne / strategyTimes.parallel).toFixed(2)}x`);
console.log(`   identical paths    ${sameAnswers ? 'yes' : 'no'} (answers of all ${answers.parallel.length} paths)`);

// 2. One context per path against one context with R sequences.
const llama = await getLlama({
  gpu: false,
  build: 'never',
  skipDownload: true,
  maxThreads: cores,
  logLevel: LlamaLogLevel.error,
});
const model = await llama.loadModel({ modelPath: values.model });
const wrapper = (): AtroposChatWrapper =>
  new AtroposChatWrapper({ tools: toChatHistory({ tools: createWorldTools().definitions, messages: [] }).functions });
const start = (task: WorldTask): Transcript => ({
  tools: createWorldTools().definitions,
  messages: [
    { role: 'system', text: worldSystemPrompt },
    { role: 'user', text: task.question },
  ],
});
const continuation = (task: WorldTask, seed: number) => ({
  tools: createWorldTools(),
  stepBudget: task.stepBudget,
  seed,
  temperature: 0.7,
  maxTokens: 256,
});
type Run = { milliseconds: number; tokens: number; transcripts: string[] };
const perPath = async (task: WorldTask, seedBase: number): Promise<Run> => {
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: paths }, async (_, index) => {
      const context = await model.createContext({ contextSize: 256, sequences: 1, threads: 1 });
      try {
        const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: wrapper() });
        return await continueLlamaChat(chat, start(task), continuation(task, seedBase + index));
      } finally {
        await context.dispose();
      }
    }),
  );
  return {
    milliseconds: performance.now() - started,
    tokens: results.reduce((sum, result) => sum + result.tokensOut, 0),
    transcripts: results.map((result) => JSON.stringify(result.transcript)),
  };
};
const shared = async (task: WorldTask, seedBase: number): Promise<Run> => {
  const started = performance.now();
  const context = await model.createContext({ contextSize: 256 * paths, sequences: paths, threads: cores });
  try {
    const results = await Promise.all(
      Array.from({ length: paths }, async (_, index) => {
        const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: wrapper() });
        return await continueLlamaChat(chat, start(task), continuation(task, seedBase + index));
      }),
    );
    return {
      milliseconds: performance.now() - started,
      tokens: results.reduce((sum, result) => sum + result.tokensOut, 0),
      transcripts: results.map((result) => JSON.stringify(result.transcript)),
    };
  } finally {
    await context.dispose();
  }
};
const alone = async (task: WorldTask, seed: number): Promise<string> => {
  const context = await model.createContext({ contextSize: 256, sequences: 1, threads: 1 });
  try {
    const chat = new LlamaChat({ contextSequence: context.getSequence(), chatWrapper: wrapper() });
    return JSON.stringify((await continueLlamaChat(chat, start(task), continuation(task, seed))).transcript);
  } finally {
    await context.dispose();
  }
};
const totals = { perPath: { ms: 0, tokens: 0, same: 0 }, shared: { ms: 0, tokens: 0, same: 0 } };
let compared = 0;
for (const [index, task] of tasks.entries()) {
  const seedBase = 500 + 10 * index;
  const solo = await Promise.all(Array.from({ length: paths }, (_, item) => alone(task, seedBase + item)));
  const runs = index % 2 === 0 ? [await perPath(task, seedBase), await shared(task, seedBase)] : [];
  if (index % 2 === 1) {
    const second = await shared(task, seedBase);
    runs.push(await perPath(task, seedBase), second);
  }
  const [own, together] = runs as [Run, Run];
  for (const [name, run] of [
    ['perPath', own],
    ['shared', together],
  ] as const) {
    totals[name].ms += run.milliseconds;
    totals[name].tokens += run.tokens;
    totals[name].same += run.transcripts.filter((transcript, item) => transcript === solo[item]).length;
  }
  compared += paths;
}
await model.dispose();
await llama.dispose();
console.log(`\n2. one context per path against one context with ${paths} sequences (${compared} paths)`);
for (const [name, label] of [
  ['perPath', 'one context per path (threads 1 each)'],
  ['shared', `one context, ${paths} sequences (threads ${cores})`],
] as const) {
  const total = totals[name];
  console.log(
    `   ${label.padEnd(44)} ${((total.tokens * 1000) / total.ms).toFixed(0).padStart(5)} tok/s, ` +
      `${total.same}/${compared} paths identical to the path run alone`,
  );
}

// 3. Engine overhead per step: a provider that replays the ideal solution through the real tools
// with no model behind it, recorded into a real SQLite file.
const replay: ChatProvider = {
  id: 'replay',
  modelName: 'replay',
  locality: 'local',
  async continueTranscript(transcript, options) {
    const question = transcript.messages.find((message) => message.role === 'user');
    const task = tasks.find((candidate) => question?.role === 'user' && candidate.question === question.text);
    const ideal = task === undefined ? null : solveTask(task);
    let steps = 0;
    for (const step of ideal?.steps ?? []) {
      if (steps >= options.stepBudget) break;
      await options.tools.call(step.name, step.arguments);
      steps += 1;
    }
    return { transcript, answer: ideal?.answer ?? null, steps, tokensIn: 0, tokensOut: 0, status: 'answered' };
  },
  dispose: () => Promise.resolve(),
};
const db = openDatabase(path.join(mkdtempSync(path.join(tmpdir(), 'atropos-bench-')), 'bench.sqlite'));
const profiles = new ProfileStore(db);
profiles.insert({
  id: 'bench',
  name: 'bench',
  createdAt: 0,
  privacyMode: 'local-only',
  caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
});
const noCaps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };
const perStep: number[] = [];
for (let round = 0; round < 20; round += 1) {
  for (const [index, task] of tasks.entries()) {
    const recorder = new TaskRecorder({
      db,
      tasks: new TaskStore(db),
      charges: new BudgetGuard({ db, ledger: new LedgerStore(db), clock, capsOf: () => noCaps }),
      profileId: 'bench',
    });
    const started = performance.now();
    const outcome = await runTask({
      taskId: `overhead-${round}-${index}`,
      task: worldTask(task),
      local: replay,
      paths,
      clock,
      onEvent: recorder.handle,
    });
    const steps = outcome.paths.reduce((sum, item) => sum + item.steps, 0);
    if (round > 0) perStep.push((performance.now() - started) / steps);
  }
}
db.close();
const sorted = [...perStep].sort((a, b) => a - b);
console.log('\n3. engine overhead per step (runner + real tool + events + SQLite recording, no model)');
console.log(
  `   median ${median(perStep).toFixed(3)} ms, p95 ${(sorted[Math.floor(sorted.length * 0.95)] ?? 0).toFixed(3)} ms over ${perStep.length} tasks`,
);
