import { handoverKinds, type HandoverKind } from '#core/agent/handover.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { frontierArea, type CostQualityPoint } from '#lab/policy/costQualityFrontier.ts';
import type { BranchName, BranchOutcome, PolicyBenchTask } from './runPolicyBranches.ts';
import { handoverRescues, ownHandover, withHandover, type HandoverRescue } from './benchPolicyHandover.ts';
import { bestOfOracleHotswap, oracleHotswap } from './policyOracle.ts';

/**
 * What a local token (read or written) costs when local compute is counted, in USD per million:
 * a 120 W workstation at 0.25 USD per kWh running a real small model on this machine's 2 cores.
 * bench:inference on qwen2.5-0.5b Q4_0 decoded 21.17 tokens per wall second with 5 paths (each
 * reading a 500-token prompt and writing 128; docs/BENCHMARKS.md, issue 18), i.e. 103.9 tokens
 * read or written per second: 1e6 / 103.9 s x 0.12 kW x 0.25 USD/kWh / 3600 s/h = 0.080 USD.
 */
export const localUsdPerMillion = 0.08;

/** One row of the live policy table. */
export type PolicyBenchRow = {
  /**
   * `always-local`, `target-one-path`, `target-vote`, `handover:<kind>`, `policy@<point>`,
   * `random@<point>`, `oracle`, `oracle-best-of`, and any local variant the tasks carry (`prune@<point>`, `esc`).
   */
  readonly name: string;
  /** Share of the tasks solved, 0..1 (expected share for target-one-path and random rows). */
  readonly success: number;
  /** The cloud bill in USD, local compute at 0. */
  readonly costUsd: number;
  /** costUsd / target-one-path's costUsd; null when that is 0 (nothing was sent). */
  readonly costRelative: number | null;
  /** Tokens the local model read and wrote. */
  readonly localTokens: number;
  /** costUsd plus localTokens at the local price (summary's `localUsdPerMillion`). */
  readonly costWithLocalUsd: number;
  /** costWithLocalUsd / target-one-path's costWithLocalUsd. */
  readonly costRelativeWithLocal: number | null;
  /** The measured time of the parts this row is made of (checkpoint leg plus the branch taken), summed over tasks. */
  readonly wallSeconds: number;
  /** % of the tasks escalated (rows that escalate at the checkpoint). */
  readonly escalatedPct?: number;
  /**
   * Share of the tasks the source's vote failed that this row's escalation turned into successes
   * (rows that escalate at the checkpoint); null when the source failed none.
   */
  readonly rescueRate?: number | null;
  /**
   * Share of the escalated tasks whose source vote failed and the escalation succeeded (the paper's
   * "predicted failures rescued" reading); null when nothing was escalated.
   */
  readonly rescuedOfEscalated?: number | null;
};

/** The live table and the frontier areas. */
export type PolicyBenchSummary = {
  readonly tasks: number;
  /** Tasks where a decision was taken at the checkpoint. */
  readonly checkpoints: number;
  /** Tasks the source's vote failed, and how many of them reached the checkpoint (only those can be rescued). */
  readonly sourceFailures: { readonly all: number; readonly atCheckpoint: number };
  readonly rows: readonly PolicyBenchRow[];
  /** The denominator of costRelative: target-one-path's bill in USD. */
  readonly onePathUsd: number;
  /** The price local tokens are counted at in the `WithLocal` columns. */
  readonly localUsdPerMillion: number;
  /** Random draws each random@ row averages. */
  readonly randomDraws: number;
  /** Area under the frontier of always-local plus the policy points, success over costRelative 0..1 (see frontierArea). */
  readonly frontierArea: number;
  /** The same area for the random rows and the oracle (`oracle`, not `oracle-best-of`). */
  readonly frontierAreas: { readonly policy: number; readonly random: number; readonly oracle: number };
  /** The handover the policy@ and random@ rows' hotswaps used; null when the tasks do not tell. */
  readonly policyHandover: HandoverKind | null;
  /** Each measured handover kind per rescued task (success, USD and target tokens per rescue). */
  readonly handoverRescues: readonly HandoverRescue[];
};

