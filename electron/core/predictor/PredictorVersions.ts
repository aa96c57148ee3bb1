import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PredictorVersion } from '#shared/domain.ts';
import { EngineError, InvalidRequestError, NotFoundError } from '#core/errors.ts';
import { loadGcnCheckpointFile, saveGcnCheckpoint } from './gcn/saveGcnCheckpoint.ts';
import type { GcnCheckpoint } from './gcn/GcnCheckpoint.ts';

const historySchema = z.object({
  active: z.number().int().positive().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int().positive(),
      trainedAt: z.string().nullable(),
      trainTasks: z.number().int().nonnegative(),
      heldOutTasks: z.number().int().nonnegative(),
      rocAuc: z.number(),
      accuracy: z.number(),
      previousRocAuc: z.number().nullable(),
      isAccepted: z.boolean(),
    }),
  ),
});

type History = z.infer<typeof historySchema>;

/**
 * The versions of one profile's predictor at one checkpoint (mode, k), in a folder of its own:
 * `v<N>.json` checkpoints and `history.json`, which says which version is active and how each
 * scored on held-out history. A rejected candidate is kept (for inspection) but never activated.
 */
export class PredictorVersions {
  readonly folder: string;

  constructor(dataDir: string, profileId: string, mode: 'parallel' | 'sequential', k: number) {
    this.folder = path.join(dataDir, 'predictor', profileId, `${mode}-k${k}`);
  }

  /**
   * The versions and which is active; none before the first retraining.
   * @throws EngineError `storage-failed` naming the file when it is not a readable history.
   */
  async readHistory(): Promise<History> {
    const file = path.join(this.folder, 'history.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { active: null, versions: [] };
      throw error;
    }
    try {
      return historySchema.parse(JSON.parse(text));
    } catch (error) {
      throw new EngineError(
        'storage-failed',
        `The predictor's version list ${file} is damaged; move it aside (the checkpoints beside it stay) and retrain.`,
        { cause: error },
      );
    }
  }

  /** The active checkpoint, or null when none was ever accepted. */
  async readActive(): Promise<GcnCheckpoint | null> {
    const { active } = await this.readHistory();
    return active === null ? null : loadGcnCheckpointFile(this.fileOf(active));
  }

  fileOf(version: number): string {
    return path.join(this.folder, `v${version}.json`);
  }

  /** Stores a new version (always) and activates it when accepted; returns its number. */
  async add(checkpoint: GcnCheckpoint, record: Omit<PredictorVersion, 'version' | 'isActive'>): Promise<number> {
    const history = await this.readHistory();
    const version = Math.max(0, ...history.versions.map((entry) => entry.version)) + 1;
    await saveGcnCheckpoint(this.fileOf(version), checkpoint);
    await this.#writeHistory({
      active: record.isAccepted ? version : history.active,
      versions: [...history.versions, { version, ...record }],
    });
    return version;
  }

  /**
   * Makes an earlier accepted version the active one again (a roll back). A version that was
   * rejected never beat its predecessor, so it cannot be activated. Returns the new list.
   */
  async activate(version: number): Promise<PredictorVersion[]> {
    const history = await this.readHistory();
    const entry = history.versions.find((candidate) => candidate.version === version);
    if (entry === undefined) throw new NotFoundError(`There is no predictor version ${version}; reload the list.`);
    if (!entry.isAccepted) {
      throw new InvalidRequestError(
        `Version ${version} was rejected (it scored below the model before it), so it cannot be activated; choose an accepted version.`,
      );
    }
    try {
      await loadGcnCheckpointFile(this.fileOf(version));
    } catch {
      throw new NotFoundError(
        `The checkpoint file of version ${version} is missing or unreadable (${this.fileOf(version)}); retrain instead.`,
      );
    }
    await this.#writeHistory({ ...history, active: version });
    return this.list();
  }

  async #writeHistory(next: History): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const partial = path.join(this.folder, 'history.json.partial');
    await writeFile(partial, JSON.stringify(next, null, 2), 'utf8');
    await rename(partial, path.join(this.folder, 'history.json'));
  }

  /** Every version with whether it is the active one, newest first. */
  async list(): Promise<PredictorVersion[]> {
    const history = await this.readHistory();
    return history.versions.map((entry) => ({ ...entry, isActive: entry.version === history.active })).reverse();
  }
}
