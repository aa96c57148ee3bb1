import type { Trajectory, TrajectoryRun, TrajectoryStep } from '#core/trajectory/Trajectory.ts';

/** A step of a test trajectory; the tool and arguments default to a code lookup. */
export function makeStep(overrides: Partial<TrajectoryStep> = {}): TrajectoryStep {
  return {
    tool: 'get_code_snippet',
    args: { signature: 'org.example.Foo.bar()' },
    result: '"10 : void bar() {}"',
    tokensIn: 1000,
    tokensOut: 20,
    ...overrides,
  };
}

/** A finished run of a test trajectory. */
export function makeRun(
  run: number,
  steps: readonly TrajectoryStep[],
  answer: string | null,
  success: boolean | null = true,
): TrajectoryRun {
  return { run, steps, answer, answerTokensIn: 2000, answerTokensOut: 15, success };
}

/** A test trajectory of the given runs. */
export function makeTrajectory(runs: readonly TrajectoryRun[], overrides: Partial<Trajectory> = {}): Trajectory {
  return { task: 'd4j/Example_1', model: 'test-model', success: true, runs, ...overrides };
}
