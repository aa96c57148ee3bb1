// The stated rule a follow-up's context follows (fitConversation.ts): earlier turns newest first,
// each whole or not at all, up to the context size less the room a path keeps for its own work;
// the system prompt and the question always stay; and the second half (keepWithinContext.ts), a
// path's oldest carried turn dropped when its own work fills the context. `measure` here counts words, a stand-in for a
// tokenizer with a known answer; test/model/longThread.test.ts runs the rule with the fixture
// model's own tokenizer on a real thread.
import { describe, expect, it } from 'vitest';
import { fitConversation, workRoom, type ConversationTurn } from '#core/agent/fitConversation.ts';
import { dropOldestTurn } from '#core/agent/keepWithinContext.ts';
import type { Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';

/** One "token" per word of every message. */
function words(transcript: Transcript): number {
  return transcript.messages
    .map((message) => ('text' in message ? message.text : ''))
    .join(' ')
    .split(/\s+/)
    .filter((word) => word !== '').length;
}

const start: Transcript = {
  tools: [],
  messages: [
    { role: 'system', text: 'Be brief.' },
    { role: 'user', text: 'And now?' },
  ],
};

/** Turn `n`: a question and an answer of three words each. */
function turn(n: number): ConversationTurn {
  return { question: `question number ${n}`, answer: `answer number ${n}` };
}

describe('fitConversation', () => {
  it('carries every turn that fits, as user and assistant messages between the system prompt and the question', () => {
    const fit = fitConversation(start, [turn(1), turn(2)], { contextSize: 100, maxTokens: 10, measure: words });
    expect(fit).toEqual({
      history: [
        { role: 'user', text: 'question number 1' },
        { role: 'assistant', text: 'answer number 1', toolCalls: [] },
        { role: 'user', text: 'question number 2' },
        { role: 'assistant', text: 'answer number 2', toolCalls: [] },
      ],
      carriedTurns: 2,
      leftOutTurns: 0,
      promptTokens: 4 + 12,
    });
  });

  it('leaves out the oldest turns first, keeping the newest that fit below the context less the work room', () => {
    const turns = Array.from({ length: 10 }, (_, index) => turn(index + 1));
    // 40 tokens of context, a path writes up to 16: 24 for the prompt, of which the start takes 4,
    // so three turns of 6 fit (22) and a fourth would not (28).
    const budget = { contextSize: 40, maxTokens: 16, measure: words };
    const fit = fitConversation(start, turns, budget);
    expect(fit.carriedTurns).toBe(3);
    expect(fit.leftOutTurns).toBe(7);
    expect(fit.promptTokens).toBe(22);
    expect(fit.history.map((message) => ('text' in message ? message.text : ''))).toEqual([
      'question number 8',
      'answer number 8',
      'question number 9',
      'answer number 9',
      'question number 10',
      'answer number 10',
    ]);
    expect(fit.promptTokens + workRoom(budget)).toBeLessThanOrEqual(budget.contextSize);
  });

  it('keeps at most half the context for the work room, so a large allowance still leaves room for turns', () => {
    expect(workRoom({ contextSize: 256, maxTokens: 256 })).toBe(128);
    expect(workRoom({ contextSize: 4096, maxTokens: 256 })).toBe(256);
    const fit = fitConversation(start, [turn(1)], { contextSize: 24, maxTokens: 256, measure: words });
    expect(fit.carriedTurns).toBe(1);
  });

  it('carries nothing older once a turn does not fit: no holes in the conversation', () => {
    const long = { question: 'a very long question that takes many many words to say', answer: 'yes' };
    const fit = fitConversation(start, [turn(1), long, turn(3)], { contextSize: 30, maxTokens: 10, measure: words });
    expect(fit.carriedTurns).toBe(1);
    expect(fit.leftOutTurns).toBe(2);
    expect(fit.history[0]).toEqual({ role: 'user', text: 'question number 3' });
  });

  it('keeps the question and the system prompt even when they alone do not fit', () => {
    const fit = fitConversation(start, [turn(1)], { contextSize: 6, maxTokens: 4, measure: words });
    expect(fit).toEqual({ history: [], carriedTurns: 0, leftOutTurns: 1, promptTokens: 4 });
  });
});

describe('dropOldestTurn', () => {
  it("drops a path's oldest carried turn, found by identity, and says how many are left", () => {
    const history: TranscriptMessage[] = [
      { role: 'user', text: 'question number 1' },
      { role: 'assistant', text: 'answer number 1', toolCalls: [] },
      { role: 'user', text: 'question number 2' },
      { role: 'assistant', text: 'answer number 2', toolCalls: [] },
    ];
    const carried = new Set(history);
    const work: TranscriptMessage = {
      role: 'assistant',
      text: '',
      toolCalls: [{ id: 'call-1', name: 'calc', arguments: {} }],
    };
    // An equal but different message is the path's own, not a carried turn.
    const ownCopy: TranscriptMessage = { role: 'user', text: 'question number 1' };
    const transcript: Transcript = {
      tools: [],
      messages: [start.messages[0]!, ...history, ownCopy, start.messages[1]!, work],
    };
    const once = dropOldestTurn(transcript, carried);
    expect(once?.remainingTurns).toBe(1);
    expect(once?.transcript.messages).toEqual([
      start.messages[0],
      ...history.slice(2),
      ownCopy,
      start.messages[1],
      work,
    ]);
    const twice = dropOldestTurn(once!.transcript, carried);
    expect(twice?.remainingTurns).toBe(0);
    expect(twice?.transcript.messages).toEqual([start.messages[0], ownCopy, start.messages[1], work]);
    expect(dropOldestTurn(twice!.transcript, carried)).toBeNull();
  });
});
