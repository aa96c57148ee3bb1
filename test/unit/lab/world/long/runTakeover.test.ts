import { describe, expect, it } from 'vitest';
import { callDigest } from '#core/agent/handover.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { runEpisode } from '#lab/world/runEpisode.ts';
import { createChainPolicy, drawSlipPlan, soundPlan, soundPrefix, type SlipPlan } from '#lab/world/long/chainSolver.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import { checkedText } from '#lab/world/long/checkedText.ts';
import { billedTokens, transcriptTokens } from '#lab/world/long/countTokens.ts';
import { continueEpisode, generateLongEpisodes } from '#lab/world/long/generateLongEpisodes.ts';
import { generateLongTasks } from '#lab/world/long/generateLongTasks.ts';
import type { LongTask } from '#lab/world/long/LongTask.ts';
import { checkpointCalls, handLongPath, readHandedCalls, runTakeover } from '#lab/world/long/runTakeover.ts';

const tools = createWorldTools();
// An 8-step chain: budget 10, checkpoint after 5 calls.
const task = generateLongTasks({ seed: 77, count: 40 }).find((item) => item.chain.length === 8) as LongTask;
const sound = soundPlan(task);
const slipAt = (index: number, slip: SlipPlan[number]): SlipPlan =>
  sound.map((entry, at) => (at === index ? slip : entry));
const sourceWith = (plan: SlipPlan) => runEpisode(task, createChainPolicy('source', plan), { tools });

describe('the chain solver', () => {
  it('carries a slip to the answer and the sound prefix ends where it slipped', () => {
    for (const kind of ['wrongOperand', 'wrongOperator', 'staleValue', 'skippedStep'] as const) {
      const slip =
        kind === 'wrongOperand'
          ? { kind, operand: task.chain[2]!.operand + 1 }
          : kind === 'wrongOperator'
            ? { kind, operator: '+' as const }
            : { kind };
      const path = sourceWith(
        slipAt(2, task.chain[2]!.operator === '+' && kind === 'wrongOperator' ? { kind, operator: '-' } : slip),
      );
      expect(path.isCorrect, kind).toBe(false);
      expect(soundPrefix(task, path.steps), kind).toBe(2);
      expect(path.steps).toHaveLength(kind === 'skippedStep' ? 7 : 8);
    }
    expect(soundPrefix(task, sourceWith(sound).steps)).toBe(8);
  });

  it('draws no slip at rate 0, a slip on every step at rate 1, and the same plan from the same stream', () => {
    expect(drawSlipPlan(task, { easy: 0, hard: 0 }, () => 0.3)).toEqual(sound);
    expect(drawSlipPlan(task, { easy: 1, hard: 1 }, () => 0.3).every((slip) => slip !== null)).toBe(true);
    let state = 0;
    const stream = (): number => (state = (state * 9301 + 49297) % 233280) / 233280;
    const first = drawSlipPlan(task, { easy: 0.3, hard: 0.3 }, stream);
    state = 0;
    expect(drawSlipPlan(task, { easy: 0.3, hard: 0.3 }, stream)).toEqual(first);
  });
});

