// A long conversation never fails for length (issue 17.6): a thread of 20 turns on the source
// fixture model, whose context is 256 tokens, through the real engine (thread:send, the warm model,
// real llama.cpp). Each follow-up carries as many earlier turns as fit by the stated rule
// (fitConversation.ts), measured with the model's own tokenizer; the turn records how many it
// left out; every path still ends with an answer of its own. Carrying the whole thread would not even fit the
// context: its start is measured here with the same tokenizer.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { workRoom } from '#core/agent/fitConversation.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import type { Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';
import { calcTool } from '#core/world/calcTool.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

const modelsDir = path.join(repositoryRoot, 'models');
const turnCount = 20;
let engine: Engine | undefined;
let source: LocalLlamaProvider;

beforeAll(async () => {
  source = await LocalLlamaProvider.load({ modelPath: path.join(modelsDir, 'fixtures', 'source.gguf'), cores: 1 });
});

afterAll(async () => {
  await engine?.dispose();
  await source?.dispose();
});

/** The start of a path on a free question for the compact fixture (runEngineTask's agentTaskOf). */
function pathStart(history: readonly TranscriptMessage[], question: string): Transcript {
  return {
    tools: createToolRegistry([calcTool]).definitions,
    messages: [{ role: 'system', text: worldSystemPrompt }, ...history, { role: 'user', text: question }],
  };
}

describe('a long thread on a 256-token model', () => {
  it('carries the newest turns that fit, says how many it left out, and answers every turn', async () => {
    const ports = createTestPorts({ clock: { now: () => Date.now() } });
    engine = createEngine(
      { ...ports, paths: { ...ports.paths, bundledModelsDir: modelsDir } },
      { databaseFile: ':memory:' },
    );
    const opened = engine;
    let threadId: string | undefined;
    for (let index = 0; index < turnCount; index += 1) {
      const task = { prompt: `What is ${10 + index}+${20 + index}*2?`, paths: 1, escalation: 'never' as const };
      const sent = opened.sendTurn(threadId === undefined ? { task } : { threadId, task });
      threadId = sent.threadId;
      const id = threadId;
      await expect
        .poll(() => opened.getThread(id).turns[index]?.status ?? 'running', { timeout: 90_000 })
        .not.toBe('running');
    }
    const turns = opened.getThread(threadId!).turns;
    const figures = turns.map((turn) => ({
      status: turn.status,
      carried: turn.carriedTurns,
      leftOut: turn.leftOutTurns,
      paths: opened.getTask(turn.taskId!).paths.map((item) => item.status),
    }));
    console.log(JSON.stringify({ contextSize: source.contextSize, turns: figures }));
    // No path ran out of room: every one ended with a final answer of the model's (the fixture's
    // answers may be wrong or malformed, which the vote judges; none is cut off for length).
    expect(figures.flatMap((turn) => turn.paths)).toEqual(figures.flatMap((turn) => turn.paths.map(() => 'answered')));
    // The first turn carries nothing; every later one measured its context, over the earlier turns
    // that have an answer (a turn without one is not carried).
    expect(turns[0]?.carriedTurns).toBeNull();
    for (const [index, turn] of turns.entries()) {
      if (index === 0) continue;
      const answered = turns.slice(0, index).filter((item) => item.answer !== null).length;
      expect((turn.carriedTurns ?? -1) + (turn.leftOutTurns ?? -1)).toBe(answered);
    }
    // Early follow-ups carry every turn; a long thread leaves the oldest out but keeps some.
    expect(turns[1]?.carriedTurns).toBe(1);
    const last = turns.at(-1)!;
    expect(last.leftOutTurns).toBeGreaterThan(0);
    expect(last.carriedTurns).toBeGreaterThan(0);

    // The rule at the start, on the same tokenizer: at most the turns that fit below the context
    // less the work room were carried, and the whole thread would not fit the context at all.
    const earlier = turns
      .slice(0, -1)
      .filter((turn) => turn.answer !== null)
      .map((turn): TranscriptMessage[] => [
        { role: 'user', text: turn.prompt },
        { role: 'assistant', text: turn.answer ?? '', toolCalls: [] },
      ]);
    const limit =
      source.contextSize - workRoom({ contextSize: source.contextSize, maxTokens: requestDefaults.maxTokens });
    const measured = (count: number) =>
      source.measureTranscript(pathStart(earlier.slice(earlier.length - count).flat(), last.prompt));
    let fitting = 0;
    while (fitting < earlier.length && measured(fitting + 1) <= limit) fitting += 1;
    const whole = measured(earlier.length);
    console.log(JSON.stringify({ limit, fitting, fittingTokens: measured(fitting), whole }));
    expect(last.carriedTurns).toBeLessThanOrEqual(fitting);
    expect(fitting).toBeLessThan(earlier.length);
    expect(whole).toBeGreaterThan(source.contextSize);
  }, 600_000);
});
