import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { CancelledError, InvalidRequestError, NotFoundError } from '#core/errors.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';

// The neutral recording format of ../shared/data/TRAJECTORIES.md. Unknown keys (e.g. "agent") are
// dropped; missing token counts read as 0 and a missing answer or label as null (not yet known).
const stepSchema = z.object({
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  result: z.string(),
  tokensIn: z.number().nonnegative().default(0),
  tokensOut: z.number().nonnegative().default(0),
});

const runSchema = z.object({
  run: z.number().int(),
  steps: z.array(stepSchema),
  answer: z.string().nullable().default(null),
  answerTokensIn: z.number().nonnegative().default(0),
  answerTokensOut: z.number().nonnegative().default(0),
  success: z.boolean().nullable().default(null),
});

const trajectorySchema = z.object({
  task: z.string().min(1),
  model: z.string(),
  success: z.boolean().nullable().default(null),
  runs: z.array(runSchema),
});

/**
 * One JSONL line of a trajectory file as a Trajectory. Throws an InvalidRequestError that says
 * which field is wrong when the line is not JSON or not a trajectory.
 */
export function parseTrajectoryLine(line: string): Trajectory {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InvalidRequestError(`not JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const parsed = trajectorySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'the record' : issue.path.join('.');
    throw new InvalidRequestError(`${where}: ${issue?.message ?? 'not a trajectory'}`, { cause: parsed.error });
  }
  return parsed.data;
}

/** Options of readTrajectoriesJsonl. */
export type ReadTrajectoriesOptions = {
  /** Stops reading; the promise then rejects with a CancelledError. */
  signal?: AbortSignal;
};

/**
 * Every trajectory of a JSONL file (one task instance a line; blank lines are skipped), streamed
 * line by line. A malformed line rejects with an InvalidRequestError naming the file and line
 * number; a missing file with a NotFoundError.
 */
export async function readTrajectoriesJsonl(
  file: string,
  options: ReadTrajectoriesOptions = {},
): Promise<Trajectory[]> {
  const { signal } = options;
  const input = createReadStream(file, { encoding: 'utf8', signal });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const trajectories: Trajectory[] = [];
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') {
        continue;
      }
      try {
        trajectories.push(parseTrajectoryLine(line));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new InvalidRequestError(
          `${file}:${lineNumber} is not a trajectory line: ${reason}. Fix or remove that line.`,
          { cause: error },
        );
      }
    }
  } catch (error) {
    if (signal?.aborted === true) {
      throw new CancelledError();
    }
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new NotFoundError(`The trajectory file ${file} does not exist.`);
    }
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
  return trajectories;
}
