import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PredictorCheckpoint } from '#shared/domain.ts';
import { checkpointScoreSchema } from './gcn/GcnCheckpoint.ts';

const checkpointHeader = z.object({
  format: z.literal('atropos-predictor'),
  version: z.number().int().positive(),
  k: z.number().int().positive(),
  trainedAt: z.string().nullable().optional(),
  evaluation: checkpointScoreSchema.optional(),
});

/**
 * The predictor checkpoints saved as JSON files in `dirs`. A file that does not parse is reported
 * as a problem, not skipped silently.
 */
export async function readPredictorCheckpoints(
  dirs: readonly string[],
): Promise<{ checkpoints: PredictorCheckpoint[]; problems: string[] }> {
  const checkpoints: PredictorCheckpoint[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        const header = checkpointHeader.parse(JSON.parse(await readFile(file, 'utf8')));
        checkpoints.push({
          file,
          version: header.version,
          k: header.k,
          trainedAt: header.trainedAt ?? null,
          evaluation: header.evaluation ?? null,
        });
      } catch (error) {
        problems.push(
          `${file} is not a predictor checkpoint (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); retrain or remove it.`,
        );
      }
    }
  }
  return { checkpoints, problems };
}
