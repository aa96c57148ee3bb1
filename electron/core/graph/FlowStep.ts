import type { TrajectoryStep } from '#core/trajectory/Trajectory.ts';

/** What the graph needs of a tool call. */
export type FlowStep = Pick<TrajectoryStep, 'tool' | 'args' | 'result'> & { readonly tokensIn?: number };
