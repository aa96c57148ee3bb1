import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError, InvalidRequestError, NotFoundError } from '#core/errors.ts';
import { parseTrajectoryLine, readTrajectoriesJsonl } from '#lab/predictor/readTrajectories.ts';

const fullLine = JSON.stringify({
  task: 'd4j/Chart_1',
  agent: 'autofl',
  model: 'gpt-3.5-turbo-0613',
  success: true,
  runs: [
    {
      run: 1,
      steps: [
        { tool: 'get_code_snippet', args: { signature: 'a.B.c()' }, result: 'code', tokensIn: 816, tokensOut: 31 },
      ],
      answer: 'a.B.c()',
      answerTokensIn: 900,
      answerTokensOut: 12,
      success: true,
    },
  ],
});

function temporaryFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-trajectories-')), 'runs.jsonl');
  writeFileSync(file, content);
  return file;
}

describe('parseTrajectoryLine', () => {
  it('maps a full line and drops unknown keys', () => {
    const trajectory = parseTrajectoryLine(fullLine);
    expect(trajectory).toEqual({
      task: 'd4j/Chart_1',
      model: 'gpt-3.5-turbo-0613',
      success: true,
      runs: [
        {
          run: 1,
          steps: [
            { tool: 'get_code_snippet', args: { signature: 'a.B.c()' }, result: 'code', tokensIn: 816, tokensOut: 31 },
          ],
          answer: 'a.B.c()',
          answerTokensIn: 900,
          answerTokensOut: 12,
          success: true,
        },
      ],
    });
    expect(trajectory).not.toHaveProperty('agent');
  });

  it('reads a missing answer or label as null and missing token counts as 0', () => {
    const trajectory = parseTrajectoryLine(
      JSON.stringify({ task: 't', model: 'm', runs: [{ run: 1, steps: [{ tool: 'x', args: {}, result: '' }] }] }),
    );
    expect(trajectory.success).toBeNull();
    expect(trajectory.runs[0]).toEqual({
      run: 1,
      steps: [{ tool: 'x', args: {}, result: '', tokensIn: 0, tokensOut: 0 }],
      answer: null,
      answerTokensIn: 0,
      answerTokensOut: 0,
      success: null,
    });
  });

  it('names the wrong field', () => {
    const line = JSON.stringify({
      task: 't',
      model: 'm',
      runs: [{ run: 1, steps: [{ tool: 'x', args: {}, result: 5 }] }],
    });
    expect(() => parseTrajectoryLine(line)).toThrow(InvalidRequestError);
    expect(() => parseTrajectoryLine(line)).toThrow(/runs\.0\.steps\.0\.result/);
  });

  it('rejects text that is not JSON', () => {
    expect(() => parseTrajectoryLine('{"task": ')).toThrow(/not JSON/);
  });
});

describe('readTrajectoriesJsonl', () => {
  it('streams every line and skips blank ones', async () => {
    const file = temporaryFile(`${fullLine}\n\n${fullLine.replace('Chart_1', 'Chart_2')}\r\n`);
    const trajectories = await readTrajectoriesJsonl(file);
    expect(trajectories.map((trajectory) => trajectory.task)).toEqual(['d4j/Chart_1', 'd4j/Chart_2']);
  });

  it('names the file and line of a malformed line', async () => {
    const file = temporaryFile(`${fullLine}\n\n{"task": "x"}\n`);
    const reading = readTrajectoriesJsonl(file);
    await expect(reading).rejects.toThrow(InvalidRequestError);
    await expect(readTrajectoriesJsonl(file)).rejects.toThrow(`${file}:3 is not a trajectory line`);
  });

  it('reports a missing file as not found', async () => {
    await expect(readTrajectoriesJsonl(path.join(os.tmpdir(), 'no-such-dir-atropos', 'runs.jsonl'))).rejects.toThrow(
      NotFoundError,
    );
  });

  it('stops with a CancelledError when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readTrajectoriesJsonl(temporaryFile(fullLine), { signal: controller.signal })).rejects.toThrow(
      CancelledError,
    );
  });

  const recorded = path.resolve(import.meta.dirname, '../../../../../shared/data/autofl-d4j-gpt35.jsonl');
  it.skipIf(!existsSync(recorded))('reads the recorded AutoFL runs', async () => {
    const trajectories = await readTrajectoriesJsonl(recorded);
    expect(trajectories).toHaveLength(353);
    expect(trajectories.filter((trajectory) => trajectory.success === true)).toHaveLength(146);
    expect(trajectories.every((trajectory) => trajectory.runs.length === 5)).toBe(true);
  });
});
