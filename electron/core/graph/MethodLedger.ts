import { answerMethods, coverageListing } from '#core/trajectory/answerMethods.ts';
import type { FlowStep } from './FlowStep.ts';

/** What the ledger needs of the graph's configuration. */
export type MethodLedgerConfig = {
  /** The tool whose results list covered methods (FlowGraphConfig.coverageTool). */
  readonly coverageTool: string;
  /** Test classes (simple names) match this regular expression (FlowGraphConfig.testClassPattern). */
  readonly testClassPattern: string;
};

/** The vote summary of a task so far; shares are over `paths`. */
export type MethodVoteSummary = {
  readonly answeredShare: number;
  /** Largest vote among covered methods / paths (AutoFL ranks only covered methods). */
  readonly coveredTopVote: number;
  /** Largest vote among all named methods / paths. */
  readonly topVote: number;
  /** (largest - second) vote among all named methods / paths. */
  readonly voteMargin: number;
  /** 1 when the method with the largest vote was listed by a coverage result. */
  readonly isTopCovered: number;
  /** Paths focused on the most common method (answer's first, else last looked-up signature) / paths. */
  readonly focusAgreement: number;
  /** Paths whose first call was answered by an error / paths. */
  readonly firstErrorShare: number;
  /** Distinct calls (tool and arguments) / calls. */
  readonly distinctCallShare: number;
  /** Most calls of any path. */
  readonly maxSteps: number;
  /** Votes for methods of test classes / paths. */
  readonly testClassVote: number;
};

type PathMethods = {
  answer: string[] | null;
  lastSignature: string | null;
  firstIsError: boolean | null;
  steps: number;
};

/**
 * AutoFL-aware bookkeeping beside the flow graph: which methods each path's answer names (as
 * `Class.method`, pathStatistics' `answerMethods`), which methods coverage results listed, and
 * what each path last looked up. From it the vote of the self-consistency runs is read the way
 * AutoFL combines them: each answer splits one vote over the methods it names.
 */
export class MethodLedger {
  readonly #config: MethodLedgerConfig;
  readonly #testClass: RegExp;
  readonly #paths = new Map<string, PathMethods>();
  readonly #covered = new Set<string>();
  readonly #calls = new Set<string>();
  #callCount = 0;

  constructor(config: MethodLedgerConfig) {
    this.#config = config;
    this.#testClass = new RegExp(config.testClassPattern);
  }

  /** Records a tool call of a path; `isError` as the graph judged its result. */
  addStep(pathId: string, step: FlowStep, isError: boolean): void {
    const path = this.#path(pathId);
    path.firstIsError ??= isError;
    path.steps++;
    this.#callCount++;
    this.#calls.add(`${step.tool} ${JSON.stringify(step.args)}`);
    const signature = step.args['signature'];
    if (typeof signature === 'string')
      path.lastSignature = answerMethods(signature, { withParameters: false })[0] ?? null;
    const className = step.args['class_name'];
    if (step.tool === this.#config.coverageTool && typeof className === 'string' && !isError)
      for (const method of coverageListing(className, step.result)) this.#covered.add(method);
  }

  /** Records a path's final answer. */
  addAnswer(pathId: string, answer: string): void {
    this.#path(pathId).answer = answerMethods(answer, { withParameters: false });
  }

  /** The vote summary, shares over `paths` (at least 1). */
  summary(paths: number): MethodVoteSummary {
    const all = this.#votes(() => true);
    const covered = this.#votes((method) => this.#covered.has(method));
    const test = this.#votes((method) => this.#testClass.test(method.split('.')[0] ?? ''));
    const states = [...this.#paths.values()];
    const focuses = new Map<string, number>();
    for (const path of states) {
      const focus = path.answer?.[0] ?? path.lastSignature;
      if (focus !== null && focus !== undefined) focuses.set(focus, (focuses.get(focus) ?? 0) + 1);
    }
    const top = all[0];
    return {
      answeredShare: states.filter((path) => path.answer !== null).length / paths,
      coveredTopVote: (covered[0]?.[1] ?? 0) / paths,
      topVote: (top?.[1] ?? 0) / paths,
      voteMargin: ((top?.[1] ?? 0) - (all[1]?.[1] ?? 0)) / paths,
      isTopCovered: top !== undefined && this.#covered.has(top[0]) ? 1 : 0,
      focusAgreement: Math.max(0, ...focuses.values()) / paths,
      firstErrorShare: states.filter((path) => path.firstIsError === true).length / paths,
      distinctCallShare: this.#callCount > 0 ? this.#calls.size / this.#callCount : 0,
      maxSteps: Math.max(0, ...states.map((path) => path.steps)),
      testClassVote: test.reduce((sum, [, vote]) => sum + vote, 0) / paths,
    };
  }

  /** Votes of the methods `isCandidate` accepts, largest first (ties: first named first). */
  #votes(isCandidate: (method: string) => boolean): [string, number][] {
    const votes = new Map<string, number>();
    for (const path of this.#paths.values()) {
      const methods = (path.answer ?? []).filter(isCandidate);
      for (const method of methods) votes.set(method, (votes.get(method) ?? 0) + 1 / methods.length);
    }
    return [...votes].sort((left, right) => right[1] - left[1]);
  }

  #path(pathId: string): PathMethods {
    let path = this.#paths.get(pathId);
    if (path === undefined) {
      path = { answer: null, lastSignature: null, firstIsError: null, steps: 0 };
      this.#paths.set(pathId, path);
    }
    return path;
  }
}
