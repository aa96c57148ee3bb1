// Inference speed at real model sizes (issue 18):
//   npm run bench:inference -- [--json] [--models FILE,...] [--paths 1,3,5,10]
//     [--modes one-context,contexts,sequential] [--prompt-tokens 500] [--decode 128] [--threads CORES or a list, e.g. 1,2]
// Models default to the random-weight qwen2.5-0.5b Q4_0 of `npm run models:synth` in the cache
// folder. Prints one JSON object per line: the machine (memory bandwidth from a copy loop, cores,
// the backend llama.cpp runs on, the load average), one line per model, mode and path count (each
// run in a fresh process, so peak RSS is that configuration's), the engine's overhead on top of
// llama.cpp, and the predictor's decision time at 10 paths x 40 steps. Without --json a table follows.
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { readGgufFileInfo } from 'node-llama-cpp';
import type { FlowStep } from '#core/graph/FlowStep.ts';
import { SemanticFlowGraph } from '#core/graph/SemanticFlowGraph.ts';
import { LlamaBackend } from '#core/llm/providers/LlamaBackend.ts';
import { loadGcnCheckpoint } from '#core/predictor/gcn/loadGcnCheckpoint.ts';
import { readTrajectoriesJsonl } from '#lab/predictor/readTrajectories.ts';
import { synthFolder } from '../scripts/synthFolder.ts';
import type { InferenceJob, PathMode } from './inferenceRun.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    models: { type: 'string' },
    paths: { type: 'string', default: '1,3,5,10' },
    modes: { type: 'string', default: 'one-context,contexts,sequential' },
    'prompt-tokens': { type: 'string', default: '500' },
    decode: { type: 'string', default: '128' },
    threads: { type: 'string', default: String(availableParallelism()) },
    'context-per-path': { type: 'string', default: '1024' },
    data: { type: 'string', default: path.join('..', 'shared', 'data', 'autofl-d4j-gpt35.jsonl') },
    predictor: { type: 'string', default: path.join('models', 'predictor', 'parallel-k5.json') },
  },
});
const models = (values.models ?? path.join(synthFolder(), 'qwen2.5-0.5b-q4_0.gguf')).split(',');
const pathCounts = values.paths.split(',').map(Number);
const modes = values.modes.split(',') as PathMode[];
const threadCounts = values.threads.split(',').map(Number);
const common = {
  promptTokens: Number(values['prompt-tokens']),
  decode: Number(values.decode),
  contextPerPath: Number(values['context-per-path']),
};
const lines: Record<string, unknown>[] = [];
const print = (line: Record<string, unknown>): void => {
  lines.push(line);
  console.log(JSON.stringify(line));
};
const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

/** Copy bandwidth: bytes read plus bytes written per second, copying 256 MB buffers (STREAM's "copy" count). */
function copyBandwidthGBs(): number {
  const size = 256 * 1024 * 1024;
  const source = Buffer.alloc(size, 1);
  const target = Buffer.alloc(size);
  let best = 0;
  for (let trial = 0; trial < 5; trial++) {
    const started = performance.now();
    source.copy(target);
    best = Math.max(best, (2 * size) / ((performance.now() - started) / 1000));
  }
  return best / 1e9;
}

/** Bytes per element of the ggml types the writer speaks (F32 0, F16 1, Q4_0 2, Q8_0 8). */
const typeBytes: Record<number, number> = { 0: 4, 1: 2, 2: 18 / 32, 8: 34 / 32 };

/**
 * Weight bytes one decoded token reads: every tensor once, except token_embd when the model has
 * its own output.weight (decoding then reads one row of it).
 */
async function weightBytesPerToken(model: string): Promise<number> {
  const info = await readGgufFileInfo(model, { readTensorInfo: true });
  const tensors = info.fullTensorInfo ?? [];
  const hasOutput = tensors.some((tensor) => tensor.name === 'output.weight');
  return tensors
    .filter((tensor) => !(hasOutput && tensor.name === 'token_embd.weight'))
    .reduce((total, tensor) => {
      const elements = tensor.dimensions.reduce<number>((product, size) => product * Number(size), 1);
      const bytes = typeBytes[Number(tensor.ggmlType)];
      if (bytes === undefined) throw new Error(`${model}: ggml type ${tensor.ggmlType} is not one the writer speaks`);
      return total + elements * bytes;
    }, 0);
}

