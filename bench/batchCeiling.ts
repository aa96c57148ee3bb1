// The ceiling of parallel paths on this machine (issue 18):
//   npm run bench:batch-ceiling -- [--model FILE] [--threads 2 or a list, e.g. 2,1] [--batches 1,5,10]
//     [--prompt-tokens 400] [--context 4096] [--tokens 40] [--rounds 3]
// One sequence evaluates k tokens in ONE llama_decode call (controlledEvaluate), after a prompt,
// in two ways: every token asks for logits and a sampled next token (what k parallel paths each
// need at every step: the best any arrangement of k paths can do), and only the last token does
// (a prompt chunk: logits once). k = 1 is the same in both: one path's decoding step. Prints JSON
// lines: the machine (cores, backend, load average), then per threads and k the ms per call, the
// tokens/s of both ways and their ratio to k = 1 in the same run, then k = 1 and k = 5 measured
// alternately `rounds` times with the median ratio (the machine is noisy; ratios within one run
// are what count). Every measurement starts at the same position: its tokens are erased after it.
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ControlledEvaluateInputItem, LlamaContextSequence, Token } from 'node-llama-cpp';
import { LlamaBackend } from '#core/llm/providers/LlamaBackend.ts';
import { synthFolder } from '../scripts/synthFolder.ts';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(synthFolder(), 'qwen2.5-0.5b-q4_0.gguf') },
    threads: { type: 'string', default: String(availableParallelism()) },
    batches: { type: 'string', default: '1,5,10' },
    'prompt-tokens': { type: 'string', default: '400' },
    context: { type: 'string', default: '4096' },
    /** Tokens evaluated per measurement (at least 4 calls each). */
    tokens: { type: 'string', default: '40' },
    rounds: { type: 'string', default: '3' },
  },
});
if (!existsSync(values.model)) {
  console.error(
    `No model at ${values.model}: run \`npm run models:synth -- --shape qwen2.5-0.5b --quant q4_0\` first, or pass --model FILE.`,
  );
  process.exit(1);
}
const threadCounts = values.threads.split(',').map(Number);
const batches = values.batches.split(',').map(Number);
const promptLength = Number(values['prompt-tokens']);
const tokensPerMeasurement = Number(values.tokens);
const rounds = Number(values.rounds);
const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
const median = (numbers: readonly number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Whether every token of a call asks for a sampled next token, or only the last. */
type LogitsMode = 'every' | 'last';
type Measurement = { msPerCall: number; tokensPerSecond: number };

const backend = await LlamaBackend.open({ gpu: 'auto', cores: Math.max(...threadCounts) });
console.log(
  JSON.stringify({
    cores: availableParallelism(),
    backend: backend.info.backend,
    model: path.basename(values.model, '.gguf'),
    loadAverage: loadavg().map((load) => round(load)),
  }),
);
const model = await backend.llama.loadModel({ modelPath: values.model });
// Ordinary text tokens of the vocabulary's lower half, spread so no call repeats the previous one's.
const tokenAt = (index: number): Token => (1000 + ((index * 7919) % 50000)) as Token;
const sampling = { temperature: 0.8, seed: 7 };

/** The input of one call of k tokens starting at `offset`. */
function callInput(offset: number, k: number, logits: LogitsMode): ControlledEvaluateInputItem[] {
  return Array.from({ length: k }, (_, index) => {
    const token = tokenAt(offset + index);
    const isSampled = logits === 'every' || index === k - 1;
    return isSampled ? [token, { generateNext: { token: true, options: sampling } }] : token;
  });
}

/** Mean time of one call of k tokens, from the prompt's end; one untimed call first, every token erased after. */
async function measure(sequence: LlamaContextSequence, k: number, logits: LogitsMode): Promise<Measurement> {
  const calls = Math.max(4, Math.round(tokensPerMeasurement / k));
  await sequence.controlledEvaluate(callInput(0, k, logits));
  await sequence.eraseContextTokenRanges([{ start: promptLength, end: sequence.nextTokenIndex }]);
  const started = performance.now();
  for (let call = 0; call < calls; call++) await sequence.controlledEvaluate(callInput(call * k, k, logits));
  const msPerCall = (performance.now() - started) / calls;
  await sequence.eraseContextTokenRanges([{ start: promptLength, end: sequence.nextTokenIndex }]);
  return { msPerCall: round(msPerCall), tokensPerSecond: round((1000 * k) / msPerCall, 1) };
}

for (const threads of threadCounts) {
  const context = await model.createContext({ contextSize: Number(values.context), sequences: 1, threads });
  const sequence = context.getSequence();
  await sequence.evaluateWithoutGeneratingNewTokens(Array.from({ length: promptLength }, (_, index) => tokenAt(index)));
  // One path's decoding step, the unit every ratio is taken against.
  let one: Measurement | undefined;
  for (const k of batches) {
    const every = await measure(sequence, k, 'every');
    const last = k === 1 ? every : await measure(sequence, k, 'last');
    one ??= k === 1 ? every : await measure(sequence, 1, 'every');
    console.log(
      JSON.stringify({
        threads,
        batch: k,
        msPerCallLogitsEvery: every.msPerCall,
        tokensPerSecondLogitsEvery: every.tokensPerSecond,
        ratioLogitsEvery: round(every.tokensPerSecond / one.tokensPerSecond),
        msPerCallLogitsLast: last.msPerCall,
        tokensPerSecondLogitsLast: last.tokensPerSecond,
        ratioLogitsLast: round(last.tokensPerSecond / one.tokensPerSecond),
        loadAverage: round(loadavg()[0] ?? 0),
      }),
    );
  }
  // k = 1 and k = 5 back to back, `rounds` times: each round's ratio sees the same machine load.
  const ratiosEvery: number[] = [];
  const ratiosLast: number[] = [];
  for (let index = 0; index < rounds; index++) {
    const single = await measure(sequence, 1, 'every');
    const every = await measure(sequence, 5, 'every');
    const last = await measure(sequence, 5, 'last');
    ratiosEvery.push(round(every.tokensPerSecond / single.tokensPerSecond));
    ratiosLast.push(round(last.tokensPerSecond / single.tokensPerSecond));
  }
  console.log(
    JSON.stringify({
      threads,
      batch: 5,
      alternating: rounds,
      ratiosLogitsEvery: ratiosEvery,
      medianRatioLogitsEvery: round(median(ratiosEvery)),
      ratiosLogitsLast: ratiosLast,
      medianRatioLogitsLast: round(median(ratiosLast)),
      loadAverage: round(loadavg()[0] ?? 0),
    }),
  );
  await context.dispose();
}
await model.dispose();
await backend.dispose();
