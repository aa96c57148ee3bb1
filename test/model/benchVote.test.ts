// bench vote on the open-answer world's committed models (models/fixtures-open) through the real
// node-llama-cpp: the manifest matches the files, the source's paths answer in sentences the
// checker reads, long answers are embedded by the source model, and the result has the CLI's shape.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isShortAnswer } from '#core/agent/semanticVote.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { benchVote } from '#lab/world/open/benchVote.ts';
import { modelsDir } from './modelEngine.ts';

const folder = path.join(modelsDir, 'fixtures-open');

describe('bench vote on the open world models', () => {
  const providers: LocalLlamaProvider[] = [];

  beforeAll(async () => {
    for (const name of ['source', 'target'])
      providers.push(await LocalLlamaProvider.load({ modelPath: path.join(folder, `${name}.gguf`), cores: 2 }));
  }, 60_000);

  afterAll(async () => {
    for (const provider of providers) await provider.dispose();
  });

  it('the manifest names each committed file with its hash and size', async () => {
    const manifest = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as {
      models: { file: string; sha256: string; sizeBytes: number }[];
    };
    expect(manifest.models.map((model) => model.file).sort()).toEqual(['source.gguf', 'target.gguf']);
    for (const model of manifest.models) {
      const bytes = await readFile(path.join(folder, model.file));
      expect(bytes.length).toBe(model.sizeBytes);
      expect(bytes.length).toBeLessThan(1_500_000);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(model.sha256);
    }
  });

  it('runs the paths for real, embeds the long answers and returns the JSON shape', async () => {
    const [source, target] = providers;
    const { records, result, details } = await benchVote({
      source: source!,
      embedder: source!.answerEmbedder,
      target: target!,
      tasks: 6,
      paths: 3,
      seed: 424_242,
    });
    expect(Object.keys(result)).toEqual([
      'tasks',
      'singlePath',
      'exactVote',
      'semanticVote',
      'agreementAuroc',
      'hotswapRescueRate',
    ]);
    expect(result.tasks).toBe(6);
    for (const share of [result.singlePath, result.exactVote, result.semanticVote]) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    const answers = records.flatMap((record) => record.answers);
    const vectors = records.flatMap((record) => record.vectors);
    // A trained model answers in sentences (not bare numbers), and some of them are right.
    expect(answers.filter((answer) => answer !== null && !isShortAnswer(answer)).length).toBeGreaterThan(
      answers.length / 2,
    );
    expect(records.some((record) => record.answers.some((answer) => record.task.verify(answer)))).toBe(true);
    answers.forEach((answer, index) => {
      if (answer === null || isShortAnswer(answer)) expect(vectors[index]).toBeNull();
      else expect(vectors[index]?.length).toBe(64);
    });
    expect(details.embeddedAnswers).toBeGreaterThan(0);
  }, 240_000);
});
