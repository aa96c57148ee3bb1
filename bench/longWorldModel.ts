// The issue's measure on the long world (issue 19.3) for a target model: success, rescues and
// billed target tokens per rescued task for restart, transcript and digest (the engine's kinds with
// the handoff note) and the continuing handovers (the continue note), on held-out seeds.
//   node --import tsx bench/longWorldModel.ts [--model models/fixtures-long/target.gguf] [--seed 31] [--tasks 200] [--json]
// The source is the scripted weak solver (checkLongWorld's rates); prices: the world target's list price.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { defaultPriceTable } from '#core/budget/priceTable.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { benchLongModel } from '#lab/world/long/benchLongModel.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: 'models/fixtures-long/target.gguf' },
    seed: { type: 'string', default: '31' },
    tasks: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
  },
});
const price = defaultPriceTable['atropos-world-target'] ?? { inputPerMillion: 1, outputPerMillion: 4 };
const target = await LocalLlamaProvider.load({ modelPath: values.model, cores: availableParallelism() });
try {
  const seed = Number(values.seed);
  const result = await benchLongModel({
    target,
    seed,
    count: Number(values.tasks),
    price,
    onProgress: (done, total) => {
      if (done % 20 === 0 || done === total) process.stderr.write(`[long model] ${done}/${total}\n`);
    },
  });
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(
      `long world, model ${values.model}, seed ${seed}, ${result.tasks} tasks; scripted source success ${(100 * result.sourceSuccess).toFixed(1)}%`,
    );
    console.log(
      `${'handover'.padEnd(26)}${'success'.padStart(9)}${'rescue'.padStart(9)}${'tok/rescue'.padStart(12)}${'µ$/rescue'.padStart(11)}${'success/$ vs restart'.padStart(22)}`,
    );
    for (const arm of result.arms) {
      const finite = Number.isFinite(arm.tokensPerRescue);
      console.log(
        `${arm.name.padEnd(26)}${`${(100 * arm.success).toFixed(1)}%`.padStart(9)}${`${(100 * arm.rescueRate).toFixed(1)}%`.padStart(9)}` +
          `${(finite ? arm.tokensPerRescue.toFixed(0) : '-').padStart(12)}${(finite ? (arm.usdPerRescue * 1e6).toFixed(0) : '-').padStart(11)}` +
          `${`${arm.successPerDollarVsFirst.toFixed(2)}x`.padStart(22)}`,
      );
    }
  }
} finally {
  await target.dispose();
}
