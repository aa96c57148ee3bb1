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
 * a version becomes active only if it beat the previous one on held-out history.
 */
export function RetrainSection({ versions, onRetrained }: RetrainSectionProps) {
  const retrain = useInvokeAction('predictor:retrain');
  const onClick = async () => {
    const result = await retrain.run({});
    if (result.ok) onRetrained();
  };
  return (
    <section className="screen-section" aria-labelledby="retrain-title">
      <h2 id="retrain-title">Learning from your history</h2>
      <p>
        Retraining runs in the background on this profile&apos;s finished tasks. A new version replaces the active one
        only if it scores better on tasks held out from its training; otherwise the active version stays.
      </p>
      <div>
        <button type="button" className="primary" onClick={() => void onClick()} disabled={retrain.isRunning}>
          {retrain.isRunning ? 'Retraining…' : 'Retrain from history'}
        </button>
      </div>
      {retrain.error !== undefined && <ErrorMessage error={retrain.error} />}
      {versions.length === 0 ? (
        <EmptyState title="No retrained versions yet." />
      ) : (
        <>
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
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
