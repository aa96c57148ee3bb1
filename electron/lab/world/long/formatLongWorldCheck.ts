import type { LongWorldCheck } from './checkLongWorld.ts';

const pct = (value: number): string => `${(100 * value).toFixed(1)}%`;

/** The world check as a plain table: the world's facts, then one row per handover arm. */
export function formatLongWorldCheck(check: LongWorldCheck, seed: number): string {
  const lines = [
    `long world check (scripted policies, no model; seed ${seed}, ${check.tasks} tasks)`,
    `  chain steps ${check.meanSteps.toFixed(2)}; source calls before the checkpoint ${check.meanHandedCalls.toFixed(2)}, ` +
      `of which sound ${check.meanSoundHanded.toFixed(2)}`,
    `  source success ${pct(check.sourceSuccess)}; source failures ${check.sourceFailures}, ` +
      `misled (a slip before the checkpoint) ${check.misledFailures}`,
    '',
    `${'handover/target'.padEnd(26)}${'success'.padStart(9)}${'rescue'.padStart(9)}${'of misled'.padStart(11)}` +
      `${'tok/rescue'.padStart(12)}${'µ$/rescue'.padStart(11)}${'tok on rescued'.padStart(16)}${'kept'.padStart(7)}` +
      `${'rescue/$ vs restart'.padStart(21)}${'success/$ vs restart'.padStart(22)}`,
  ];
  for (const arm of check.arms) {
    const finite = Number.isFinite(arm.tokensPerRescue);
    lines.push(
      `${arm.name.padEnd(26)}${pct(arm.success).padStart(9)}${pct(arm.rescueRate).padStart(9)}` +
        `${pct(arm.rescueOfMisled).padStart(11)}${(finite ? arm.tokensPerRescue.toFixed(0) : '-').padStart(12)}` +
        `${(finite ? (arm.usdPerRescue * 1e6).toFixed(0) : '-').padStart(11)}${arm.tokensOnRescued.toFixed(0).padStart(16)}` +
        `${arm.keptOnFailures.toFixed(2).padStart(7)}${`${arm.rescuePerDollarVsRestart.toFixed(2)}x`.padStart(21)}` +
        `${`${arm.successPerDollarVsRestart.toFixed(2)}x`.padStart(22)}`,
    );
  }
  return lines.join('\n');
}