/** Options of {@link summarizePolicyBench}. */
export type SummarizePolicyBenchOptions = {
  /** Defaults to {@link localUsdPerMillion}. */
  readonly localUsdPerMillion?: number;
  /** Random escalations averaged per random@ row. Defaults to 20. */
  readonly randomDraws?: number;
  /** Seeds the random escalations. Defaults to 19. */
  readonly randomSeed?: number;
  /**
   * The handover the policy@ and random@ rows' hotswaps use, taken from each task's measured
   * `handover:<kind>` outcome (withHandover). Defaults to the run's own. Throws InvalidRequestError
   * when the tasks cannot tell.
   */
  readonly policyHandover?: HandoverKind;
};

/** One measured ending a row takes on a task, with its weight (1, or a share for averaged rows). */
type Part = {
  readonly weight: number;
  readonly outcome: Pick<BranchOutcome, 'isCorrect' | 'costUsd' | 'localTokens' | 'milliseconds'>;
  /** Whether the checkpoint leg is part of this ending (every branch from the checkpoint). */
  readonly fromCheckpoint: boolean;
  readonly isEscalation: boolean;
};

const isHotswap = (branch: BranchName): boolean => branch === 'parallel' || branch === 'selective';

/**
 * Turns the measured branches into one table with one denominator, target-one-path's bill. Every
 * row is, task by task, measured endings: always-local the source's vote, target-one-path each
 * target path alone (averaged over the R paths: the expected figures of one path), target-vote
 * the target's R paths, `handover:<kind>` the selective hotswap of every task at the checkpoint
 * with that handover (`handover:restart` is routing the task to the target there), `policy@p` the
 * branch the point decided. `random@p` escalates randomly chosen checkpoint tasks, by the point's
 * own hotswap modes, until it has spent what the point spent (see randomShares), averaged over
 * `randomDraws` draws of a seeded generator. The `oracle` is a perfect failure predictor: it
 * escalates exactly the checkpoint tasks the source's vote failed, each by the selective hotswap
 * with the policy's handover, whatever its ending; `oracle-best-of` also picks, after seeing them,
 * the cheapest measured hotswap that fixed the task (an upper bound; see policyOracle.ts).
 */
