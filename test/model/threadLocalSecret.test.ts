// A chat turn answered on this computer: its local path read notes.txt ("wifi password:
// sunshine42") and answered with the bare password. The follow-up escalates in auto-redact mode and
// carries that answer; the thread's redaction learns what the earlier turn's local paths read, so
// "sunshine42" leaves as a placeholder. The earlier turn is written to the engine's database as the
// recorder writes it (task, local path, its read_file step); the follow-up runs the whole engine
// (fixture model, real SQLite file) against a real OpenAI-speaking server on 127.0.0.1.
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { openThreadAttack, type ThreadAttack } from './threadAttack.ts';

const notes = 'Team notes\nwifi password: sunshine42\nalarm pin: 4821\n';
let attack: ThreadAttack | undefined;
afterAll(async () => await attack?.dispose());

describe('a follow-up after a turn answered locally from a file', () => {
  it('does not send the secrets that turn read and repeated bare', async () => {
    attack = await openThreadAttack(() => []);
    const { engine, cloud, databaseFile, task, finished } = attack;
    const profileId = engine.listProfiles().find((profile) => profile.isActive)?.id ?? '';
    const db = openDatabase(databaseFile);
    db.prepare(
      `INSERT INTO tasks (id, profile_id, prompt, status, answer, created_at) VALUES ('t1', ?, 'What are the wifi password and the alarm pin in notes.txt?', 'succeeded', 'sunshine42 and 4821', 1)`,
    ).run(profileId);
    const pathId = db
      .prepare(
        `INSERT INTO paths (task_id, path_index, provider, model, status, answer) VALUES ('t1', 0, 'local:source.gguf', 'source.gguf', 'answered', 'sunshine42 and 4821')`,
      )
      .run().lastInsertRowid;
    db.prepare(
      `INSERT INTO steps (path_id, step_index, tool, args_json, result, at, provider) VALUES (?, 1, 'read_file', '{"path":"notes.txt"}', ?, 1, 'local:source.gguf')`,
    ).run(pathId, notes);
    db.prepare(
      `INSERT INTO threads (id, profile_id, title, created_at, updated_at) VALUES ('c1', ?, 'Notes', 1, 1)`,
    ).run(profileId);
    db.prepare(
      `INSERT INTO turns (id, thread_id, position, prompt, task_id, created_at) VALUES ('u1', 'c1', 0, 'What are the wifi password and the alarm pin in notes.txt?', 't1', 1)`,
    ).run();
    db.close();
    expect(engine.getThread('c1').turns[0]?.answer).toBe('sunshine42 and 4821');
    engine.sendTurn({ threadId: 'c1', task: task('Thanks. Which is longer?') });
    await finished('c1', 1);
    expect(engine.getThread('c1').turns[1]?.carriedTurns).toBe(1);
    expect(cloud.bodies.length).toBeGreaterThan(0);
    for (const body of cloud.bodies) {
      expect(body).not.toContain('sunshine42');
      expect(body).not.toContain('4821');
    }
    expect(cloud.bodies[0]).toMatch(/\[PASSWORD_\d+\] and \[PASSWORD_\d+\]/);
  }, 180_000);
});
