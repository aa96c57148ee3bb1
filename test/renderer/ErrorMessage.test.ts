// Every IpcErrorCode has a screen state: the shared ErrorMessage says what happened and what to do,
// offers Retry only where retrying can help, and shows nothing for a cancellation. Rendered with
// the real React DOM server renderer (no DOM needed).
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ipcErrorCodes, type IpcErrorCode } from '#shared/ipc/IpcError.ts';
import { ErrorMessage } from '../../renderer/src/components/ErrorMessage.tsx';
import { errorStates } from '../../renderer/src/components/errorStates.ts';

function render(code: IpcErrorCode, withRetry: boolean): string {
  return renderToStaticMarkup(
    createElement(ErrorMessage, {
      error: { code, message: `Engine message for ${code}.` },
      ...(withRetry ? { onRetry: () => undefined } : {}),
    }),
  );
}

/** Text as React's server renderer escapes it. */
function escaped(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}

const retryable: IpcErrorCode[] = [
  'not-found',
  'model-missing',
  'provider-unavailable',
  'provider-rate-limited',
  'storage-failed',
  'internal',
];

describe('ErrorMessage', () => {
  it('has a state for every error code and no other', () => {
    expect(Object.keys(errorStates).sort()).toEqual([...ipcErrorCodes].sort());
  });

  it.each(ipcErrorCodes.filter((code) => code !== 'cancelled'))(
    'renders %s as an alert with what happened, the message and what to do',
    (code) => {
      const html = render(code, true);
      const state = errorStates[code];
      expect(html).toContain('role="alert"');
      expect(html).toContain(`data-error-code="${code}"`);
      expect(html).toContain(escaped(state.summary));
      expect(html).toContain(`Engine message for ${code}.`);
      expect(state.advice.length).toBeGreaterThan(10);
      expect(html).toContain(escaped(state.advice));
      expect(html.includes('Try again')).toBe(retryable.includes(code));
    },
  );

  it('shows nothing for a cancellation, which is quiet', () => {
    expect(render('cancelled', true)).toBe('');
  });

  it('puts the screen’s own title first when it gives one', () => {
    const html = renderToStaticMarkup(
      createElement(ErrorMessage, {
        error: { code: 'budget-exceeded', message: 'The daily cap of $0.0001 would be passed.' },
        title: 'Could not escalate.',
      }),
    );
    expect(html).toMatch(
      /<strong>Could not escalate. <\/strong><span>The daily cap of \$0.0001 would be passed.<\/span>/,
    );
    expect(html).toContain('Raise the cap in Budget');
    expect(html).not.toContain('Try again');
  });
});
