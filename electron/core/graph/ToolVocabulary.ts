import type { Trajectory } from '#core/trajectory/Trajectory.ts';

/**
 * The tool names a predictor was trained on, in a fixed (sorted) order, plus one "other" slot
 * for any tool it has not seen. Decides the one-hot part of a step embedding.
 */
export class ToolVocabulary {
  /** The known tools, sorted. */
  readonly tools: readonly string[];
  readonly #indexes: ReadonlyMap<string, number>;

  constructor(tools: Iterable<string>) {
    this.tools = [...new Set(tools)].sort();
    this.#indexes = new Map(this.tools.map((tool, index) => [tool, index]));
  }

  /** The vocabulary of every tool called in `trajectories` (the training data). */
  static fromTrajectories(trajectories: Iterable<Trajectory>): ToolVocabulary {
    const tools = new Set<string>();
    for (const trajectory of trajectories) {
      for (const run of trajectory.runs) {
        for (const step of run.steps) tools.add(step.tool);
      }
    }
    return new ToolVocabulary(tools);
  }

  /** Number of one-hot slots: the known tools and "other". */
  get size(): number {
    return this.tools.length + 1;
  }

  /** The slot of `tool`; the last slot ("other") for a tool not in the vocabulary. */
  indexOf(tool: string): number {
    return this.#indexes.get(tool) ?? this.tools.length;
  }
}
