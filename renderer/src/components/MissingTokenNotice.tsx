/**
 * Shown instead of the app when a browser opens the web host without its launch token: the socket
 * would be refused, so explain how to get in rather than show a screen full of errors.
 */
export function MissingTokenNotice() {
  return (
    <main className="missing-token" data-testid="missing-token">
      <h1>Open Atropos Desktop from its start URL</h1>
      <p>
        This page needs the access token that the Atropos web host creates each time it starts. Run{' '}
        <code>npm run start:web</code> and open the exact URL it prints; it ends in <code>?token=…</code>.
      </p>
      <p>The token keeps other pages and programs on this machine from talking to your local models.</p>
    </main>
  );
}
