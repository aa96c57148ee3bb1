import { useState } from 'react';
import type { ThreadSummary } from '#shared/ipc/Thread.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useInvoke } from '../../ipc/useInvoke.ts';

/** Props of ThreadList. */
export type ThreadListProps = {
  readonly selectedId: string | null;
  /** Changes whenever a thread is added to or changed: the list reloads. */
  readonly version: number;
  readonly onSelect: (threadId: string | null) => void;
};

/** The chats of the profile, most recent first, with a search over titles, questions and answers. */
export function ThreadList({ selectedId, version, onSelect }: ThreadListProps) {
  const [query, setQuery] = useState('');
  const threads = useInvoke('thread:list', query.trim() === '' ? { limit: 200 } : { limit: 200, query: query.trim() });
  return (
    <aside className="chat-threads" aria-label="Chats" data-version={version}>
      <button type="button" className="primary chat-new" onClick={() => onSelect(null)}>
        New chat
      </button>
      <label htmlFor="chat-search" className="visually-hidden">
        Search chats
      </label>
      <input
        id="chat-search"
        type="search"
        placeholder="Search chats"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {threads.error !== undefined && <ErrorMessage error={threads.error} title="Could not load the chats." />}
      <ul className="chat-thread-list" data-testid="thread-list">
        {(threads.data ?? []).map((thread: ThreadSummary) => (
          <li key={thread.id}>
            <button
              type="button"
              className="chat-thread-link"
              aria-current={thread.id === selectedId ? 'true' : undefined}
              title={thread.title}
              onClick={() => onSelect(thread.id)}
            >
              {thread.title}
            </button>
          </li>
        ))}
      </ul>
      {threads.data?.length === 0 && (
        <p className="secondary-text">{query.trim() === '' ? 'No chats yet.' : 'No chat matches.'}</p>
      )}
    </aside>
  );
}
