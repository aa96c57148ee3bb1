import type { App } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  applySecurityPolicy,
  applySessionPolicy,
  contentSecurityPolicy,
  hardenWebContents,
  openExternalIfHttps,
} from '../../../electron/main/security.ts';
import { createMemoryLogger } from '../../helpers/createTestEngine.ts';
import { FakeEmitter, FakeSession, FakeWebContents, fakeEvent } from './fakeElectron.ts';

const appIndexUrl = 'file:///opt/Atropos%20Desktop/resources/app.asar/dist/renderer/index.html';

function setup() {
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  const logger = createMemoryLogger();
  const contents = new FakeWebContents();
  hardenWebContents(contents.asWebContents(), { appIndexUrl, openExternal, logger });
  return { contents, openExternal, logger };
}

describe('applySessionPolicy', () => {
  it('denies every permission request and check', () => {
    const session = new FakeSession();
    applySessionPolicy(session.asSession(), createMemoryLogger());
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    }
    expect(session.permissionCheckHandler?.({}, 'media', appIndexUrl, {})).toBe(false);
  });

  it('sets the CSP on every response, replacing any the response brought', () => {
    const session = new FakeSession();
    applySessionPolicy(session.asSession(), createMemoryLogger());
    const callback = vi.fn();
    session.headersListener?.(
      { responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ["script-src 'unsafe-inline'"] } },
      callback,
    );
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
    const bare = vi.fn();
    session.headersListener?.({}, bare);
    expect(bare).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });

  it('uses a CSP without inline script, eval or remote origins', () => {
    expect(contentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});

describe('hardenWebContents', () => {
  it('denies every new window and opens only https links externally', () => {
    const { contents, openExternal } = setup();
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/docs' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: appIndexUrl })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/docs');
  });

  it('prevents navigation anywhere but the app index', () => {
    const { contents, openExternal } = setup();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'about:blank',
      'javascript:alert(1)',
      'data:text/html,hi',
    ]) {
      const event = fakeEvent(url);
      contents.emit('will-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://evil.example/');

    const reload = fakeEvent(`${appIndexUrl}#/settings`);
    contents.emit('will-navigate', reload);
    expect(reload.defaultPrevented).toBe(false);
  });

  it('prevents redirects away from the app index', () => {
    const { contents, openExternal } = setup();
    const away = fakeEvent('https://evil.example/');
    contents.emit('will-redirect', away);
    expect(away.defaultPrevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
    const home = fakeEvent(appIndexUrl);
    contents.emit('will-redirect', home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = setup();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, { src: 'https://evil.example/' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('openExternalIfHttps', () => {
  it.each([
    ['https://example.org/a?b=c', true],
    ['HTTPS://EXAMPLE.ORG/', true],
    ['http://example.org/', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['smb://host/share', false],
    ['not a url', false],
    ['', false],
  ])('%s -> %s', (url, expected) => {
    const openExternal = vi.fn((_url: string) => Promise.resolve());
    expect(openExternalIfHttps(url, { openExternal, logger: createMemoryLogger() })).toBe(expected);
    expect(openExternal).toHaveBeenCalledTimes(expected ? 1 : 0);
  });

  it('passes on the parsed URL, not the raw string', () => {
    const openExternal = vi.fn((_url: string) => Promise.resolve());
    openExternalIfHttps('https://EXAMPLE.org/a b', { openExternal, logger: createMemoryLogger() });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/a%20b');
  });

  it('logs a failure to open instead of leaving a rejected promise', async () => {
    const logger = createMemoryLogger();
    openExternalIfHttps('https://example.org/', {
      openExternal: () => Promise.reject(new Error('no browser')),
      logger,
    });
    await vi.waitFor(() =>
      expect(logger.records.map((record) => record.message)).toContain('Could not open a link externally'),
    );
  });
});

describe('applySecurityPolicy', () => {
  it('hardens every webContents the app creates', () => {
    const app = new FakeEmitter();
    const session = new FakeSession();
    applySecurityPolicy(app as unknown as App, session.asSession(), {
      appIndexUrl,
      openExternal: () => Promise.resolve(),
      logger: createMemoryLogger(),
    });
    expect(session.permissionRequestHandler).not.toBeNull();
    expect(session.headersListener).not.toBeNull();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    const event = fakeEvent('https://evil.example/');
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
  });
});
