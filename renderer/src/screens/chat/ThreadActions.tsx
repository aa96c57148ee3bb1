import { useState } from 'react';
import type { ThreadDetail, ThreadExport } from '#shared/ipc/Thread.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useInvokeAction } from '../../ipc/useInvokeAction.ts';

/** Props of ThreadActions. */
export type ThreadActionsProps = {
  readonly thread: ThreadDetail;
  readonly onChanged: () => void;
  readonly onDeleted: () => void;
};

/** Offers an exported thread as a file download. */
function download(file: ThreadExport): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Rename, export (Markdown or JSON) and delete the open chat. */
export function ThreadActions({ thread, onChanged, onDeleted }: ThreadActionsProps) {
  const rename = useInvokeAction('thread:rename');
  const remove = useInvokeAction('thread:delete');
  const exportThread = useInvokeAction('thread:export');
  const [title, setTitle] = useState<string | null>(null);
  const error = rename.error ?? remove.error ?? exportThread.error;

  function save(): void {
    if (title === null || title.trim() === '') return;
    void rename.run({ threadId: thread.id, title: title.trim() }).then((result) => {
      if (result.ok) {
        setTitle(null);
        onChanged();
      }
    });
  }

  return (
    <div className="chat-thread-actions">
      {title === null ? (
        <h2 className="chat-title" title={thread.title}>
          {thread.title}
        </h2>
      ) : (
        <form
          className="chat-rename"
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <label htmlFor="chat-rename">Name</label>
          <input id="chat-rename" value={title} onChange={(event) => setTitle(event.target.value)} autoFocus />
          <button type="submit">Save</button>
          <button type="button" onClick={() => setTitle(null)}>
            Cancel
          </button>
        </form>
      )}
      <div className="chat-thread-buttons">
        {title === null && (
          <button type="button" onClick={() => setTitle(thread.title)}>
            Rename
          </button>
        )}
        <button
          type="button"
          onClick={() =>
            void exportThread.run({ threadId: thread.id, format: 'markdown' }).then((r) => r.ok && download(r.value))
          }
        >
          Export Markdown
        </button>
        <button
          type="button"
          onClick={() =>
            void exportThread.run({ threadId: thread.id, format: 'json' }).then((r) => r.ok && download(r.value))
          }
        >
          Export JSON
        </button>
        <button
          type="button"
          onClick={() => {
            if (!window.confirm(`Delete the chat "${thread.title}"? Its tasks stay in History.`)) return;
            void remove.run({ threadId: thread.id }).then((result) => result.ok && onDeleted());
          }}
        >
          Delete
        </button>
      </div>
      {error !== undefined && <ErrorMessage error={error} title="That did not work." />}
    </div>
  );
}
