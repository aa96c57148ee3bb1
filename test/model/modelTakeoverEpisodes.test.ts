// generateModelTakeoverEpisodes on the committed source fixture through the real node-llama-cpp:
// the handed-over part is exactly what the live `transcript` hotswap sends, and only the ideal redo
// after the handoff note is trained on.
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import type { Episode } from '#lab/world/Episode.ts';
import { generateModelTakeoverEpisodes } from '#lab/world/generateModelTakeoverEpisodes.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';

let source: LocalLlamaProvider;
let episodes: Episode[];

beforeAll(async () => {
  source = await LocalLlamaProvider.load({
    modelPath: path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf'),
    cores: os.availableParallelism(),
  });
  episodes = await generateModelTakeoverEpisodes({ source, seed: 3, count: 12, pathsPerTask: 2 });
});

afterAll(async () => {
  await source?.dispose();
});

describe('generateModelTakeoverEpisodes', () => {
  it('hands each path over after its executed calls (at most half the budget) and trains only on the ideal redo', () => {
    expect(episodes.length).toBeGreaterThan(12);
    expect(episodes.length).toBeLessThanOrEqual(24);
    for (const episode of episodes) {
      const note = (episode.trainedFrom ?? 0) - 1;
      expect(episode.transcript.messages[note]).toEqual(handoffNote);
      const before = episode.transcript.messages.slice(0, note);
      const calls = before.filter((message) => message.role === 'tool').length;
      expect(calls).toBeGreaterThan(0);
      expect(calls).toBeLessThanOrEqual(Math.floor(episode.task.stepBudget / 2));
      // The handed-over part ends with a tool result: no text or answer of the source survives.
      expect(before.at(-1)?.role).toBe('tool');
      expect(episode.isCorrect).toBe(true);
      expect(episode.steps.length - calls).toBeLessThanOrEqual(episode.task.stepBudget - calls);
      const rendered = renderTranscript(episode.transcript, { trainedFrom: episode.trainedFrom });
      const trained = rendered.pieces
        .filter((piece) => piece.author === 'model')
        .map((piece) => (piece.kind === 'text' ? piece.text : ''));
      expect(trained.at(-2)).toBe(String(episode.task.answer));
      const ids = episode.transcript.messages.flatMap((message) =>
        message.role === 'assistant' ? message.toolCalls.map((call) => call.id) : [],
      );
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('is reproducible: the same seed gives the same episodes', async () => {
    const again = await generateModelTakeoverEpisodes({ source, seed: 3, count: 12, pathsPerTask: 2 });
    expect(again.map((episode) => episode.transcript)).toEqual(episodes.map((episode) => episode.transcript));
  });
});