async function runJob(job: InferenceJob): Promise<Record<string, unknown>> {
  const script = path.join(import.meta.dirname, 'inferenceRun.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, JSON.stringify(job)], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 15 * 60 * 1000,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  const parsed = JSON.parse(last) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(parsed).map(([key, value]) => [key, typeof value === 'number' ? round(value, 2) : value]),
  );
}

/** Decision time of the k=5 GCN ensemble: graph update for one new step plus forward, 10 paths x 40 steps. */
async function predictorDecisions(): Promise<Record<string, unknown>> {
  const trajectories = await readTrajectoriesJsonl(values.data);
  const steps: FlowStep[] = trajectories.flatMap((trajectory) => trajectory.runs.flatMap((run) => run.steps));
  const predictor = await loadGcnCheckpoint(values.predictor);
  const flow = new SemanticFlowGraph(predictor.setting.featureConfig.graph);
  const times: number[] = [];
  for (let step = 0; step < 40; step++)
    for (let pathIndex = 0; pathIndex < 10; pathIndex++) {
      const next = steps[(step * 10 + pathIndex) % steps.length];
      if (next === undefined) throw new Error(`no steps in ${values.data}`);
      const started = performance.now();
      flow.apply({ pathId: String(pathIndex), type: 'step', step: next });
      predictor.predictFlow(flow, { pathCount: 10 });
      times.push(performance.now() - started);
    }
  predictor.dispose();
  const sorted = times.sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN, 3);
  return { predictorDecisionMs: { median: at(0.5), p90: at(0.9), max: at(1) }, decisions: sorted.length };
}

const backend = await LlamaBackend.open({ gpu: 'auto', cores: availableParallelism() });
const bandwidthGBs = copyBandwidthGBs();
print({
  bandwidthGBs: round(bandwidthGBs, 2),
  cores: availableParallelism(),
  backend: backend.info.backend,
  backendNote: backend.info.fallbackReason,
  loadAverage: loadavg().map((load) => round(load, 2)),
});
await backend.dispose();
for (const model of models) {
  const weightsMb = (await stat(model)).size / 1e6;
  const perToken = await weightBytesPerToken(model);
  // The roofline: decoding one sequence reads the weights once per token, so bandwidth / bytes caps it.
  print({
    model: path.basename(model, '.gguf'),
    weightsMbPerToken: round(perToken / 1e6),
    ceilingTokensPerSecond: round((bandwidthGBs * 1e9) / perToken),
  });
  for (const paths of pathCounts)
    for (const mode of modes)
      // R contexts share the threads out (at least one each): one run with the most threads asked for.
      for (const threads of mode === 'contexts' ? [Math.max(...threadCounts)] : threadCounts) {
        // A configuration that fails (out of memory, a timeout) is reported and the others still run.
        const line = await runJob({ kind: 'paths', model, mode, paths, threads, ...common }).catch(
          (error: unknown) => ({
            model: path.basename(model, '.gguf'),
            paths,
            mode,
            error: String(error).split('\n')[0],
          }),
        );
        print({ ...line, threads, fileMb: round(weightsMb), loadAverage: round(loadavg()[0] ?? 0, 2) });
      }
  print({ ...(await runJob({ kind: 'overhead', model, ...common })), ...(await predictorDecisions()) });
}
if (!values.json) {
  console.log('\n| model | mode | threads | paths | tok/s | decode tok/s | first token ms | peak RSS MB | load ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const line of lines.filter((entry) => 'mode' in entry))
    console.log(
      `| ${String(line.model)} | ${String(line.mode)} | ${String(line.threads)} | ${String(line.paths)} | ${String(line.tokensPerSecond)} | ${String(line.decodeTokensPerSecond)} | ${String(line.firstTokenMs)} | ${String(line.peakRssMb)} | ${String(line.loadMs)} |`,
    );
}