export function summarizePolicyBench(
  tasks: readonly PolicyBenchTask[],
  options: SummarizePolicyBenchOptions = {},
): PolicyBenchSummary {
  const localPrice = (options.localUsdPerMillion ?? localUsdPerMillion) / 1e6;
  const randomDraws = options.randomDraws ?? 20;
  const reached = tasks.filter((task) => task.checkpoint.isReached);
  const sourceFailures = tasks.filter((task) => !task.branches.continue.isCorrect);
  const policyHandover = options.policyHandover ?? ownHandover(tasks);
  const rebased = options.policyHandover === undefined ? { tasks } : withHandover(tasks, options.policyHandover);
  if ('refusal' in rebased) throw new InvalidRequestError(rebased.refusal);
  const byId = new Map(rebased.tasks.map((task) => [task.taskId, task]));
  // The task as the policy rows see it: its hotswap branches with the policy's handover.
  const policyTask = (task: PolicyBenchTask): PolicyBenchTask => byId.get(task.taskId) ?? task;
  const branchPart = (task: PolicyBenchTask, branch: BranchName, weight = 1): Part[] => {
    const outcome = task.branches[branch];
    return outcome === undefined ? [] : [{ weight, outcome, fromCheckpoint: true, isEscalation: isHotswap(branch) }];
  };
  const whole = (outcome: Part['outcome'], weight = 1): Part => ({
    weight,
    outcome,
    fromCheckpoint: false,
    isEscalation: false,
  });

  const measure = (name: string, partsOf: (task: PolicyBenchTask) => Part[], isEscalating: boolean) => {
    let success = 0;
    let cost = 0;
    let localTokens = 0;
    let milliseconds = 0;
    let escalated = 0;
    let rescued = 0;
    for (const task of tasks) {
      for (const { weight, outcome, fromCheckpoint, isEscalation } of partsOf(task)) {
        const solved = weight * (outcome.isCorrect ? 1 : 0);
        success += solved;
        cost += weight * (outcome.costUsd + (fromCheckpoint ? task.checkpoint.costUsd : 0));
        localTokens += weight * (outcome.localTokens + (fromCheckpoint ? task.checkpoint.localTokens : 0));
        milliseconds += weight * (outcome.milliseconds + (fromCheckpoint ? task.checkpoint.milliseconds : 0));
        if (isEscalation) {
          escalated += weight;
          if (!task.branches.continue.isCorrect) rescued += solved;
        }
      }
    }
    return {
      name,
      success: tasks.length === 0 ? 0 : success / tasks.length,
      costUsd: cost,
      localTokens,
      wallSeconds: milliseconds / 1000,
      ...(isEscalating
        ? {
            escalatedPct: tasks.length === 0 ? 0 : (100 * escalated) / tasks.length,
            rescueRate: sourceFailures.length === 0 ? null : rescued / sourceFailures.length,
            rescuedOfEscalated: escalated === 0 ? null : rescued / escalated,
          }
        : {}),
    };
  };

  const onePath = measure(
    'target-one-path',
    (task) => targetPathParts(task).map((part) => whole(part, part.weight)),
    false,
  );
  const denominator = onePath.costUsd + onePath.localTokens * localPrice;
  const relative = (value: number, of: number): number | null => (of > 0 ? value / of : null);
  const finish = (measured: ReturnType<typeof measure>): PolicyBenchRow => {
    const withLocal = measured.costUsd + measured.localTokens * localPrice;
    return {
      ...measured,
      costRelative: relative(measured.costUsd, onePath.costUsd),
      costWithLocalUsd: withLocal,
      costRelativeWithLocal: relative(withLocal, denominator),
    };
  };
  const rowOf = (name: string, partsOf: (task: PolicyBenchTask) => Part[], isEscalating: boolean): PolicyBenchRow =>
    finish(measure(name, partsOf, isEscalating));

  const rows: PolicyBenchRow[] = [rowOf('always-local', (task) => branchPart(task, 'continue'), false)];
  // Local-only variants (issue 19 item 6: prune@<point>, esc), each a whole run of its own; a task
  // measured without one counts as always-local.
  const variants = [...new Set(tasks.flatMap((task) => Object.keys(task.localVariants ?? {})))];
  for (const variant of variants)
    rows.push(
      rowOf(
        variant,
        (task) => {
          const outcome = task.localVariants?.[variant];
          return outcome === undefined ? branchPart(task, 'continue') : [whole(outcome)];
        },
        false,
      ),
    );
  rows.push(finish(onePath));
  rows.push(rowOf('target-vote', (task) => [whole(task.target)], false));
  for (const kind of handoverKinds.filter((name) => tasks.some((task) => task.handovers?.[name] !== undefined)))
    rows.push(
      rowOf(
        `handover:${kind}`,
        (task) => {
          const outcome = task.handovers?.[kind];
          if (!task.checkpoint.isReached || outcome === undefined) return branchPart(task, 'continue');
          return [{ weight: 1, outcome, fromCheckpoint: true, isEscalation: true }];
        },
        true,
      ),
    );
  const policyRows: PolicyBenchRow[] = [];
  const randomRows: PolicyBenchRow[] = [];
  for (const point of operatingPointNames) {
    const policy = rowOf(`policy@${point}`, (task) => branchPart(policyTask(task), task.decisions[point]), true);
    const shares = randomShares(
      reached.map(policyTask),
      (task) => task.decisions[point],
      randomDraws,
      options.randomSeed ?? 19,
    );
    const random = rowOf(
      `random@${point}`,
      (task) =>
        [...(shares.get(task.taskId) ?? new Map<BranchName, number>([['continue', 1]]))].flatMap(([branch, weight]) =>
          branchPart(policyTask(task), branch, weight),
        ),
      true,
    );
    policyRows.push(policy);
    randomRows.push(random);
    rows.push(policy, random);
  }
  // The task goes on locally where an oracle takes no hotswap (policyOracle.ts).
  const oracleRow = (name: string, hotswapOf: (task: PolicyBenchTask) => BranchOutcome | null): PolicyBenchRow =>
    rowOf(
      name,
      (task) => {
        const hotswap = hotswapOf(task);
        return hotswap === null
          ? branchPart(task, 'continue')
          : [{ weight: 1, outcome: hotswap, fromCheckpoint: true, isEscalation: true }];
      },
      true,
    );
  const oracle = oracleRow('oracle', (task) => oracleHotswap(policyTask(task)));
  rows.push(oracle, oracleRow('oracle-best-of', bestOfOracleHotswap));

  const point = (row: PolicyBenchRow): CostQualityPoint[] =>
    row.costRelative === null ? [] : [{ cost: row.costRelative, quality: row.success }];
  const areaOf = (more: readonly PolicyBenchRow[]): number =>
    frontierArea([rows[0] as PolicyBenchRow, ...more].flatMap(point));
  const frontierAreas = { policy: areaOf(policyRows), random: areaOf(randomRows), oracle: areaOf([oracle]) };
  return {
    tasks: tasks.length,
    checkpoints: reached.length,
    sourceFailures: {
      all: sourceFailures.length,
      atCheckpoint: sourceFailures.filter((task) => task.checkpoint.isReached).length,
    },
    rows,
    onePathUsd: onePath.costUsd,
    localUsdPerMillion: localPrice * 1e6,
    randomDraws,
    frontierArea: frontierAreas.policy,
    frontierAreas,
    policyHandover,
    handoverRescues: handoverRescues(tasks),
  };
}

