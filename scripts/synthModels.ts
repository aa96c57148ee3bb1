// `npm run models:synth -- --shape qwen2.5-0.5b --quant q4_0 [--out DIR] [--seed N] [--force]`:
// writes a random-weight GGUF of a real model's shape (architecture, sizes, tokenizer of the real
// vocabulary size, chat template, quantization) for speed and format work, streamed to disk.
// Files go to a cache folder outside the repository: $ATROPOS_SYNTH_DIR, else
// $XDG_CACHE_HOME/atropos-desktop/synth, else ~/.cache/atropos-desktop/synth.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { modelShapes } from '#lab/llm/gguf/families/ModelShape.ts';
import { synthesizeModel, type SynthQuant } from '#lab/llm/gguf/families/synthesizeModel.ts';
import { synthFolder } from './synthFolder.ts';

const quants: readonly SynthQuant[] = ['f16', 'q8_0', 'q4_0'];

const { values } = parseArgs({
  options: {
    shape: { type: 'string', default: 'qwen2.5-0.5b' },
    quant: { type: 'string', default: 'q4_0' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
  },
});
const shape = modelShapes[values.shape];
const quant = values.quant as SynthQuant;
if (shape === undefined || !quants.includes(quant)) {
  console.error(
    `Unknown shape or quant. Shapes: ${Object.keys(modelShapes).join(', ')}; quants: ${quants.join(', ')}.`,
  );
  process.exit(2);
}
const file = path.join(values.out ?? synthFolder(), `${shape.id}-${quant}.gguf`);
const existing = await stat(file).catch(() => null);
if (existing !== null && !values.force) {
  console.log(`${file} exists (${(existing.size / 1e6).toFixed(1)} MB); --force writes it again.`);
  process.exit(0);
}
const started = performance.now();
let shown = -1;
const bytes = await synthesizeModel(file, {
  shape,
  quant,
  seed: Number(values.seed),
  onProgress: ({ bytesWritten, bytes: total, tensorsWritten, tensors }) => {
    const percent = Math.floor((100 * bytesWritten) / total);
    if (percent < shown + 5 && tensorsWritten < tensors) return;
    shown = percent;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `${percent}% ${tensorsWritten}/${tensors} tensors, ${(bytesWritten / 1e6).toFixed(0)} MB, ${seconds} s\n`,
    );
  },
});
const seconds = (performance.now() - started) / 1000;
console.log(`${file}: ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`);
