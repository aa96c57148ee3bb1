import type { Engine } from '#core/engine.ts';
import type { EgressPrompt } from '#shared/ipc/EgressPrompt.ts';

/** What an operating-system notification shows. */
export type Notice = { readonly title: string; readonly body: string };

/** The longest excerpt of the question a notice quotes. */
const excerptLength = 60;

/** The task as a notice names it: the start of its (redacted) question, on one line. */
function describeTask(prompt: EgressPrompt): string {
  const question =
    prompt.messages
      .find((message) => message.role === 'user')
      ?.text.replace(/\s+/g, ' ')
      .trim() ?? '';
  if (question === '') return 'a task';
  const excerpt = question.length > excerptLength ? `${question.slice(0, excerptLength - 1).trimEnd()}…` : question;
  return `“${excerpt}”`;
}

/**
 * The notice for an approval that waits, or null when none is due: the window is in front (the
 * dialog is already in view) or the system shows no notifications. It quotes the redacted text
 * only, as the dialog does: a notification may show on a locked screen.
 */
export function approvalNotice(
  prompt: EgressPrompt,
  state: { readonly isWindowFocused: boolean; readonly isSupported: boolean },
): Notice | null {
  if (state.isWindowFocused || !state.isSupported) return null;
  return {
    title: 'Atropos needs your approval',
    body: `Atropos needs your approval to send ${describeTask(prompt)} to ${prompt.model} (${prompt.provider}).`,
  };
}

/** The parts of a BrowserWindow a notice needs. */
export type NoticeWindow = {
  isDestroyed(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
};

/** The parts of Electron's Notification a notice needs. */
export type NoticeNotification = {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
};

/** What `notifyWaitingApprovals` wires together (Electron's objects, injected so tests need none). */
export type ApprovalNoticeWiring = {
  readonly engine: Pick<Engine, 'onEvent'>;
  /** The main window, or null when there is none. */
  readonly window: () => NoticeWindow | null;
  /** Electron's Notification.isSupported. */
  readonly isSupported: () => boolean;
  /** `new Notification(notice)`. */
  readonly createNotification: (notice: Notice) => NoticeNotification;
};

/**
 * Shows a notification for each approval the engine asks while the window is not in front;
 * clicking it brings the window forward, where the dialog waits. Returns the unsubscribe function.
 */
export function notifyWaitingApprovals(wiring: ApprovalNoticeWiring): () => void {
  // Held until clicked or closed: a notification that is garbage-collected loses its click handler.
  const shown = new Set<NoticeNotification>();
  return wiring.engine.onEvent((event) => {
    if (event.channel !== 'egress:approval-request') return;
    const target = wiring.window();
    if (target === null || target.isDestroyed()) return;
    const notice = approvalNotice(event.payload, {
      isWindowFocused: target.isFocused(),
      isSupported: wiring.isSupported(),
    });
    if (notice === null) return;
    const notification = wiring.createNotification(notice);
    shown.add(notification);
    notification.on('click', () => {
      shown.delete(notification);
      const window = wiring.window();
      if (window === null || window.isDestroyed()) return;
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    });
    notification.on('close', () => shown.delete(notification));
    notification.show();
  });
}
