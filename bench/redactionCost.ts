// What redaction costs the answer (issue 15, point 5): world tasks escalated to the target fixture
// (behind the model server on 127.0.0.1, through the real egress path) with a question that names a
// person or an e-mail, redacted and not, beside the plain question.
//   node --import tsx bench/redactionCost.ts [--tasks 100] [--seed 9000001] [--concurrency 2]
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { benchRedactionCost } from '#lab/redaction/benchRedactionCost.ts';
import { createBenchCloud } from '#lab/world/createBenchCloud.ts';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '100' },
    seed: { type: 'string', default: '9000001' },
    concurrency: { type: 'string', default: '2' },
  },
});
const clock = { now: () => Date.now() };
const concurrency = Number(values.concurrency);
const targetFile = path.join(import.meta.dirname, '..', 'models', 'fixtures', 'target.gguf');
const target = await LocalLlamaProvider.load({
  modelPath: targetFile,
  cores: Math.max(1, Math.min(concurrency, availableParallelism())),
});
try {
  const started = clock.now();
  // The target runs in this process behind the engine's escalation (redaction, restore, vault,
  // budget, audit); the cloud call itself is local, so no request crosses HTTP.
  const results = await benchRedactionCost({
    cloud: (redaction) =>
      createBenchCloud({
        baseUrl: 'http://127.0.0.1:9/v1',
        provider: target,
        fetch: globalThis.fetch,
        clock,
        redaction,
      }),
    tasks: Number(values.tasks),
    seed: Number(values.seed),
    concurrency,
    clock,
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`),
  });
  process.stderr.write('\n');
  console.log(
    `${values.tasks} world tasks (seed ${values.seed}) escalated to ${target.modelName} from the start, one path each, auto-redact profile`,
  );
  console.log('| question | success | placeholders per prompt |');
  console.log('|---|---|---|');
  for (const row of results)
    console.log(`| ${row.name} | ${(row.success * 100).toFixed(1)}% | ${row.placeholdersPerPrompt.toFixed(2)} |`);
  console.log(`wall ${((clock.now() - started) / 1000).toFixed(0)} s`);
} finally {
  await target.dispose();
}
