// The task form's checks and the task:start request it builds from its fields, each against the
// host's own schema.
import { describe, expect, it } from 'vitest';
import { requestSchemas } from '#shared/ipc/schemas.ts';
import { defaultHandover } from '#shared/taskRequest.ts';
import {
  initialTaskFields,
  taskStartRequestOf,
  type TaskFields,
} from '../../renderer/src/screens/tasks/taskStartRequest.ts';

const fields = (patch: Partial<TaskFields>): TaskFields => ({ ...initialTaskFields, ...patch });

describe('taskStartRequestOf', () => {
  it.each([
    [{}, '5', 'none', /question or a practice task number/],
    [{ question: 'q', worldTask: '3' }, '5', 'none', /one of the two/],
    [{ worldTask: '2.5' }, '5', 'none', /whole number from 0 to 100000/],
    [{ question: 'q' }, '0', 'none', /Paths is a whole number from 1 to 32/],
    [{ question: 'q' }, '', 'none', /Paths is a whole number/],
    [{ question: 'q', checkpoint: '101' }, '5', 'none', /Check for failure after" is a whole number/],
    [{ question: 'q', cloudUrl: 'http://127.0.0.1:9/v1' }, '5', 'endpoint', /both its URL and its model/],
    [{ question: 'q', folders: 'notes\n' }, '5', 'none', /absolute paths/],
    [{ question: 'q', seed: '-1' }, '5', 'none', /seed is a whole number from 0 to 2147483647/],
    [{ question: 'q', seed: '2147483648' }, '5', 'none', /seed is a whole number/],
    [{ question: 'q', selectCount: '33' }, '5', 'none', /Paths handed over is a whole number from 1 to 32/],
    [{ question: 'q', maxTokens: '0' }, '5', 'none', /Longest answer is a whole number of tokens from 1 to 131072/],
    [{ question: 'q', maxTokens: '131073' }, '5', 'none', /Longest answer is a whole number/],
    [{ question: 'q', maxTokens: '12.5' }, '5', 'none', /Longest answer is a whole number/],
  ] as const)('refuses %j with %s paths and provider %s', (patch, paths, choice, problem) => {
    expect(taskStartRequestOf(fields(patch), paths, choice)).toMatch(problem);
  });

  it('builds a question request with its folders, checkpoint and saved provider', () => {
    const request = taskStartRequestOf(
      fields({
        question: ' What is 2+3? ',
        checkpoint: '2',
        folders: '/home/ana/notes\n\n C:\\data ',
        handover: 'restart',
      }),
      '4',
      'p-1',
    );
    expect(request).toEqual({
      prompt: 'What is 2+3?',
      paths: 4,
      strategy: 'parallel',
      escalation: 'auto',
      operatingPoint: 'balanced',
      checkpoint: 2,
      grantedFolders: ['/home/ana/notes', 'C:\\data'],
      cloudProviderId: 'p-1',
      handover: 'restart',
    });
    expect(requestSchemas['task:start'].safeParse(request).success).toBe(true);
  });

  it('builds a world task request without folders or handover when it stays local', () => {
    const request = taskStartRequestOf(
      fields({ worldTask: '7', folders: '/tmp/x', strategy: 'sequential' }),
      '3',
      'none',
    );
    expect(request).toEqual({
      worldTask: 7,
      paths: 3,
      strategy: 'sequential',
      escalation: 'auto',
      operatingPoint: 'balanced',
      cloudProviderId: null,
    });
    expect(requestSchemas['task:start'].safeParse(request).success).toBe(true);
  });

  it('sends a typed endpoint with its key', () => {
    const request = taskStartRequestOf(
      fields({ question: 'q', cloudUrl: ' http://127.0.0.1:9/v1 ', cloudModel: 'm', cloudKey: 'k' }),
      '2',
      'endpoint',
    );
    expect(request).toMatchObject({
      cloud: { api: 'openai', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'k' },
      handover: 'restart',
    });
    expect(requestSchemas['task:start'].safeParse(request).success).toBe(true);
  });

  it("starts at the engine's default handover and sends the continuing one when picked, as the schema accepts", () => {
    expect(initialTaskFields.handover).toBe(defaultHandover);
    const request = taskStartRequestOf(fields({ question: 'q', handover: 'continue' }), '2', 'p-1');
    expect(request).toMatchObject({ cloudProviderId: 'p-1', handover: 'continue' });
    expect(requestSchemas['task:start'].safeParse(request).success).toBe(true);
  });

  it("sends the CLI's per-run options (seed, hotswap, paths handed over) only when set, as the schema accepts", () => {
    const request = taskStartRequestOf(
      fields({ question: 'q', seed: '42', hotswap: 'selective', selectCount: '2' }),
      '5',
      'p-1',
    );
    expect(request).toMatchObject({ seed: 42, hotswap: 'selective', selectCount: 2 });
    expect(requestSchemas['task:start'].safeParse(request).success).toBe(true);
    const plain = taskStartRequestOf(fields({ question: 'q' }), '5', 'none');
    expect(plain).not.toHaveProperty('seed');
    expect(plain).not.toHaveProperty('hotswap');
    expect(plain).not.toHaveProperty('selectCount');
    // One after another, paths are handed over one at a time: the parallel choice is not sent.
    const sequential = taskStartRequestOf(
      fields({ question: 'q', strategy: 'sequential', hotswap: 'parallel' }),
      '5',
      'none',
    );
    expect(sequential).not.toHaveProperty('hotswap');
    expect(taskStartRequestOf(fields({ question: 'q', seed: '0' }), '5', 'none')).toMatchObject({ seed: 0 });
  });

  it("sends the CLI's --max-tokens and --model (longest answer, local model) only when set, as the schema accepts", () => {
    const model = '/home/ana/.config/Atropos Desktop/models/qwen2.5-0.5b-instruct-q4_0.gguf';
    const request = taskStartRequestOf(fields({ question: 'q', maxTokens: ' 1024 ', localModel: model }), '5', 'none');
    expect(request).toMatchObject({ maxTokens: 1024, localModel: model });
    expect(requestSchemas['task:start'].safeParse(request).success).toBe(true);
    const bound = taskStartRequestOf(fields({ worldTask: '1', maxTokens: '131072' }), '1', 'none');
    expect(bound).toMatchObject({ maxTokens: 131_072 });
    expect(requestSchemas['task:start'].safeParse(bound).success).toBe(true);
    const plain = taskStartRequestOf(fields({ question: 'q' }), '5', 'none');
    expect(plain).not.toHaveProperty('maxTokens');
    expect(plain).not.toHaveProperty('localModel');
  });
});
