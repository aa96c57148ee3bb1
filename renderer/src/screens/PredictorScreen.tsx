import { AsyncContent } from '../components/AsyncContent.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { RefreshButton } from '../components/RefreshButton.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { StatisticGrid } from '../components/StatisticGrid.tsx';
import { formatCount } from '../format/formatCount.ts';
import { formatDateTime } from '../format/formatDateTime.ts';
import { useInvoke } from '../ipc/useInvoke.ts';
import { RocChart } from './predictor/RocChart.tsx';
import { RetrainSection } from './predictor/RetrainSection.tsx';

/** The failure predictor: its saved checkpoints, its training data, and anything wrong with them. */
export function PredictorScreen() {
  const status = useInvoke('predictor:get-status', {});
  return (
    <ScreenFrame
      title="Predictor"
      description="The failure predictor reads a path's semantic flow graph after k steps and flags paths likely to fail."
      actions={<RefreshButton onRefresh={status.reload} isLoading={status.isLoading} />}
    >
      <AsyncContent state={status} label="the predictor status">
        {(loaded) => (
          <>
            <StatisticGrid
              label="Predictor summary"
              statistics={[
                { label: 'Checkpoints', value: formatCount(loaded.checkpoints.length) },
                { label: 'Labelled tasks (history size)', value: formatCount(loaded.labelledTasks) },
                { label: 'Retrained versions', value: formatCount(loaded.versions.length) },
              ]}
            />
            {loaded.problems.length > 0 && (
              <div className="message message-warning" role="alert">
                <strong>Problems with the predictor:</strong>
                <ul>
                  {loaded.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </div>
            )}
            <section className="screen-section" aria-labelledby="checkpoints-title">
              <h2 id="checkpoints-title">Checkpoints</h2>
              {loaded.checkpoints.length === 0 ? (
                <EmptyState title="No predictor has been trained yet.">
                  <p>
                    Without a checkpoint, every path runs to the end on the local model. Finished tasks of this profile
                    become training labels; checkpoints appear here once a predictor has been trained on them.
                  </p>
                </EmptyState>
              ) : (
                <table className="data-table">
                  <caption className="visually-hidden">Predictor checkpoints</caption>
                  <thead>
                    <tr>
                      <th scope="col" className="numeric">
                        k
                      </th>
                      <th scope="col" className="numeric">
                        Version
                      </th>
                      <th scope="col">Trained at</th>
                      <th scope="col">Metrics</th>
                      <th scope="col">File</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...loaded.checkpoints]
                      .sort((first, second) => first.k - second.k || second.version - first.version)
                      .map((checkpoint) => (
                        <tr key={checkpoint.file}>
                          <td className="numeric">{checkpoint.k}</td>
                          <td className="numeric">{checkpoint.version}</td>
                          <td className="nowrap">{formatDateTime(checkpoint.trainedAt)}</td>
                          <td className={checkpoint.evaluation === null ? 'secondary-text' : undefined}>
                            {checkpoint.evaluation === null
                              ? 'Not stored in the file'
                              : `accuracy ${checkpoint.evaluation.accuracy.toFixed(3)} (statistics baseline ${checkpoint.evaluation.statsBaselineAccuracy.toFixed(3)}), ROC-AUC ${checkpoint.evaluation.rocAuc.toFixed(3)}, precision ${checkpoint.evaluation.precision.toFixed(3)}, recall ${checkpoint.evaluation.recall.toFixed(3)}; ${checkpoint.evaluation.tasks} tasks of ${checkpoint.evaluation.data}`}
                          </td>
                          <td className="file-name">{checkpoint.file}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              )}
              <RocChart checkpoints={loaded.checkpoints} />
            </section>
            <RetrainSection versions={loaded.versions} onRetrained={status.reload} />
          </>
        )}
      </AsyncContent>
    </ScreenFrame>
  );
}
