import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '#core/engine.ts';
import type { EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import {
  approvalNotice,
  notifyWaitingApprovals,
  type Notice,
  type NoticeWindow,
} from '../../../electron/main/approvalNotice.ts';

function prompt(question: string): EgressPrompt {
  return {
    requestId: 'r1',
    taskId: 't1',
    provider: 'work-openai',
    model: 'gpt-4o-mini',
    path: 2,
    messages: [
      { role: 'system', text: 'You are a careful assistant.' },
      { role: 'user', text: question },
    ],
    redactions: { EMAIL: 1 },
    estimatedCostUsd: 0.002,
    originals: { '[EMAIL_1]': 'ada@example.com' },
  };
}

const background = { isWindowFocused: false, isSupported: true };

describe('approvalNotice', () => {
  it('names the task by its redacted question and where it would go', () => {
    expect(approvalNotice(prompt('Summarise the mail from [EMAIL_1]'), background)).toEqual({
      title: 'Atropos needs your approval',
      body: 'Atropos needs your approval to send “Summarise the mail from [EMAIL_1]” to gpt-4o-mini (work-openai).',
    });
  });

  it('never quotes what a placeholder stands for', () => {
    const notice = approvalNotice(prompt('Write to [EMAIL_1]'), background);
    expect(JSON.stringify(notice)).not.toContain('ada@example.com');
  });

  it('shortens a long question to one line', () => {
    const body = approvalNotice(prompt(`Line one\n\n${'word '.repeat(40)}`), background)?.body ?? '';
    const quoted = /“(.*)”/.exec(body)?.[1] ?? '';
    expect(quoted).toMatch(/^Line one word word .*…$/);
    expect(quoted.length).toBeLessThanOrEqual(60);
  });

  it('says "a task" when there is no question to quote', () => {
    expect(approvalNotice({ ...prompt(''), messages: [] }, background)?.body).toMatch(/to send a task to/);
  });

  it('is not due while the window is in front, or where the system shows none', () => {
    expect(approvalNotice(prompt('q'), { isWindowFocused: true, isSupported: true })).toBeNull();
    expect(approvalNotice(prompt('q'), { isWindowFocused: false, isSupported: false })).toBeNull();
  });
});

/** A window whose focus the test sets, recording what was done to it. */
class FakeWindow implements NoticeWindow {
  isFocusedNow = false;
  isMinimizedNow = false;
  isDestroyedNow = false;
  readonly calls: string[] = [];
  isDestroyed = () => this.isDestroyedNow;
  isFocused = () => this.isFocusedNow;
  isMinimized = () => this.isMinimizedNow;
  restore = () => this.calls.push('restore');
  show = () => this.calls.push('show');
  focus = () => this.calls.push('focus');
}

function wire(window: FakeWindow | null) {
  let listener: ((event: EngineEvent) => void) | null = null;
  const shown: { notice: Notice; click: () => void }[] = [];
  const stop = notifyWaitingApprovals({
    engine: {
      onEvent: (next) => {
        listener = next;
        return () => (listener = null);
      },
    },
    window: () => window,
    isSupported: () => true,
    createNotification: (notice) => {
      const handlers = new Map<string, () => void>();
      return {
        on: (event, handler) => handlers.set(event, handler),
        show: () => shown.push({ notice, click: () => handlers.get('click')?.() }),
      };
    },
  });
  const emit = (event: EngineEvent) => listener?.(event);
  return { shown, stop, emit, isSubscribed: () => listener !== null };
}

describe('notifyWaitingApprovals', () => {
  it('notifies an approval asked while the window is in the background; a click brings the window forward', () => {
    const window = new FakeWindow();
    window.isMinimizedNow = true;
    const { shown, emit } = wire(window);
    emit({ channel: 'egress:approval-request', payload: prompt('What is 12+30*2?') });
    expect(shown.map((entry) => entry.notice.body)).toEqual([
      'Atropos needs your approval to send “What is 12+30*2?” to gpt-4o-mini (work-openai).',
    ]);
    shown[0]?.click();
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('stays quiet while the window is in front, for other events, and without a window', () => {
    const window = new FakeWindow();
    window.isFocusedNow = true;
    const focused = wire(window);
    focused.emit({ channel: 'egress:approval-request', payload: prompt('q') });
    focused.emit({ channel: 'settings:changed', payload: {} as never });
    expect(focused.shown).toEqual([]);
    const closed = wire(null);
    closed.emit({ channel: 'egress:approval-request', payload: prompt('q') });
    expect(closed.shown).toEqual([]);
  });

  it('unsubscribes with the function it returns', () => {
    const { stop, isSubscribed } = wire(new FakeWindow());
    expect(isSubscribed()).toBe(true);
    stop();
    expect(isSubscribed()).toBe(false);
  });
});
