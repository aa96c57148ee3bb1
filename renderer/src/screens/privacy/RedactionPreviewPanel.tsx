import type { RedactionPreview } from '#shared/ipc/RedactionPreview.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { RedactedText } from '../../escalation/RedactedText.tsx';
import type { InvokeState } from '../../ipc/useInvoke.ts';

/** Props of RedactionPreviewPanel. */
export type RedactionPreviewPanelProps = {
  readonly sample: string;
  readonly onSampleChange: (sample: string) => void;
  readonly preview: InvokeState<RedactionPreview>;
};

/**
 * Sample text and what would leave the machine under the choices being edited, computed live by
 * the engine's redactor. Neither the sample nor the preview is stored.
 */
export function RedactionPreviewPanel({ sample, onSampleChange, preview }: RedactionPreviewPanelProps) {
  const result = preview.data;
  return (
    <div className="panel" aria-labelledby="redaction-preview-title">
      <h3 id="redaction-preview-title">Live preview</h3>
      <div className="form-field preview-sample">
        <label htmlFor="redaction-sample">Sample text</label>
        <textarea
          id="redaction-sample"
          rows={4}
          value={sample}
          spellCheck={false}
          onChange={(event) => onSampleChange(event.target.value)}
        />
        <span className="field-hint">Stays on this machine; it is never saved.</span>
      </div>
      {preview.error !== undefined ? (
        <ErrorMessage error={preview.error} title="Could not preview the redaction." onRetry={preview.reload} />
      ) : result === undefined ? (
        <p className="loading" role="status">
          Redacting…
        </p>
      ) : result.redacted === null ? (
        <p className="message message-warning">Fix the fields marked below the patterns to see the preview.</p>
      ) : (
        <>
          <p className="secondary-text">What would be sent:</p>
          <p className="egress-preview" data-testid="redaction-preview" aria-live="polite">
            <RedactedText text={result.redacted} />
          </p>
          <p className="secondary-text" data-testid="redaction-preview-count">
            {result.spans.length === 1 ? '1 redaction' : `${result.spans.length} redactions`}
            {result.spans.length > 0 && `: ${[...new Set(result.spans.map((span) => span.placeholder))].join(', ')}`}
          </p>
        </>
      )}
    </div>
  );
}
