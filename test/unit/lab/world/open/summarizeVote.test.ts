import { describe, expect, it } from 'vitest';
import { summarizeVote, type VoteTaskRecord } from '#lab/world/open/benchVote.ts';
import { generateOpenTasks, type OpenTask } from '#lab/world/open/openTasks.ts';

const tasks = generateOpenTasks({ seed: 11, count: 40 }).filter((task) => task.kind === 'convert');
const unit = (angle: number): Float32Array => new Float32Array([Math.cos(angle), Math.sin(angle)]);

/** Five paths: those in `right` state the value in different wordings (vectors near each other), the rest a wrong value each. */
function record(task: OpenTask, right: readonly number[], rescued: boolean | null): VoteTaskRecord {
  const wordings = [
    (value: number) => `In ${task.pair.small} that is ${value}`,
    (value: number) => `The number of ${task.pair.small} is ${value}`,
    (value: number) => `Counted in ${task.pair.small} it comes to ${value}`,
    (value: number) => `The total in ${task.pair.small} is ${value}`,
    (value: number) => `So in ${task.pair.small} the answer is ${value}`,
  ];
  const answers = wordings.map((word, path) => (right.includes(path) ? word(task.value) : word(task.value + path + 1)));
  const vectors = answers.map((_, path) => (right.includes(path) ? unit(0.01 * path) : unit(0.6 * path + 0.6)));
  const atCheckpoint = answers.map((_, path) => ({
    answer: null,
    calls: [{ name: 'calc', arguments: { expr: right.includes(path) ? (task.expression ?? '') : `${path}*2` } }],
  }));
  return { task, answers, vectors, atCheckpoint, rescued };
}

describe('summarizeVote', () => {
  it('joins wordings of the right value by meaning where exact strings split them, and ranks failures by agreement', () => {
    const [a, b, c, d] = tasks;
    if (a === undefined || b === undefined || c === undefined || d === undefined) throw new Error('four tasks');
    // a: paths 0-2 right; b: paths 1-3 right (path 0 wrong); c: path 0 alone right; d: none right.
    const records = [
      record(a, [0, 1, 2], null),
      record(b, [1, 2, 3], true),
      record(c, [0], null),
      record(d, [], false),
    ];
    const { result, agreementAurocExact } = summarizeVote(records, 0.9);
    expect(result.tasks).toBe(4);
    expect(result.singlePath).toBe(0.5);
    // Every answer is a different string: the exact vote falls to path 0 (lowest index) on the tie.
    expect(result.exactVote).toBe(0.5);
    // By meaning: a and b win 3-1-1; c's lone right answer ties with lone wrong ones and path 0 wins; d fails.
    expect(result.semanticVote).toBe(0.75);
    // The checkpoint sees calls only: d (agreement 1/5) ranks above a and b (3/5) and ties with c (1/5).
    expect(result.agreementAuroc).toBeCloseTo(5 / 6, 10);
    expect(agreementAurocExact).toBe(result.agreementAuroc);
    expect(result.hotswapRescueRate).toBe(0.5);
  });

  it('a wrong value in a majority wins by meaning', () => {
    const [a] = tasks;
    if (a === undefined) throw new Error('a task');
    const wrongMajority: VoteTaskRecord = {
      ...record(a, [0, 1], null),
      answers: [
        `In ${a.pair.small} that is ${a.value}`,
        ...Array.from(
          { length: 4 },
          (_, path) => `The number of ${a.pair.small} is ${a.value + 1} ${'!'.repeat(path)}`,
        ),
      ],
      vectors: [unit(1.5), unit(0), unit(0.01), unit(0.02), unit(0.03)],
    };
    expect(summarizeVote([wrongMajority], 0.9).result.semanticVote).toBe(0);
  });
});
