// What left this computer (Privacy, and under a chat turn): each request says what it was for, so a
// provider's connection test and a model download are told apart from a task's request to a cloud
// model. Rendered with React's server renderer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EgressRecord } from '#shared/domain.ts';
import { EgressTable, egressKind } from '../../renderer/src/screens/privacy/EgressTable.tsx';

const record: EgressRecord = {
  id: 1,
  at: Date.UTC(2026, 0, 2, 3, 4),
  profileId: 'p',
  taskId: 't-1',
  provider: 'openai:gpt-4o-mini',
  endpoint: 'https://api.example.com',
  bytesSent: 2048,
  redactionCount: 1,
  allowedBy: 'policy',
  model: 'gpt-4o-mini',
  redactions: { EMAIL: 1 },
  tokensIn: 120,
  tokensOut: 8,
  costUsd: 0.0001,
};

describe('EgressTable', () => {
  it('says what each request was for: a task request, a connection test or a model download', () => {
    expect(egressKind(record)).toBe('Task request');
    expect(egressKind({ taskId: null, provider: 'openai:gpt-4o-mini' })).toBe('Connection test');
    expect(egressKind({ taskId: null, provider: 'model-download' })).toBe('Model download');
    const records = [
      record,
      { ...record, id: 2, taskId: null, allowedBy: 'user' as const, redactions: {}, redactionCount: 0 },
      { ...record, id: 3, taskId: null, provider: 'model-download', allowedBy: 'user' as const },
    ];
    const html = renderToStaticMarkup(createElement(EgressTable, { records }));
    const kinds = [...html.matchAll(/data-testid="egress-kind">([^<]*)</g)].map((match) => match[1]);
    expect(kinds).toEqual(['Task request', 'Connection test', 'Model download']);
    expect(html).toContain('What left this computer');
    expect(html).not.toContain('Egress audit log');
  });
});