describe('runTakeover', () => {
  const misled = sourceWith(slipAt(1, { kind: 'wrongOperand', operand: task.chain[1]!.operand + 1 }));

  it('hands over the engine way at floor(budget / 2) calls and reads the same calls from a transcript and a digest', () => {
    expect(checkpointCalls(task, misled)).toBe(5);
    const handed = handLongPath(task, misled, 'transcript', continueNote);
    expect(handed.transcript.messages.at(-1)).toBe(continueNote);
    expect(handed.isFullBudget).toBe(false);
    const calls = readHandedCalls(handed.transcript);
    expect(calls).toEqual(misled.steps.slice(0, 5).map(({ arguments: args, result }) => ({ arguments: args, result })));
    const digest = handLongPath(task, misled, 'digest', continueNote);
    expect(readHandedCalls(digest.transcript)).toEqual(calls);
    expect(digest.transcript.messages[2]).toEqual({ role: 'user', text: callDigest(handed.transcript) });
  });

  it("hands over with the engine's continue kind exactly what the digest with the continue note was", () => {
    const engineKind = handLongPath(task, misled, 'continue');
    expect(engineKind).toEqual(handLongPath(task, misled, 'digest', continueNote));
    expect(engineKind.transcript.messages.at(-1)).toBe(continueNote);
    // A note given for the continue kind changes nothing: it already ends with the continue note.
    expect(handLongPath(task, misled, 'continue', { role: 'user', text: 'other' })).toEqual(engineKind);
  });

  it('misleads a trusting target, while a continuing one keeps the sound step and finishes the rest', () => {
    const trust = runTakeover(task, handLongPath(task, misled, 'transcript-full'), 'trust', sound);
    expect(trust.kept).toBe(5);
    expect(trust.isCorrect).toBe(false);
    const handed = handLongPath(task, misled, 'transcript-full', continueNote);
    const going = runTakeover(task, handed, 'continue', sound);
    expect(going).toMatchObject({ kept: 1, calls: 7, isCorrect: true });
    const first = going.transcript.messages[handed.transcript.messages.length];
    expect(first).toMatchObject({ role: 'assistant', text: checkedText(1, 5) });
    expect(first?.role === 'assistant' && first.toolCalls[0]?.arguments).toEqual({
      expr: `${task.intermediates[0]}${task.chain[1]!.operator}${task.chain[1]!.operand}`,
    });
  });

  it('runs out of the budget the source left when redoing after a transcript, not after a restart', () => {
    const redo = runTakeover(task, handLongPath(task, misled, 'transcript'), 'redo', sound);
    expect(redo).toMatchObject({ calls: 5, answer: null, isCorrect: false });
    const restart = runTakeover(task, handLongPath(task, misled, 'restart'), 'redo', sound);
    expect(restart).toMatchObject({ calls: 8, isCorrect: true, kept: 0 });
  });

  it('counts fewer target tokens for continuing a sound half than for a restart, and more for a misleading one', () => {
    const soundHalf = sourceWith(sound);
    const restart = runTakeover(task, handLongPath(task, soundHalf, 'restart'), 'redo', sound);
    const going = runTakeover(task, handLongPath(task, soundHalf, 'transcript-full', continueNote), 'continue', sound);
    expect(going).toMatchObject({ kept: 5, calls: 3, isCorrect: true });
    expect(going.tokensOut).toBeLessThan(restart.tokensOut);
    expect(going.tokensIn + going.tokensOut).toBeLessThan(restart.tokensIn + restart.tokensOut);
    const afterSlip = runTakeover(task, handLongPath(task, misled, 'transcript-full', continueNote), 'continue', sound);
    expect(afterSlip.tokensIn).toBeGreaterThan(restart.tokensIn);
  });

  it('bills a finished transcript as runTakeover counted it turn by turn', () => {
    for (const kind of ['restart', 'transcript', 'transcript-full', 'digest'] as const) {
      const handed = handLongPath(task, misled, kind, continueNote);
      const run = runTakeover(task, handed, kind === 'restart' ? 'redo' : 'continue', sound);
      const billed = billedTokens(run.transcript, handed.transcript.messages.length);
      if (run.answer !== null) expect(billed, kind).toEqual({ tokensIn: run.tokensIn, tokensOut: run.tokensOut });
      else {
        // The call refused beyond the budget was written (and counted) but is not in the transcript.
        expect(kind).toBe('transcript');
        expect(run.tokensIn - billed.tokensIn).toBe(transcriptTokens(run.transcript));
        expect(run.tokensOut).toBeGreaterThan(billed.tokensOut);
      }
    }
  });

  it('gives the target the same slips whatever it is handed', () => {
    const targetPlan = slipAt(6, { kind: 'wrongOperator', operator: task.chain[6]!.operator === '+' ? '-' : '+' });
    for (const kind of ['restart', 'transcript-full', 'digest'] as const) {
      const run = runTakeover(
        task,
        handLongPath(task, misled, kind, continueNote),
        kind === 'restart' ? 'redo' : 'continue',
        targetPlan,
      );
      expect(run.isCorrect, kind).toBe(false);
    }
  });
});

describe('continuing episodes', () => {
  it('trains only on the continuation after the note, which is sound', () => {
    const episode = continueEpisode(task, misled());
    expect(episode.isCorrect).toBe(true);
    expect(episode.transcript.messages[episode.trainedFrom! - 1]).toBe(continueNote);
    const rendered = renderTranscript(episode.transcript, { trainedFrom: episode.trainedFrom });
    expect(
      rendered.pieces.some(
        (piece) => piece.kind === 'text' && piece.author === 'model' && piece.text.includes('Checked: 1 of 5'),
      ),
    ).toBe(true);
    function misled() {
      return sourceWith(slipAt(1, { kind: 'skippedStep' }));
    }
  });

  it('generates a seeded mix of ideal paths and right continuations', () => {
    const episodes = generateLongEpisodes({ seed: 5, count: 200, sourceRates: { easy: 0.1, hard: 0.3 } });
    expect(episodes.every((episode) => episode.isCorrect)).toBe(true);
    const takeovers = episodes.filter((episode) => episode.trainedFrom !== undefined);
    expect(takeovers.length / episodes.length).toBeGreaterThan(0.45);
    expect(takeovers.length / episodes.length).toBeLessThan(0.75);
    expect(
      generateLongEpisodes({ seed: 5, count: 20, sourceRates: { easy: 0.1, hard: 0.3 } }).map((e) => e.transcript),
    ).toEqual(episodes.slice(0, 20).map((e) => e.transcript));
  });
});
