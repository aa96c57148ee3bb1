import type { ChatHistoryItem } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { fromChatHistory } from '#core/llm/chat/fromChatHistory.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import { generateWorldEpisodes, policyMixes } from '#lab/world/generateWorldEpisodes.ts';
import { exampleTranscript } from './exampleTranscript.ts';

describe('toChatHistory', () => {
  it('makes one model response per turn: text, then each call with its result', () => {
    const { chatHistory, functions } = toChatHistory(exampleTranscript);
    expect(chatHistory).toEqual([
      { type: 'system', text: 'Use calc per operation. Answer with the number.' },
      { type: 'user', text: 'What is 98+27*38?' },
      {
        type: 'model',
        response: [
          { type: 'functionCall', name: 'calc', params: { expr: '27*38' }, result: 1026, startsNewChunk: true },
          { type: 'functionCall', name: 'calc', params: { expr: '98+1026' }, result: 1124, startsNewChunk: true },
          '1124',
        ],
      },
    ]);
    expect(functions).toEqual({
      calc: {
        description: 'integer arithmetic',
        params: { type: 'object', properties: { expr: { type: 'string' } } },
      },
    });
  });
});

describe('fromChatHistory', () => {
  it('round-trips every world transcript', () => {
    for (const episode of generateWorldEpisodes({ seed: 4, count: 200, policyMix: policyMixes.weak })) {
      const { chatHistory, functions } = toChatHistory(episode.transcript);
      expect(fromChatHistory(chatHistory, functions)).toEqual(episode.transcript);
    }
  });

  it('reads what a session records: text around calls, several turns, special-token system text, thoughts', () => {
    const history: ChatHistoryItem[] = [
      {
        type: 'system',
        text: ['Be ', { type: 'specialTokensText', value: 'brief' }, { type: 'specialToken', value: 'EOS' }],
      },
      { type: 'user', text: 'Hi' },
      {
        type: 'model',
        response: [
          { type: 'segment', segmentType: 'thought', text: 'hmm', ended: true },
          'Let me see. ',
          { type: 'functionCall', name: 'calc', params: { expr: '1+1' }, result: 2, rawCall: 'x' },
          { type: 'functionCall', name: 'now', params: undefined, result: undefined },
          'Two.',
        ],
      },
      { type: 'user', text: 'Bye' },
      { type: 'model', response: [] },
    ];
    const transcript = fromChatHistory(history, { now: { description: 'the time' } });
    expect(transcript).toEqual({
      tools: [{ name: 'now', description: 'the time', parameters: null }],
      messages: [
        { role: 'system', text: 'Be brief' },
        { role: 'user', text: 'Hi' },
        {
          role: 'assistant',
          text: 'Let me see. ',
          toolCalls: [{ id: 'call-1', name: 'calc', arguments: { expr: '1+1' } }],
        },
        { role: 'tool', callId: 'call-1', name: 'calc', result: 2 },
        { role: 'assistant', text: '', toolCalls: [{ id: 'call-2', name: 'now', arguments: {} }] },
        { role: 'tool', callId: 'call-2', name: 'now', result: null },
        { role: 'assistant', text: 'Two.', toolCalls: [] },
        { role: 'user', text: 'Bye' },
      ],
    });
    expect(renderTranscript(transcript).text).toBe(
      '<s>S: Be brief\nT: now() - the time\nU: Hi\nA: Let me see. [[call: calc({"expr": "1+1"})]]\n[[result: 2]]\n' +
        '[[call: now()]]\n[[result: null]]\nTwo.</s>\nU: Bye\n',
    );
  });

  it('groups calls node-llama-cpp marks as one parallel chunk', () => {
    const call = (expr: string, startsNewChunk?: true) => ({
      type: 'functionCall' as const,
      name: 'calc',
      params: { expr },
      result: 1,
      ...(startsNewChunk ? { startsNewChunk } : {}),
    });
    const transcript = fromChatHistory([{ type: 'model', response: [call('1', true), call('2'), call('3', true)] }]);
    expect(
      transcript.messages.map((message) => (message.role === 'assistant' ? message.toolCalls.length : 'tool')),
    ).toEqual([2, 'tool', 'tool', 1, 'tool']);
    expect(toChatHistory(transcript).chatHistory).toEqual([
      { type: 'model', response: [call('1', true), call('2'), call('3', true)] },
    ]);
  });
});
