// The long world's check over scripted policies (issue 19.2): not the measure (no model
// runs), a check that the world has the properties asked for before any training: context matters
// (a sound first half is work a continuing target need not redo), the target also fails (a restart
// rescues a third to a half of the source's failures), early slips mislead a trusting target.
//   node --import tsx bench/longWorld.ts [--seed 21] [--tasks 1000] [--json]
// Rates were calibrated on seed 11; report other seeds.
import { parseArgs } from 'node:util';
import { checkLongWorld } from '#lab/world/long/checkLongWorld.ts';
import { formatLongWorldCheck } from '#lab/world/long/formatLongWorldCheck.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '21' },
    tasks: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const check = checkLongWorld({ seed, count: Number(values.tasks) });
console.log(values.json ? JSON.stringify(check) : formatLongWorldCheck(check, seed));