/**
 * Each target path alone, weighted 1/R: the expected figures of a task given one target path. A
 * task recorded without its paths counts its vote instead.
 */
function targetPathParts(task: PolicyBenchTask): (Part['outcome'] & { weight: number })[] {
  const paths = task.target.paths ?? [];
  if (paths.length === 0) return [{ ...task.target, weight: 1 }];
  const share = 1 / paths.length;
  return paths.map((path) => ({
    weight: share,
    isCorrect: path.isCorrect,
    costUsd: path.costUsd,
    localTokens: path.localTokens ?? 0,
    milliseconds: task.target.milliseconds,
  }));
}

/**
 * For each checkpoint task, the share of `draws` random escalations that gave it each branch. A
 * draw walks the checkpoint tasks in a random order and escalates each, by the point's own
 * escalations in a random order (cycled), until it has spent what the point spent on the cloud
 * (the last one may go past it); the other tasks go on locally. The same generator seed for every
 * point, so the rows do not depend on their order.
 */
function randomShares(
  reached: readonly PolicyBenchTask[],
  decisionOf: (task: PolicyBenchTask) => BranchName,
  draws: number,
  seed: number,
): Map<string, Map<BranchName, number>> {
  const random = createRandom(seed);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const shuffled = [...items];
    for (let index = shuffled.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
    }
    return shuffled;
  };
  // What escalating a task by a branch adds to the bill, over going on locally.
  const extra = (task: PolicyBenchTask, branch: BranchName): number =>
    (task.branches[branch]?.costUsd ?? 0) - task.branches.continue.costUsd;
  const escalations = reached.map(decisionOf).filter(isHotswap);
  const spend = reached.reduce(
    (sum, task) => sum + (isHotswap(decisionOf(task)) ? extra(task, decisionOf(task)) : 0),
    0,
  );
  const shares = new Map(reached.map((task) => [task.taskId, new Map<BranchName, number>()]));
  const add = (task: PolicyBenchTask, branch: BranchName): void => {
    const taskShares = shares.get(task.taskId) as Map<BranchName, number>;
    taskShares.set(branch, (taskShares.get(branch) ?? 0) + 1 / draws);
  };
  for (let draw = 0; draw < draws; draw += 1) {
    const modes = shuffle(escalations);
    let spent = 0;
    let escalated = 0;
    for (const task of shuffle(reached)) {
      const mode = modes[escalated % Math.max(1, modes.length)];
      if (mode === undefined || spent >= spend || task.branches[mode] === undefined) {
        add(task, 'continue');
        continue;
      }
      spent += extra(task, mode);
      escalated += 1;
      add(task, mode);
    }
  }
  return shares;
}
