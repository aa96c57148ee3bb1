import { useEffect, useRef, useState } from 'react';
import { AsyncContent } from '../components/AsyncContent.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ScreenFrame } from '../components/ScreenFrame.tsx';
import { useInvoke } from '../ipc/useInvoke.ts';
import { useInvokeAction } from '../ipc/useInvokeAction.ts';
import { useTaskRuns } from '../tasks/useTaskRuns.ts';
import { ChatHeader } from './chat/ChatHeader.tsx';
import { ChatTurn } from './chat/ChatTurn.tsx';
import { Composer, type TurnTask } from './chat/Composer.tsx';
import { ThreadActions } from './chat/ThreadActions.tsx';
import { ThreadList } from './chat/ThreadList.tsx';
import { useChatCloud } from './chat/useChatCloud.ts';

/**
 * The main screen: a conversation with the local model. Each turn is a task (several paths that
 * vote, a checkpoint, escalation through the privacy gate), and a follow-up carries the chat so far.
 */
export function ChatScreen() {
  const { runs } = useTaskRuns();
  const [threadId, setThreadId] = useState<string | null>(null);
  const [listVersion, setListVersion] = useState(0);
  const cloud = useChatCloud(threadId);
  const [pendingTaskId, setPendingTaskId] = useState<string | null>(null);
  const send = useInvokeAction('thread:send');
  const cancel = useInvokeAction('task:cancel');
  const pendingRun = pendingTaskId === null ? undefined : runs.get(pendingTaskId);
  const isRunning =
    pendingTaskId !== null &&
    pendingRun?.phase !== 'finished' &&
    pendingRun?.phase !== 'cancelled' &&
    pendingRun?.phase !== 'failed';
  // The open chat reloads when one of this page's turns ends, so the recorded answer replaces the stream.
  const finished = [...runs.values()].filter((run) => run.phase !== 'running').length;

  function sendTurn(task: TurnTask): void {
    // What the header shows is what the turn uses (while it loads, the engine applies the same choice).
    const withCloud = cloud.providerId === undefined ? task : { ...task, cloudProviderId: cloud.providerId };
    void send.run(threadId === null ? { task: withCloud } : { threadId, task: withCloud }).then((result) => {
      if (!result.ok) return;
      setPendingTaskId(result.value.taskId);
      setThreadId(result.value.threadId);
      setListVersion((version) => version + 1);
    });
  }

  return (
    <ScreenFrame title="Chat">
      <div className="chat-layout">
        <ThreadList
          key={listVersion}
          version={listVersion}
          selectedId={threadId}
          onSelect={(id) => {
            setThreadId(id);
            setPendingTaskId(null);
          }}
        />
        <div className="chat-main">
          <ChatHeader cloud={cloud.providerId} onCloudChange={cloud.choose} />
          {cloud.error !== undefined && <ErrorMessage error={cloud.error} title="Could not keep the cloud choice." />}
          {threadId === null ? (
            <p className="secondary-text chat-empty">
              A new chat. The local model answers on several paths that vote; a follow-up carries the chat so far.
            </p>
          ) : (
            <Conversation
              key={`${threadId} ${pendingTaskId ?? ''} ${finished}`}
              threadId={threadId}
              runs={runs}
              onChanged={() => setListVersion((version) => version + 1)}
              onDeleted={() => {
                setThreadId(null);
                setListVersion((version) => version + 1);
              }}
            />
          )}
          {send.error !== undefined && <ErrorMessage error={send.error} title="Could not send the message." />}
          {cancel.error !== undefined && <ErrorMessage error={cancel.error} title="Could not stop the turn." />}
          <Composer
            isRunning={isRunning}
            isSending={send.isRunning}
            onSend={sendTurn}
            onStop={() => {
              if (pendingTaskId !== null) void cancel.run({ taskId: pendingTaskId });
            }}
          />
        </div>
      </div>
    </ScreenFrame>
  );
}

type ConversationProps = {
  readonly threadId: string;
  readonly runs: ReturnType<typeof useTaskRuns>['runs'];
  readonly onChanged: () => void;
  readonly onDeleted: () => void;
};

function Conversation({ threadId, runs, onChanged, onDeleted }: ConversationProps) {
  const thread = useInvoke('thread:get', { threadId });
  const end = useRef<HTMLDivElement>(null);
  const lastRun = thread.data?.turns.at(-1)?.taskId;
  const tokens = lastRun === undefined || lastRun === null ? 0 : (runs.get(lastRun)?.lanes.length ?? 0);
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [thread.data, tokens]);
  return (
    <AsyncContent state={thread} label="the chat">
      {(data) => (
        <div className="chat-conversation">
          <ThreadActions
            thread={data}
            onChanged={() => {
              thread.reload();
              onChanged();
            }}
            onDeleted={onDeleted}
          />
          <ol className="chat-turns" aria-label="Messages">
            {data.turns.map((turn) => (
              <ChatTurn key={turn.id} turn={turn} run={turn.taskId === null ? undefined : runs.get(turn.taskId)} />
            ))}
          </ol>
          <div ref={end} />
        </div>
      )}
    </AsyncContent>
  );
}
