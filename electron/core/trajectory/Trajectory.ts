/**
 * One task instance with its self-consistency runs, in the neutral shape the predictor works on.
 * Recorded agent runs (../shared/data, TRAJECTORIES.md) and the app's own runs from SQLite are both
 * read into this type.
 */
export type Trajectory = {
  /** Unique id of the task instance, e.g. "d4j/Chart_1". Folds split by this. */
  readonly task: string;
  readonly model: string;
  /** The label: did the self-consistency vote succeed? Null when not known (a live run). */
  readonly success: boolean | null;
  readonly runs: readonly TrajectoryRun[];
  /**
   * Where the live task took its checkpoint decision (steps per path, or complete runs in the
   * sequential strategy): the app's own recorded tasks only; null when it took none.
   */
  readonly checkpoint?: number | null;
};

/** One self-consistency path. */
export type TrajectoryRun = {
  readonly run: number;
  readonly steps: readonly TrajectoryStep[];
  /** The run's final answer; null while it has not answered. */
  readonly answer: string | null;
  /**
   * The answer's group by meaning (agent/semanticVote.ts: the key of the group its long answer was
   * put in by embeddings), so the flow graph gives answers that say the same thing one node. Absent
   * or null (short answers, no embeddings, tasks recorded before it was kept): the graph clusters the
   * answer by its text, as always.
   */
  readonly answerGroup?: string | null;
  readonly answerTokensIn: number;
  readonly answerTokensOut: number;
  /** Did this single run succeed? Null when not known. */
  readonly success: boolean | null;
};

/** One tool call of a run. */
export type TrajectoryStep = {
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** The tool's answer (possibly truncated). */
  readonly result: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
};
