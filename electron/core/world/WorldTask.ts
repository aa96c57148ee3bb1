/** The operators a task uses; `/` is left to the calculator (a model may try it) but never generated. */
export type TaskOperator = '+' | '-' | '*';

/** How hard a task is: more operators need more calls, larger operands are harder to copy. */
export type WorldDifficulty = {
  /** 1 to 3. */
  readonly operators: number;
  /** Operands are drawn from 2 to this, inclusive (never 0 or 1, so every perturbation changes the answer). */
  readonly maxOperand: number;
};

/** One arithmetic task with a checkable answer. */
export type WorldTask = {
  /** `calc-{seed}-{index}`. */
  readonly id: string;
  /** What the user asks, e.g. "What is 98+27*38?". */
  readonly question: string;
  /** The expression alone, e.g. "98+27*38". */
  readonly expression: string;
  readonly operands: readonly number[];
  readonly operators: readonly TaskOperator[];
  readonly difficulty: WorldDifficulty;
  /** Tool calls allowed: one per operator plus the generator's slack. */
  readonly stepBudget: number;
  readonly answer: number;
  /** Whether an answer text states the right number (see `verifyAnswer`); null (no answer) fails. */
  readonly verify: (answerText: string | null) => boolean;
};
