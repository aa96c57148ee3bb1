import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLlama, type Llama } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { llamaReference } from '#lab/llm/gguf/llamaReference.ts';
import { readLlamaWeights } from '#lab/llm/gguf/readLlamaWeights.ts';
import { createWorldVocabulary } from '#lab/llm/training/worldVocabulary.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { solveTask } from '#lab/world/solveTask.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { compareProbabilities, llamaCppProbabilities } from './compareProbabilities.ts';

// The committed fixture models (npm run models:train): their bytes match the manifest, llama.cpp
// runs them exactly as the project's reference forward pass does, and llama.cpp tokenizes like
// the project's vocabulary, on the world's whole alphabet and on text outside it.
const fixtures = path.join(repositoryRoot, 'models', 'fixtures');
const manifest = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8')) as {
  models: { file: string; sha256: string; sizeBytes: number }[];
};
const vocabulary = createWorldVocabulary();
let llama: Llama;

beforeAll(async () => {
  llama = await getLlama({ gpu: false, build: 'never', skipDownload: true, maxThreads: os.availableParallelism() });
});

afterAll(async () => {
  await llama?.dispose();
});

describe.each(manifest.models.map((entry) => [entry.file, entry] as const))('models/fixtures/%s', (file, entry) => {
  const modelPath = path.join(fixtures, file);

  it('matches the manifest byte for byte', () => {
    const bytes = readFileSync(modelPath);
    expect(bytes.length).toBe(entry.sizeBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
  });

  it('gives the reference forward pass probabilities through llama.cpp (F32, < 1e-4)', async () => {
    const model = await llama.loadModel({ modelPath });
    try {
      expect((model.fileInfo.metadata as { atropos?: { chat_format?: string } }).atropos?.chat_format).toBe(
        chatFormatMetadata.compactV1,
      );
      const [task] = generateWorldTasks({ seed: 424_242, count: 1 });
      if (task === undefined) throw new Error('no task');
      const text = renderTranscript(solveTask(task).transcript).text;
      const tokens = [vocabulary.bosId, ...vocabulary.tokenize(text.replace(/^<s>/, '').replace(/<\/s>$/, ''))];
      const weights = await readLlamaWeights(modelPath);
      const comparison = compareProbabilities(
        llamaReference(weights, tokens),
        await llamaCppProbabilities(model, tokens, vocabulary.size),
      );
      expect(comparison.largestDifference).toBeLessThan(1e-4);
      expect(comparison.agreeingTopTokens).toBe(tokens.length);
    } finally {
      await model.dispose();
    }
  });

  it("tokenizes like the project's vocabulary and round-trips the alphabet and non-ASCII text", async () => {
    const model = await llama.loadModel({ modelPath, vocabOnly: true });
    try {
      const alphabet = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index)).join('');
      for (const text of [alphabet, '0123456789+-*/()', 'héllo ✓ 日本 🙂', 'tab\there\nnew line', '  two  spaces ']) {
        const tokens = model.tokenize(text);
        expect(tokens.map(Number)).toEqual(vocabulary.tokenize(text));
        expect(model.detokenize(tokens)).toBe(text);
      }
    } finally {
      await model.dispose();
    }
  });
});
