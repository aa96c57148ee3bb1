import type { App, Session, WebContents } from 'electron';
import type { Logger } from '#core/ports.ts';
import { isAppIndexUrl } from './appLocations.ts';

/**
 * The renderer's Content-Security-Policy: only the app's own files, no inline script, no eval,
 * no network. The renderer reaches the engine through the preload, never through fetch.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the policy needs from the host. */
export type SecurityContext = {
  /** The app's index page as a file:// URL: the one page windows may show. */
  readonly appIndexUrl: string;
  /** `shell.openExternal`, injected so tests need no Electron. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly logger: Logger;
};

/**
 * Applies the whole policy: session-wide rules on `session`, and per-page rules on every
 * webContents the app ever creates (windows, devtools, anything a bug might open). Call before
 * the first window exists.
 */
export function applySecurityPolicy(app: App, session: Session, context: SecurityContext): void {
  applySessionPolicy(session, context.logger);
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, context);
  });
}

/**
 * Session-wide rules: every permission (camera, notifications, geolocation, ...) is refused, and
 * every response carries the CSP. The renderer's index.html should carry the same policy in a
 * meta tag, because Chromium does not run webRequest hooks for every file:// load.
 */
export function applySessionPolicy(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('Denied a permission request', { permission });
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy the response brought so ours is the one in force.
      if (name.toLowerCase() !== 'content-security-policy') {
        headers[name] = value;
      }
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });
}

/**
 * Per-page rules, applied to every webContents the app creates: no new windows, no navigation
 * away from the app's index page, no <webview>. Links to https: sites open in the person's browser.
 */
export function hardenWebContents(contents: WebContents, context: SecurityContext): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfHttps(url, context);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppIndexUrl(event.url, context.appIndexUrl)) {
      event.preventDefault();
      openExternalIfHttps(event.url, context);
    }
  });
  contents.on('will-redirect', (event) => {
    if (!isAppIndexUrl(event.url, context.appIndexUrl)) {
      event.preventDefault();
      context.logger.warn('Blocked a redirect', { url: event.url });
    }
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    context.logger.warn('Blocked a <webview>');
  });
}

/** Hands `rawUrl` to the OS browser only when it parses as an https: URL; anything else is logged and dropped. */
export function openExternalIfHttps(
  rawUrl: string,
  context: Pick<SecurityContext, 'openExternal' | 'logger'>,
): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    context.logger.warn('Refused to open a malformed URL', { url: rawUrl });
    return false;
  }
  if (url.protocol !== 'https:') {
    context.logger.warn('Refused to open a non-https URL', { url: url.href });
    return false;
  }
  context.openExternal(url.href).catch((error: unknown) => {
    context.logger.warn('Could not open a link externally', { url: url.href, error: String(error) });
  });
  return true;
}
