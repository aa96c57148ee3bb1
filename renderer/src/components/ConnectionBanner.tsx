import type { ConnectionState } from '../ipc/ConnectedBridge.ts';

/** Props of ConnectionBanner. */
export type ConnectionBannerProps = { readonly state: ConnectionState };

const messages: Partial<Record<ConnectionState, string>> = {
  lost: 'Lost the connection to the Atropos host. Restart `npm run start:web`, then reload this page.',
  unreachable:
    'Could not connect to the Atropos host. Start it with `npm run start:web` and open the exact URL it prints.',
};

/** A banner across the top while the web host cannot be reached; nothing otherwise. */
export function ConnectionBanner({ state }: ConnectionBannerProps) {
  const message = messages[state];
  if (message === undefined) {
    return null;
  }
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      <span>{message}</span>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
