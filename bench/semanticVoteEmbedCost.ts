// What embedding an answer costs by how much of it is read and how many threads read it (issue 17:
// the vote by meaning must not add a minute to a chat turn).
//   node --import tsx bench/semanticVoteEmbedCost.ts [--model FILE] [--prefix 32,64,128,253] [--answers 3] [--json]
// Answers: prose of about 200 tokens each from test/fixtures/redaction/negatives.jsonl (written for
// another purpose), as in bench/semanticVoteSpeed.ts. For each prefix length, each answer is
// embedded once with one thread and once with all cores, alternately, so both see the same load;
// the figure to compare is their ratio. The first call of each embedder (context opening) is not timed.
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { proseAnswers } from './semanticVoteAnswers.ts';
import { LlamaAnswerEmbedder } from '#core/llm/providers/LlamaAnswerEmbedder.ts';
import { LlamaBackend } from '#core/llm/providers/LlamaBackend.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string' },
    prefix: { type: 'string', default: '32,64,128,253' },
    answers: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const root = path.join(import.meta.dirname, '..');
const modelPath = values.model ?? path.join(root, 'models', 'fixtures', 'source.gguf');
const prefixes = values.prefix.split(',').map(Number);
const cores = availableParallelism();

const answers = proseAnswers(Number(values.answers));

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length / 2)] ?? Number.NaN) * 10) / 10;
}

const backend = await LlamaBackend.open({ gpu: 'cpu', cores });
const model = await backend.llama.loadModel({ modelPath });
const rows = [];
try {
  const loadBefore = loadavg()[0] ?? 0;
  for (const maxTokens of prefixes) {
    const embedders = [1, 0].map((threads) => new LlamaAnswerEmbedder(model, 'bench', { maxTokens, threads }));
    try {
      for (const embedder of embedders) await embedder.embed(['warm up']);
      const times: [number[], number[]] = [[], []];
      for (const answer of answers)
        for (const [index, embedder] of embedders.entries()) {
          const started = performance.now();
          await embedder.embed([answer]);
          times[index]?.push(performance.now() - started);
        }
      const [one, all] = times.map(median) as [number, number];
      rows.push({ maxTokens, oneThreadMs: one, allCoresMs: all, allOverOne: Math.round((all / one) * 100) / 100 });
      if (!values.json)
        console.log(
          `prefix ${maxTokens} tokens: 1 thread ${one} ms, ${cores} threads ${all} ms per answer (ratio ${rows.at(-1)?.allOverOne}); load ${loadavg()[0]?.toFixed(1)}`,
        );
    } finally {
      for (const embedder of embedders) await embedder.dispose();
    }
  }
  if (values.json)
    console.log(JSON.stringify({ model: path.basename(modelPath), cores, loadBefore, answers: answers.length, rows }));
} finally {
  await model.dispose();
  await backend.dispose();
}
