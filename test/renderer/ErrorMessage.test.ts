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
    'renders %s as an alert with what happened, the message, one action, and the code only under Details',
    (code) => {
      const state = errorStates[code];
      for (const withRetry of [true, false]) {
        const html = render(code, withRetry);
        expect(html).toContain('role="alert"');
        expect(html).toContain(`data-error-code="${code}"`);
        expect(html).toContain(escaped(state.summary));
        expect(html).toContain(`Engine message for ${code}.`);
        const offersRetry = withRetry && retryable.includes(code);
        expect(html.includes('Try again')).toBe(offersRetry);
        // One action: Try again, or else the advice (when the code has one); never both.
        expect(html.includes('error-advice')).toBe(!offersRetry && state.advice !== '');
        // The code appears once, inside the Details disclosure.
        const shown = html.replace(`data-error-code="${code}"`, '').replace(`Engine message for ${code}.`, '');
        expect(shown.split(code).length - 1).toBe(1);
        expect(html).toMatch(new RegExp(`<details[^>]*><summary>Details</summary><code[^>]*>${code}</code></details>`));
      }
    },
  );

  it('gives advice that fits its code: no generic "correct what the message names", no "then try again" beside Try again', () => {
    for (const state of Object.values(errorStates)) {
      expect(state.advice).not.toMatch(/Correct what the message names|then try again|then Resume/i);
    }
  });

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

describe('advice where the person already is', () => {
  it("leaves out the code's advice when asked, keeping the engine's message and the code", () => {
    const error = { code: 'provider-unavailable' as const, message: 'It refused the key. Check the API key.' };
    const shown = renderToStaticMarkup(createElement(ErrorMessage, { error }));
    expect(shown).toContain(escaped(errorStates['provider-unavailable'].advice));
    const onProviders = renderToStaticMarkup(createElement(ErrorMessage, { error, showAdvice: false }));
    expect(onProviders).not.toContain('error-advice');
    expect(onProviders).toContain('It refused the key. Check the API key.');
    expect(onProviders).toContain('provider-unavailable');
  });
});
