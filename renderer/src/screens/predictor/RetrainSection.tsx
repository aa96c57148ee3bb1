import type { PredictorVersion } from '#shared/domain.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatDateTime } from '../../format/formatDateTime.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { VersionChart } from './VersionChart.tsx';

type RetrainSectionProps = {
  readonly versions: readonly PredictorVersion[];
  /** Called after a retraining finished, to reload the status. */
  readonly onRetrained: () => void;
};

function formatScore(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : value.toFixed(3);
}

/**
 * Retraining from this profile's own finished tasks (k = 5, parallel), and the versions it made:
 * a version becomes active only if it beat the previous one on held-out history; an earlier
 * accepted version can be made active again (roll back).
 */
export function RetrainSection({ versions, onRetrained }: RetrainSectionProps) {
  const retrain = useInvokeAction('predictor:retrain');
  const activate = useInvokeAction('predictor:activate-version');
  const onClick = async () => {
    const result = await retrain.run({});
    if (result.ok) onRetrained();
  };
  const rollBack = async (version: number) => {
    const result = await activate.run({ version });
    if (result.ok) onRetrained();
  };
  const activeVersion = versions.find((version) => version.isActive)?.version;
  return (
    <section className="screen-section" aria-labelledby="retrain-title">
      <h2 id="retrain-title">Learning from your history</h2>
      <p>
        Retraining runs in the background on this profile&apos;s finished tasks. A new version replaces the active one
        only if it scores better on tasks held out from its training; otherwise the active version stays.
      </p>
      <p className="secondary-text" data-testid="predictor-in-charge">
        {activeVersion === undefined
          ? 'In charge of live decisions: the cold start (agreement across paths), until a version is active.'
          : `In charge of live decisions: v${activeVersion}, with each operating point's threshold calibrated on its held-out tasks.`}
      </p>
      <div>
        <button type="button" className="primary" onClick={() => void onClick()} disabled={retrain.isRunning}>
          {retrain.isRunning ? 'Retraining…' : 'Retrain from history'}
        </button>
      </div>
      {retrain.isRunning && (
        <div className="retrain-progress" role="status">
          <progress aria-label="Retraining progress" />
          <span>Training a candidate in the background and scoring it on held-out tasks…</span>
        </div>
      )}
      {retrain.error !== undefined && (
        <ErrorMessage error={retrain.error} title="Could not retrain the predictor." onRetry={() => void onClick()} />
      )}
      {activate.error !== undefined && <ErrorMessage error={activate.error} title="Could not roll back." />}
      {versions.length === 0 ? (
        <EmptyState title="No retrained versions yet." />
      ) : (
        <>
          <p className="secondary-text" data-testid="roc-note">
            No ROC curve is drawn: checkpoint files keep the weights and the decision threshold, not the ROC points of
            their evaluation. Each version&apos;s held-out ROC-AUC and accuracy, measured when it was trained, are
            below.
          </p>
          <VersionChart versions={versions} />
          <table className="data-table">
            <caption className="visually-hidden">Retrained predictor versions</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  Version
                </th>
                <th scope="col">Trained at</th>
                <th scope="col" className="numeric">
                  Held-out ROC-AUC
                </th>
                <th scope="col" className="numeric">
                  Previous ROC-AUC
                </th>
                <th scope="col" className="numeric">
                  Accuracy
                </th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.version}>
                  <td className="numeric">{version.version}</td>
                  <td className="nowrap">{formatDateTime(version.trainedAt)}</td>
                  <td className="numeric">{formatScore(version.rocAuc)}</td>
                  <td className="numeric">{formatScore(version.previousRocAuc)}</td>
                  <td className="numeric">{formatScore(version.accuracy)}</td>
                  <td>
                    {version.isActive ? 'Active' : version.isAccepted ? 'Replaced' : 'Rejected (kept the previous)'}
                  </td>
                  <td className="actions-cell">
                    {version.isAccepted && !version.isActive && (
                      <button
                        type="button"
                        disabled={activate.isRunning || retrain.isRunning}
                        onClick={() => void rollBack(version.version)}
                      >
                        {activeVersion !== undefined && version.version < activeVersion ? 'Roll back to' : 'Activate'} v
                        {version.version}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
