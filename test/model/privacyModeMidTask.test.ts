// The person turns the profile local-only while a task waits for their approval to escalate (or
// while its local paths run), then the stale question is answered "Approve once": nothing may leave.
// The policy in force when a request would leave decides, not the one when the task started. The
// whole engine runs (fixture model, SQLite) against a real OpenAI-speaking server on 127.0.0.1.
import { afterAll, describe, expect, it } from 'vitest';
import { openThreadAttack, type ThreadAttack } from './threadAttack.ts';

let attack: ThreadAttack | undefined;
afterAll(async () => await attack?.dispose());

describe('a profile turned local-only while its task runs', () => {
  it('sends nothing when an approval given afterwards lets the task escalate', async () => {
    attack = await openThreadAttack(() => []);
    const { engine, cloud, task, finished } = attack;
    engine.setPrivacyMode('ask');
    const started = engine.sendTurn({ task: task('My colleague Tim Berg asks: what is 12+30?') });
    await expect.poll(() => engine.listPendingApprovals().length, { timeout: 90_000 }).toBe(1);
    engine.setPrivacyMode('local-only');
    const [pending] = engine.listPendingApprovals();
    engine.answerEgress(pending?.requestId ?? '', 'once');
    await finished(started.threadId, 0);
    expect(cloud.bodies).toEqual([]);
  }, 180_000);
});
