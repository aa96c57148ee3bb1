// History's task detail opens with one line: when it started, its status as the list names it
// (capitalised, not "status succeeded"), and its cost.
import { describe, expect, it } from 'vitest';
import { recordedTaskLine } from '../../renderer/src/screens/history/recordedTaskLine.ts';
import { formatDateTime } from '../../renderer/src/format/formatDateTime.ts';

describe('recordedTaskLine', () => {
  it('names the status as History does and the cost with a capital', () => {
    const createdAt = Date.parse('2026-12-08T01:00:00Z');
    const line = recordedTaskLine({ createdAt, status: 'succeeded', costUsd: 0 });
    expect(line).toBe(`Started ${formatDateTime(createdAt)} · Succeeded · Cost $0.00`);
    expect(line).not.toMatch(/status succeeded/);
    expect(recordedTaskLine({ createdAt, status: 'interrupted', costUsd: 0 })).toContain(
      '· Interrupted (the app closed while it ran) ·',
    );
  });
});
