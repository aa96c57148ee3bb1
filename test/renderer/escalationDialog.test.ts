// The escalation question approves one request at a time: what it shows is what the one path it
// names would send, and there is no approval for the rest of the task that later paths would use
// unseen. Rendered with React's server renderer and a bridge that never answers (no data needed).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { EgressDecision, EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import { EscalationDialog } from '../../renderer/src/escalation/EscalationDialog.tsx';
import { BridgeContext } from '../../renderer/src/ipc/BridgeContext.ts';
import type { ConnectedBridge } from '../../renderer/src/ipc/ConnectedBridge.ts';

const silentBridge = {
  invoke: () => new Promise(() => undefined),
  on: () => () => undefined,
  getConnectionState: () => 'connected',
  onConnectionChange: () => () => undefined,
} as unknown as ConnectedBridge;

const prompt: EgressPrompt = {
  requestId: 'r1',
  taskId: 't1',
  provider: 'openai:127.0.0.1/gpt-4o-mini',
  model: 'gpt-4o-mini',
  path: 1,
  messages: [{ role: 'user', text: 'Mail [EMAIL_1] about 7*6' }],
  redactions: { EMAIL: 1 },
  estimatedCostUsd: 0.00042,
  originals: { '[EMAIL_1]': 'ana@example.com' },
};

describe('EscalationDialog', () => {
  it('offers Approve once and Deny, never an approval for the whole task', () => {
    const html = renderToStaticMarkup(
      createElement(
        BridgeContext,
        { value: silentBridge },
        createElement(EscalationDialog, {
          prompt,
          isAnswering: false,
          error: undefined,
          onAnswer: (_decision: EgressDecision) => undefined,
        }),
      ),
    );
    const buttons = [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((match) => match[1]);
    expect(buttons).toEqual(['Approve once', 'Deny (keep local)']);
    expect(html).not.toMatch(/for this task/i);
    expect(html).toContain('for path 2 only');
    expect(html).toContain('$0.00042');
  });

  it('offers to stop the whole task when the page can', () => {
    const html = renderToStaticMarkup(
      createElement(
        BridgeContext,
        { value: silentBridge },
        createElement(EscalationDialog, {
          prompt,
          isAnswering: false,
          error: undefined,
          onAnswer: (_decision: EgressDecision) => undefined,
          onStopTask: () => undefined,
        }),
      ),
    );
    const buttons = [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((match) => match[1]);
    expect(buttons).toEqual(['Approve once', 'Deny (keep local)', 'Stop the task']);
  });
});
