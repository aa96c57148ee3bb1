import { describe, expect, it } from 'vitest';
import { isWellFormedAnswer, majorityVote, normalizeAnswer, taskVote } from '#core/agent/vote.ts';

describe('the vote', () => {
  it('normalises numbers, case, spaces and a final full stop', () => {
    expect(normalizeAnswer(' 1,124. ')).toBe('1124');
    expect(normalizeAnswer('1124.0')).toBe('1124');
    expect(normalizeAnswer('The  Answer is Paris.')).toBe('the answer is paris');
  });

  it('keeps every digit of a number past double precision: different long numbers never vote together', () => {
    expect(normalizeAnswer('12345678901234567890')).toBe('12345678901234567890');
    expect(normalizeAnswer('12345678901234567891')).not.toBe(normalizeAnswer('12345678901234567890'));
    expect(normalizeAnswer('9007199254740993')).toBe('9007199254740993');
    expect(normalizeAnswer('1'.repeat(400))).toBe('1'.repeat(400));
    expect(normalizeAnswer('0.1000000000000000000001')).toBe('0.1000000000000000000001');
    expect(majorityVote(['12345678901234567890', '12345678901234567891']).winner).toBe('12345678901234567890');
    // The forms that are one number still vote together.
    expect(['+0042.500', '42.5', '0,042.50'].map(normalizeAnswer)).toEqual(['42.5', '42.5', '42.5']);
    expect(['-0', '0.000', '-0.0'].map(normalizeAnswer)).toEqual(['0', '0', '0']);
    expect(normalizeAnswer('-1,000,000.')).toBe('-1000000');
  });

  it('gives a tie to the answer of the lowest path index, and ignores paths without an answer', () => {
    expect(majorityVote(['7', '9', null, '9', '7']).winner).toBe('7');
    expect(majorityVote(['9', '7', '7']).tally).toEqual([
      { answer: '7', paths: [1, 2] },
      { answer: '9', paths: [0] },
    ]);
    expect(majorityVote([null, '  ']).winner).toBeNull();
  });

  it('lets only the escalated paths vote once one of them answered', () => {
    const local = (answer: string | null) => ({ answer, isEscalated: false });
    const cloud = (answer: string | null) => ({ answer, isEscalated: true });
    const overruled = taskVote([local('5'), local('5'), cloud('8'), local('5')]);
    expect(overruled).toMatchObject({ winner: '8', isEscalatedVote: true });
    // An escalated path that gave no answer leaves the vote to everyone.
    expect(taskVote([local('5'), cloud(null), local('6'), local('5')])).toMatchObject({
      winner: '5',
      isEscalatedVote: false,
    });
  });
});

describe('isWellFormedAnswer', () => {
  it('refuses a cut-off tool call or an unclosed quote, keeps plain and whole JSON answers', () => {
    expect(['{"expr": "7', '[1, 2', 'He said "hi', '  '].map(isWellFormedAnswer)).toEqual([false, false, false, false]);
    expect(['7', '1,124 EUR', '{"total": 7}', 'the word "seven"'].map(isWellFormedAnswer)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(majorityVote(['{"expr": "7', '{"expr": "7', '9']).winner).toBe('9');
  });
});
