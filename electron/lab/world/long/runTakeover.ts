import { handOver, type HandedOver, type HandoverKind } from '#core/agent/handover.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { JsonObject, JsonValue, Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import { createWorldTools, type WorldTools } from '#core/world/createWorldTools.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import type { Episode } from '../Episode.ts';
import {
  advanceCursor,
  nextChainAction,
  soundPrefix,
  startCursor,
  type ChainCursor,
  type SlipPlan,
} from './chainSolver.ts';
import { checkedText } from './checkedText.ts';
import { messageTokens, transcriptTokens } from './countTokens.ts';
import type { LongTask } from './LongTask.ts';

/**
 * What a taker-over does with what it is handed:
 * - `redo`: solves the task again from its start (what the first world's target was trained to do);
 * - `trust`: takes every handed call as a sound step and goes on after the last one;
 * - `continue`: checks each handed call against the question and the previous sound result (the
 *   calc results are the tool's, so what can be wrong is the expression), keeps the sound prefix,
 *   says how many it kept, and goes on from the last sound step.
 */
export type TakerBehaviour = 'redo' | 'trust' | 'continue';

/** A handed call: its arguments and the tool's result. */
export type HandedCall = { readonly arguments: JsonObject; readonly result: JsonValue };

/** One taker-over's run after a handover. */
export type TakeoverRun = {
  readonly answer: string | null;
  readonly isCorrect: boolean;
  /** Calls the taker-over made itself. */
  readonly calls: number;
  /** Target input tokens summed over its requests (the handed transcript is re-read on each). */
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** Handed calls it kept as sound steps (`redo`: 0; `trust`: all). */
  readonly kept: number;
  readonly transcript: Transcript;
};

/** The start of a long task as every path and handover begins it: the world's system prompt and the question. */
export function longInitial(task: LongTask, tools: WorldTools = createWorldTools()): Transcript {
  return {
    tools: tools.definitions,
    messages: [
      { role: 'system', text: worldSystemPrompt },
      { role: 'user', text: task.question },
    ],
  };
}

/** The calls a path made before its checkpoint: floor(budget / 2), as the benches and runTask cut. */
export function checkpointCalls(task: LongTask, source: Episode): number {
  return Math.min(source.steps.length, Math.floor(task.stepBudget / 2));
}

/**
 * The engine's handover (`handOver`) of a source path at the checkpoint; with `note` the engine's
 * `handoffNote` at its end is replaced by that note (the engine's `continueNote`, for the continuing
 * variants of the other kinds; the engine's own `continue` kind already ends with it).
 */
export function handLongPath(
  task: LongTask,
  source: Episode,
  kind: HandoverKind,
  note?: TranscriptMessage,
): HandedOver {
  const handed = handOver(kind, {
    initial: longInitial(task),
    transcript: source.transcript,
    steps: checkpointCalls(task, source),
  });
  const messages = handed.transcript.messages;
  if (note === undefined || messages.at(-1) !== handoffNote) return handed;
  return { ...handed, transcript: { ...handed.transcript, messages: [...messages.slice(0, -1), note] } };
}

/** The calls a handed transcript shows after the question: executed calls with their results, or a digest's list. */
export function readHandedCalls(transcript: Transcript): HandedCall[] {
  const results = new Map<string, JsonValue>();
  for (const message of transcript.messages) if (message.role === 'tool') results.set(message.callId, message.result);
  const calls: HandedCall[] = [];
  for (const message of transcript.messages.slice(2)) {
    if (message.role === 'assistant') {
      for (const call of message.toolCalls) {
        const result = results.get(call.id);
        if (result !== undefined) calls.push({ arguments: call.arguments, result });
      }
    } else if (message.role === 'user' && message.text.startsWith('Calls so far: ')) {
      for (const match of message.text.matchAll(/calc (\{.*?\}) -> (-?\d+|"[^"]*")/g))
        calls.push({
          arguments: JSON.parse(match[1] ?? '{}') as JsonObject,
          result: JSON.parse(match[2] ?? 'null') as JsonValue,
        });
    }
  }
  return calls;
}

/** Where a taker-over starts on the chain, and how many handed calls it kept. */
function startOf(
  task: LongTask,
  calls: readonly HandedCall[],
  behaviour: TakerBehaviour,
): { cursor: ChainCursor; kept: number } {
  if (behaviour === 'redo' || calls.length === 0) return { cursor: startCursor(task), kept: 0 };
  if (behaviour === 'trust') {
    const value = (index: number): number => {
      const result = calls[index]?.result;
      return index < 0 ? task.start : typeof result === 'number' ? result : Number.NaN;
    };
    return {
      cursor: { step: calls.length, value: value(calls.length - 1), before: value(calls.length - 2) },
      kept: calls.length,
    };
  }
  const kept = soundPrefix(task, calls);
  const value = (index: number): number => (index < 0 ? task.start : (task.intermediates[index] ?? Number.NaN));
  return { cursor: { step: kept, value: value(kept - 1), before: value(kept - 2) }, kept };
}

/**
 * Runs a scripted taker-over on a handed transcript: it starts where its behaviour says, makes the
 * slips of its own `plan` on the steps it does (so the same target luck meets every handover), and
 * calls the real tools within the budget the handover grants (the whole budget, or what the source
 * left). Tokens are counted per request: the whole transcript so far in, the new message out.
 */
export function runTakeover(
  task: LongTask,
  handed: HandedOver,
  behaviour: TakerBehaviour,
  plan: SlipPlan,
  tools: WorldTools = createWorldTools(),
): TakeoverRun {
  const handedCalls = readHandedCalls(handed.transcript);
  const handedSteps = handed.transcript.messages.filter((message) => message.role === 'tool').length;
  const budget = handed.isFullBudget ? task.stepBudget : task.stepBudget - handedSteps;
  const messages = [...handed.transcript.messages];
  const start = startOf(task, handedCalls, behaviour);
  let cursor = start.cursor;
  let preface = behaviour === 'continue' && handedCalls.length > 0 ? checkedText(start.kept, handedCalls.length) : '';
  let calls = 0;
  let tokensIn = 0;
  let tokensOut = 0;
  let answer: string | null = null;
  for (;;) {
    const { action, at } = nextChainAction(task, plan, cursor);
    tokensIn += transcriptTokens({ tools: handed.transcript.tools, messages });
    const id = `call-${handedSteps + calls + 1}`;
    const message: TranscriptMessage =
      action.kind === 'answer'
        ? { role: 'assistant', text: preface === '' ? action.text : `${preface} ${action.text}`, toolCalls: [] }
        : { role: 'assistant', text: preface, toolCalls: [{ id, name: action.name, arguments: action.arguments }] };
    tokensOut += messageTokens(message);
    preface = '';
    if (action.kind === 'answer') {
      answer = message.text;
      messages.push(message);
      break;
    }
    if (calls >= budget) break;
    const result = tools.call(action.name, action.arguments);
    messages.push(message, { role: 'tool', callId: id, name: action.name, result });
    calls += 1;
    cursor = advanceCursor(at, result);
  }
  return {
    answer,
    isCorrect: task.verify(answer),
    calls,
    tokensIn,
    tokensOut,
    kept: start.kept,
    transcript: { tools: handed.transcript.tools, messages },
  };
}
