import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { formatCount } from '../format/formatCount.ts';
import { useInvoke } from '../ipc/useInvoke.ts';
import { EgressTable } from './privacy/EgressTable.tsx';
import { PrivacyModeForm } from './privacy/PrivacyModeForm.tsx';
import { RedactionSettingsForm } from './privacy/RedactionSettingsForm.tsx';

/**
 * The active profile's privacy mode, what its redactor hides (with a live preview) and the audit
 * log of everything that left the machine.
 */
export function PrivacyScreen() {
  const policy = useInvoke('privacy:get-policy', {});
  const egress = useInvoke('privacy:list-egress', { limit: 50 });
  const redaction = useInvoke('privacy:get-redaction', {});
  return (
    <ScreenFrame title="Privacy" description="What may leave this machine for the active profile.">
      <AsyncContent state={policy} label="the privacy policy">
        {(loaded) => <PrivacyModeForm policy={loaded} />}
      </AsyncContent>
      <AsyncContent state={redaction} label="the redaction settings">
        {(loaded) => <RedactionSettingsForm saved={loaded} />}
      </AsyncContent>
      <section className="screen-section" aria-labelledby="egress-title">
        <header className="section-header">
          <div>
            <h2 id="egress-title">What left this computer</h2>
            {policy.data !== undefined && (
              <p className="secondary-text">
                {policy.data.egressCount === 1
                  ? '1 request has'
                  : `${formatCount(policy.data.egressCount)} requests have`}{' '}
                left this computer for this profile (tasks, connection tests, model downloads); the latest 50 are
                listed.
              </p>
            )}
          </div>
          <RefreshButton onRefresh={egress.reload} isLoading={egress.isLoading} />
        </header>
        <AsyncContent state={egress} label="the list of what left this computer">
          {(records) =>
            records.length === 0 ? (
              <EmptyState title="Nothing has left this machine." />
            ) : (
              <EgressTable records={records} />
            )
          }
        </AsyncContent>
      </section>
    </ScreenFrame>
  );
}
