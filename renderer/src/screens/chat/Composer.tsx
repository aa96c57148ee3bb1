import { useState, type FormEvent } from 'react';
import type { InvokeRequest } from '#shared/ipc/contract.ts';
import { appendFolder, PickFolderButton } from '../../components/PickFolderButton.tsx';

/** The task options a chat turn sends (its question is added by the composer). */
export type TurnTask = InvokeRequest<'task:start'>;

/** Props of Composer. */
export type ComposerProps = {
  readonly isRunning: boolean;
  readonly isSending: boolean;
  readonly onSend: (task: TurnTask) => void;
  readonly onStop: () => void;
};

type Escalation = 'auto' | 'never' | 'always';

/** Where the person writes: the question, Send or Stop, and the turn's options (paths, escalation, granted folders). */
export function Composer({ isRunning, isSending, onSend, onStop }: ComposerProps) {
  const [prompt, setPrompt] = useState('');
  const [paths, setPaths] = useState('');
  const [escalation, setEscalation] = useState<Escalation>('auto');
  const [folders, setFolders] = useState('');

  function submit(event: FormEvent): void {
    event.preventDefault();
    const question = prompt.trim();
    if (question === '' || isRunning) return;
    const granted = folders
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    onSend({
      prompt: question,
      escalation,
      ...(paths === '' ? {} : { paths: Number(paths) }),
      ...(granted.length === 0 ? {} : { grantedFolders: granted }),
    });
    setPrompt('');
  }

  return (
    <form className="chat-composer" onSubmit={submit} aria-label="Ask">
      <label htmlFor="chat-prompt" className="visually-hidden">
        Your message
      </label>
      <textarea
        id="chat-prompt"
        rows={2}
        value={prompt}
        placeholder="Ask a question, or follow up on the answer above"
        onChange={(event) => setPrompt(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) submit(event);
        }}
      />
      <div className="chat-composer-actions">
        {isRunning ? (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={isSending || prompt.trim() === ''}>
            Send
          </button>
        )}
      </div>
      <details className="chat-options">
        <summary>Options</summary>
        <div className="chat-options-grid">
          <div className="form-field">
            <label htmlFor="chat-paths">Paths (blank: the Settings default)</label>
            <input
              id="chat-paths"
              type="number"
              min={1}
              max={32}
              value={paths}
              onChange={(event) => setPaths(event.target.value)}
            />
          </div>
          <div className="form-field">
            <label htmlFor="chat-escalation">Cloud help at the checkpoint</label>
            <select
              id="chat-escalation"
              value={escalation}
              onChange={(event) => setEscalation(event.target.value as Escalation)}
            >
              <option value="auto">When the policy expects a failure</option>
              <option value="never">Never: stay local</option>
              <option value="always">Always</option>
            </select>
          </div>
          <div className="form-field">
            <label htmlFor="chat-folders">Folders the paths may read (one absolute path a line)</label>
            <textarea id="chat-folders" rows={2} value={folders} onChange={(event) => setFolders(event.target.value)} />
            <PickFolderButton onPick={(folder) => setFolders((text) => appendFolder(text, folder))} />
          </div>
        </div>
      </details>
    </form>
  );
}
