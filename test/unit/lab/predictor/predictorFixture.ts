import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import { makeRun, makeStep, makeTrajectory } from '../../predictor/makeTrajectory.ts';

/**
 * Two kinds of task, every task of a kind identical to the others apart from its id, so any
 * deterministic model gives all tasks of a kind one score:
 * - `agreeing`: five runs make the same two lookups and all answer `Foo.bar`;
 * - `scattered`: each run looks up and answers a method of its own (five different answers).
 * `label` says whether the task failed (the positive class), independently of its kind.
 */
export function fixtureTask(id: string, kind: 'agreeing' | 'scattered', isFailure: boolean): Trajectory {
  const runs = Array.from({ length: 5 }, (_, index) => {
    const method = kind === 'agreeing' ? 'org.example.Foo.bar' : `org.example.Class${index}.method${index}`;
    const steps = [
      makeStep({ args: { signature: `${method}()` } }),
      makeStep({ args: { signature: kind === 'agreeing' ? 'org.example.Foo.baz()' : `${method}Helper()` } }),
    ];
    return makeRun(index + 1, steps, method.replace('org.example.', ''), !isFailure);
  });
  return makeTrajectory(runs, { task: `d4j/${id}`, success: !isFailure });
}

/** `count` tasks of a kind and label, ids `${prefix}0`, `${prefix}1`, ... */
export function fixtureTasks(prefix: string, count: number, kind: 'agreeing' | 'scattered', isFailure: boolean) {
  return Array.from({ length: count }, (_, index) => fixtureTask(`${prefix}${index}`, kind, isFailure));
}

/** Training tasks: 10 agreeing successes, 10 scattered failures (the kinds separate the labels). */
export const trainingTasks: Trajectory[] = [
  ...fixtureTasks('TrainOk_', 10, 'agreeing', false),
  ...fixtureTasks('TrainFail_', 10, 'scattered', true),
];

/**
 * Test tasks: 6 agreeing successes, 3 scattered failures, and 1 agreeing failure no model can
 * tell from a success (label noise). Failure rate 4/10.
 */
export const testTasks: Trajectory[] = [
  ...fixtureTasks('TestOk_', 6, 'agreeing', false),
  ...fixtureTasks('TestFail_', 3, 'scattered', true),
  fixtureTask('TestHiddenFail_0', 'agreeing', true),
];
