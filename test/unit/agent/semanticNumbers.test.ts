import { describe, expect, it } from 'vitest';
import { finalNumbers, groupAnswers, semanticVote } from '#core/agent/semanticVote.ts';

const same = new Float32Array([1, 0, 0]);

describe('final numbers in the vote by meaning', () => {
  it('reads the numbers of the last sentence only', () => {
    expect(finalNumbers('3 weeks is 21 days. 21 is more than 20. So the larger one is 3 weeks')).toBe('3');
    expect(finalNumbers('In days that is 25')).toBe('25');
    expect(finalNumbers('The price went up. It is 1,000 or 3.5 per unit now.')).toBe('1000,3.5');
    expect(finalNumbers('No numbers here. None at all.')).toBeNull();
  });

  it('keeps answers with different final numbers apart even when their vectors are identical', () => {
    const answers = [
      'In days that is 25',
      'The number of days is 25',
      'In days that is 26',
      'Counted in days it comes to 25',
    ];
    const groups = groupAnswers(answers, [same, same, same, same], { threshold: 0.5 });
    expect(groups.map((group) => group.paths)).toEqual([[0, 1, 3], [2]]);
    expect(semanticVote(answers, [same, same, same, same]).tally[0]?.paths).toEqual([0, 1, 3]);
  });

  it('an answer without a final number may join either side; off, the vectors alone decide', () => {
    const answers = ['So in days the answer is 25', 'The count in days is twenty-five days', 'In days that is 26'];
    const vectors = [new Float32Array([1, 0]), new Float32Array([1, 0.02]), new Float32Array([1, 0.1])];
    expect(groupAnswers(answers, vectors, { threshold: 0.9 }).map((group) => group.paths)).toEqual([[0, 1], [2]]);
    expect(
      groupAnswers(answers, vectors, { threshold: 0.9, numbersMustMatch: false }).map((group) => group.paths),
    ).toEqual([[0, 1, 2]]);
  });
});
