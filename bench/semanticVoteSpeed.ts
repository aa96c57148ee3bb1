// Benchmark of the vote by meaning (issue 17: "grouping 10 answers of 200 tokens adds under 50 ms
// beside the embedding calls, and the embedding calls are measured and reported").
//   node --import tsx bench/semanticVoteSpeed.ts [--runs 200] [--model FILE]... [--json]
// Answers: 10 texts of about 200 tokens each (1 token ~ 0.75 words: 150 words) cut from the prose
// of test/fixtures/redaction/negatives.jsonl, written for another purpose. Grouping (average linkage
// over cosine, semanticVote) is timed alone on vectors of the widths of real models (64 = the
// fixture GGUF, 896 = qwen2.5-0.5b, 2048 = llama3.2-1b, 4096 = 7-8B models); the embedding calls
// are timed on each --model (default: the fixture source.gguf) through LocalLlamaProvider's embedder.
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { answerWords, proseAnswers } from './semanticVoteAnswers.ts';
import { semanticVote } from '#core/agent/semanticVote.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    model: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const root = path.join(import.meta.dirname, '..');
const models = values.model ?? [path.join(root, 'models', 'fixtures', 'source.gguf')];

const answers = proseAnswers(10);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summary(times: number[]): { median: number; p95: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { median: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), max: round(sorted.at(-1) ?? 0) };
}

/** Ten unit-ish vectors: five near one direction (a group), five scattered, so the clustering merges. */
function vectorsOf(width: number, seed: number): Float32Array[] {
  const random = createRandom(seed);
  const centre = Float32Array.from({ length: width }, () => random() - 0.5);
  return answers.map((_, index) =>
    Float32Array.from(centre, (value) => (index < 5 ? value + (random() - 0.5) * 0.1 : random() - 0.5)),
  );
}

const grouping = [64, 896, 2048, 4096].map((width) => {
  const vectors = vectorsOf(width, width);
  semanticVote(answers, vectors); // warm-up: the first call compiles.
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let groups = 0;
  for (let run = 0; run < runs; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    groups = semanticVote(answers, vectors).tally.length;
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  // Wall time counts the moments another process held the core; CPU time is this process's own.
  return { width, groups, milliseconds: summary(times), cpuMilliseconds: summary(cpuTimes) };
});

const embedding = [];
for (const modelPath of models) {
  const provider = await LocalLlamaProvider.load({ modelPath, cores: availableParallelism() });
  try {
    const embedder = provider.answerEmbedder;
    const openStarted = performance.now();
    const [first] = await embedder.embed([answers[0] ?? '']);
    const firstCall = performance.now() - openStarted;
    const perAnswer: number[] = [];
    const batches: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      for (const answer of answers) {
        const one = performance.now();
        await embedder.embed([answer]);
        perAnswer.push(performance.now() - one);
      }
      batches.push(performance.now() - started);
    }
    embedding.push({
      model: path.basename(modelPath),
      width: first?.length ?? 0,
      firstCallWithContextMilliseconds: Math.round(firstCall),
      perAnswerMilliseconds: summary(perAnswer),
      tenAnswersMilliseconds: summary(batches),
    });
  } finally {
    await provider.dispose();
  }
}

const result = {
  answers: answers.length,
  wordsPerAnswer: answerWords,
  runs,
  loadAverage: loadavg()[0],
  grouping,
  embedding,
};
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(`10 answers of ${answerWords} words (about 200 tokens), load average ${loadavg()[0]?.toFixed(1)}`);
  for (const row of grouping)
    console.log(
      `grouping, width ${row.width}: wall median ${row.milliseconds.median} ms, p95 ${row.milliseconds.p95} ms, max ${row.milliseconds.max} ms; CPU median ${row.cpuMilliseconds.median} ms, p95 ${row.cpuMilliseconds.p95} ms, max ${row.cpuMilliseconds.max} ms (${row.groups} groups)`,
    );
  for (const row of embedding)
    console.log(
      `embedding, ${row.model} (width ${row.width}): first call with context ${row.firstCallWithContextMilliseconds} ms, per answer median ${row.perAnswerMilliseconds.median} ms, 10 answers median ${row.tenAnswersMilliseconds.median} ms`,
    );
}
