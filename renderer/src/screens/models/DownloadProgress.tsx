import type { ModelDownload } from '#shared/ipc/ModelCatalog.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatBytes } from '../../format/formatBytes.ts';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';
import { formatDuration } from './formatDuration.ts';

/** Props of DownloadProgress. */
export type DownloadProgressProps = {
  readonly download: ModelDownload;
  /** Resumes: asks for the same link again (the engine continues from the `.part`). */
  readonly onResume: () => void;
  readonly isResuming: boolean;
};

const checksumText: Record<ModelDownload['checksum'], string> = {
  pending: 'Checksum: checked when complete',
  verified: 'Checksum verified (sha256)',
  unverified: 'No published checksum; computed sha256 shown',
  mismatch: 'Checksum mismatch: the file was deleted',
};

/**
 * How a download's bar and main button look: only a running download of unknown size (or its
 * check) animates, a stopped one stays where it stopped; the button continues from the kept `.part`
 * (Resume) unless nothing was kept or the finished file failed its check and was deleted.
 */
export function downloadBar(download: ModelDownload): { isIndeterminate: boolean; canContinue: boolean } {
  const isRunning = download.state === 'downloading' || download.state === 'verifying';
  return {
    isIndeterminate: download.state === 'verifying' || (isRunning && download.totalBytes === null),
    canContinue: download.state === 'paused' || (download.receivedBytes > 0 && download.checksum !== 'mismatch'),
  };
}

/** One download: a labelled progress bar, bytes, speed, time left, checksum, and its buttons. */
export function DownloadProgress({ download, onResume, isResuming }: DownloadProgressProps) {
  const cancel = useInvokeAction('model:cancel-download');
  const total = download.totalBytes;
  const percent = total === null || total === 0 ? null : Math.min(100, (download.receivedBytes / total) * 100);
  const speed = download.bytesPerSecond;
  const secondsLeft = total !== null && speed !== null && speed > 0 ? (total - download.receivedBytes) / speed : null;
  const isRunning = download.state === 'downloading' || download.state === 'verifying';
  const { isIndeterminate, canContinue } = downloadBar(download);
  const label = `Download of ${download.fileName}`;
  return (
    <div
      className="download-progress"
      role="group"
      data-testid="model-download"
      data-state={download.state}
      aria-label={label}
    >
      <div className="download-line">
        <progress
          data-testid="download-bar"
          aria-label={`${label} progress`}
          max={total ?? Math.max(1, download.receivedBytes)}
          value={isIndeterminate ? undefined : download.receivedBytes}
        />
        <span className="download-figures" data-testid="download-figures">
          {download.state === 'verifying'
            ? 'Verifying the checksum and the GGUF header…'
            : `${formatBytes(download.receivedBytes)}${total === null ? '' : ` of ${formatBytes(total)}`}${
                percent === null ? '' : ` (${percent.toFixed(0)}%)`
              }`}
          {download.state === 'downloading' && speed !== null && ` · ${formatBytes(speed)}/s`}
          {download.state === 'downloading' && secondsLeft !== null && ` · ${formatDuration(secondsLeft)} left`}
          {download.state === 'paused' && ' · Paused'}
          {download.state === 'completed' && ' · Installed'}
        </span>
        <span className="download-actions">
          {isRunning && (
            <button
              type="button"
              onClick={() => void cancel.run({ downloadId: download.id })}
              disabled={cancel.isRunning || download.state === 'verifying'}
            >
              Cancel
            </button>
          )}
          {(download.state === 'paused' || download.state === 'failed') && (
            <button type="button" className="primary" onClick={onResume} disabled={isResuming}>
              {canContinue ? 'Resume' : 'Download again'}
            </button>
          )}
          {(download.state === 'paused' || download.state === 'failed') && (
            <button
              type="button"
              onClick={() => void cancel.run({ downloadId: download.id, discard: true })}
              disabled={cancel.isRunning}
            >
              Discard
            </button>
          )}
        </span>
      </div>
      <p className="field-hint" data-testid="download-checksum" data-checksum={download.checksum}>
        {checksumText[download.checksum]}
        {download.expectedSha256 !== null && download.checksum === 'pending' && (
          <>
            {' '}
            against <code className="hash">{download.expectedSha256}</code>
          </>
        )}
        {download.sha256 !== null && (
          <>
            {' '}
            · sha256 <code className="hash">{download.sha256}</code>
          </>
        )}
      </p>
      {download.error !== null && (
        <ErrorMessage
          error={download.error}
          title={download.state === 'paused' ? 'The download stopped.' : 'The download failed.'}
        />
      )}
      {cancel.error !== undefined && <ErrorMessage error={cancel.error} title="Could not stop the download." />}
    </div>
  );
}
