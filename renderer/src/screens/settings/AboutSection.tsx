import { AsyncContent } from '../../components/AsyncContent.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';

const hostNames = { electron: 'Electron app', web: 'Web host (npm run start:web)', cli: 'Command line' } as const;

/** Version and environment facts, for bug reports. */
export function AboutSection() {
  const info = useInvoke('app:get-info', {});
  return (
    <section className="panel" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      <AsyncContent state={info} label="the app information">
        {(loaded) => (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{loaded.version}</dd>
            <dt>Host</dt>
            <dd>{hostNames[loaded.host]}</dd>
            <dt>Node.js</dt>
            <dd>{loaded.versions.node}</dd>
            <dt>Electron</dt>
            <dd>{loaded.versions.electron ?? '—'}</dd>
            <dt>Chrome</dt>
            <dd>{loaded.versions.chrome ?? '—'}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{loaded.dataDir}</code>
            </dd>
            <dt>Database</dt>
            <dd>
              <code>{loaded.databasePath}</code>
            </dd>
            <dt>Schema version</dt>
            <dd>{loaded.schemaVersion}</dd>
            <dt>CPU cores</dt>
            <dd>{loaded.cores}</dd>
          </dl>
        )}
      </AsyncContent>
    </section>
  );
}
