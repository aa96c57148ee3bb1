import { describe, expect, it } from 'vitest';
import { isWellFormedAnswer, majorityVote, normalizeAnswer, taskVote } from '#core/agent/vote.ts';

describe('the vote', () => {
  it('normalises numbers, case, spaces and a final full stop', () => {
    expect(normalizeAnswer(' 1,124. ')).toBe('1124');
    expect(normalizeAnswer('1124.0')).toBe('1124');
    expect(normalizeAnswer('The  Answer is Paris.')).toBe('the answer is paris');
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
