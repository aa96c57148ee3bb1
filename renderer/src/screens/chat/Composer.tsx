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

/** When a turn asks a cloud for help at the checkpoint. */
export type Escalation = 'auto' | 'never' | 'always';

/**
 * Enter sends; Shift+Enter adds a line; an Enter that confirms an input method's composition (Japanese,
 * Chinese, Korean) only confirms it, never sends a half-typed message.
 */
export function isSendKey(key: { readonly key: string; readonly shiftKey: boolean; readonly isComposing: boolean }) {
  return key.key === 'Enter' && !key.shiftKey && !key.isComposing;
}

/** The folders typed one a line, without blank lines. */
function grantedFolders(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const escalationWords: Record<Escalation, string> = {
  auto: 'when the policy expects a failure',
  never: 'never',
  always: 'always',
};

/**
 * The options' summary: what differs from the defaults shows while the options are folded, since
 * they stay as set for the next turns and new chats ("Options · cloud help: always").
 */
export function optionsSummary(paths: string, escalation: Escalation, folderCount: number): string {
  const parts = ['Options'];
  if (paths.trim() !== '') parts.push(`${paths.trim()} ${paths.trim() === '1' ? 'path' : 'paths'}`);
  if (escalation !== 'auto') parts.push(`cloud help: ${escalationWords[escalation]}`);
  if (folderCount > 0) parts.push(`${folderCount} ${folderCount === 1 ? 'folder' : 'folders'} readable`);
  return parts.join(' · ');
}

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
    const granted = grantedFolders(folders);
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
      {/* Focused when the chat opens, so typing starts at once (as in ChatGPT and LM Studio). */}
      <textarea
        id="chat-prompt"
        rows={2}
        autoFocus
        value={prompt}
        placeholder="Ask a question, or follow up on the answer above"
        onChange={(event) => setPrompt(event.target.value)}
        onKeyDown={(event) => {
          if (isSendKey({ key: event.key, shiftKey: event.shiftKey, isComposing: event.nativeEvent.isComposing }))
            submit(event);
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
        <summary>{optionsSummary(paths, escalation, grantedFolders(folders).length)}</summary>
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
