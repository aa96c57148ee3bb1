import { useState, type ChangeEvent } from 'react';
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

/** The most text the engine's preview takes (privacy:preview-redaction). */
export const maxSampleLength = 20_000;

/** A loaded file's text as the sample, cut to what the preview takes, and a note when it was cut. */
export function sampleFromFile(name: string, text: string): { sample: string; note: string | undefined } {
  if (text.length <= maxSampleLength) return { sample: text, note: undefined };
  return {
    sample: text.slice(0, maxSampleLength),
    note: `${name} is longer than 20,000 characters: the preview shows its beginning only.`,
  };
}

/**
 * Sample text and what would leave the machine under the choices being edited, computed live by
 * the engine's redactor. Neither the sample nor the preview is stored.
 */
export function RedactionPreviewPanel({ sample, onSampleChange, preview }: RedactionPreviewPanelProps) {
  const result = preview.data;
  const [fileNote, setFileNote] = useState<string | undefined>(undefined);
  async function loadFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const file = event.target.files?.[0];
    if (file === undefined) return;
    try {
      const loaded = sampleFromFile(file.name, await file.text());
      setFileNote(loaded.note);
      onSampleChange(loaded.sample);
    } catch {
      setFileNote(`${file.name} could not be read. Choose a text file (.txt, .md, .csv, .json, .jsonl).`);
    }
  }
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
      <div className="form-field">
        <label htmlFor="redaction-file">Or fill it from a text file</label>
        <input
          id="redaction-file"
          type="file"
          accept="text/*,.txt,.md,.csv,.json,.jsonl,.log"
          aria-describedby="redaction-file-hint"
          onChange={(event) => void loadFile(event)}
        />
        <span id="redaction-file-hint" className="field-hint">
          Read here only, up to 20,000 characters; the file itself is not changed or sent.
        </span>
        {fileNote !== undefined && (
          <p className="message message-warning" role="status" data-testid="redaction-file-note">
            {fileNote}
          </p>
        )}
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
