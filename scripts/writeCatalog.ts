// `node --import tsx scripts/writeCatalog.ts`: writes models/catalog.json from the fixture manifest
// (the bundled tiny models) and the list of recommended real models below.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type ManifestModel = { file: string; sha256: string; sizeBytes: number; architecture: Record<string, unknown> };
const root = path.resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'models', 'fixtures', 'manifest.json'), 'utf8')) as {
  models: ManifestModel[];
};

const huggingFace = (repository: string, file: string) => ({
  uri: `hf:${repository}/${file}`,
  url: `https://huggingface.co/${repository}/resolve/main/${file}`,
});

const catalog = {
  version: 1,
  note:
    'Fixture models ship with the app and are verified against sha256. Recommended models are downloaded ' +
    'on a machine with internet; their sha256 is null here and checked against the Hugging Face LFS ' +
    'object id (X-Linked-Etag, the sha256 of the file) at download time. Sizes of recommended models are approximate.',
  models: [
    ...manifest.models.map((model) => ({
      id: `atropos-world-${model.file.replace('.gguf', '')}`,
      name: model.file === 'source.gguf' ? 'Atropos world source (tiny, weak)' : 'Atropos world target (tiny, strong)',
      kind: 'fixture',
      role: model.file === 'source.gguf' ? 'local-source' : 'bench-target',
      file: `fixtures/${model.file}`,
      sizeBytes: model.sizeBytes,
      sha256: model.sha256,
      licence: 'MIT (trained by this project)',
      chatFormat: 'atropos-compact-v1 (AtroposChatWrapper)',
      toolCalling: true,
      purpose: 'tests and benchmarks: arithmetic tasks with a calc tool',
    })),
    {
      id: 'qwen2.5-1.5b-instruct-q4_k_m',
      name: 'Qwen2.5 1.5B Instruct (Q4_K_M)',
      kind: 'recommended',
      role: 'local-source',
      ...huggingFace('Qwen/Qwen2.5-1.5B-Instruct-GGUF', 'qwen2.5-1.5b-instruct-q4_k_m.gguf'),
      sizeBytesApprox: 1_120_000_000,
      sha256: null,
      licence: 'Apache-2.0',
      chatFormat: 'ChatML (QwenChatWrapper, from the GGUF template)',
      toolCalling: true,
      purpose: 'a fast local source model for 8 GB machines',
    },
    {
      id: 'llama-3.2-1b-instruct-q4_k_m',
      name: 'Llama 3.2 1B Instruct (Q4_K_M)',
      kind: 'recommended',
      role: 'local-source',
      ...huggingFace('bartowski/Llama-3.2-1B-Instruct-GGUF', 'Llama-3.2-1B-Instruct-Q4_K_M.gguf'),
      sizeBytesApprox: 808_000_000,
      sha256: null,
      licence: 'Llama 3.2 Community License',
      chatFormat: 'Llama 3.x (Llama3_2LightweightChatWrapper)',
      toolCalling: true,
      purpose: 'the smallest capable local source model',
    },
    {
      id: 'smollm2-1.7b-instruct-q4_k_m',
      name: 'SmolLM2 1.7B Instruct (Q4_K_M)',
      kind: 'recommended',
      role: 'local-source',
      ...huggingFace('HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF', 'smollm2-1.7b-instruct-q4_k_m.gguf'),
      sizeBytesApprox: 1_060_000_000,
      sha256: null,
      licence: 'Apache-2.0',
      chatFormat: 'ChatML (from the GGUF template)',
      toolCalling: false,
      purpose: 'a small open model for question answering without tools',
    },
    {
      id: 'llama-3.2-3b-instruct-q4_k_m',
      name: 'Llama 3.2 3B Instruct (Q4_K_M)',
      kind: 'recommended',
      role: 'local-source',
      ...huggingFace('bartowski/Llama-3.2-3B-Instruct-GGUF', 'Llama-3.2-3B-Instruct-Q4_K_M.gguf'),
      sizeBytesApprox: 2_020_000_000,
      sha256: null,
      licence: 'Llama 3.2 Community License',
      chatFormat: 'Llama 3.x (Llama3_2LightweightChatWrapper)',
      toolCalling: true,
      purpose: 'a stronger local source model for 16 GB machines',
    },
    {
      id: 'qwen3-4b-q4_k_m',
      name: 'Qwen3 4B (Q4_K_M)',
      kind: 'recommended',
      role: 'local-source',
      ...huggingFace('Qwen/Qwen3-4B-GGUF', 'Qwen3-4B-Q4_K_M.gguf'),
      sizeBytesApprox: 2_500_000_000,
      sha256: null,
      licence: 'Apache-2.0',
      chatFormat: 'ChatML with thinking (QwenChatWrapper)',
      toolCalling: true,
      purpose: 'the strongest local model in the list; slower on CPU',
    },
  ],
};
writeFileSync(path.join(root, 'models', 'catalog.json'), `${JSON.stringify(catalog, null, 2)}\n`);
process.stderr.write(`wrote models/catalog.json (${catalog.models.length} models)\n`);
