import os from 'node:os';
import path from 'node:path';

/**
 * Where `models:synth` writes random-weight models, outside the repository: $ATROPOS_SYNTH_DIR,
 * else $XDG_CACHE_HOME/atropos-desktop/synth, else ~/.cache/atropos-desktop/synth.
 */
export function synthFolder(): string {
  if (process.env.ATROPOS_SYNTH_DIR) return process.env.ATROPOS_SYNTH_DIR;
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'atropos-desktop', 'synth');
}
