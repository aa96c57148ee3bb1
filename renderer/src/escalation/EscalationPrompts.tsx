import type { EgressDecision } from '#shared/ipc/EgressPrompt.ts';
import { useInvokeAction } from '../ipc/useInvokeAction.ts';
import { useTaskRuns } from '../tasks/useTaskRuns.ts';
import { EscalationDialog } from './EscalationDialog.tsx';

/** Shows the oldest open escalation question, on whichever screen is open, and sends the answer (or stops its task). */
export function EscalationPrompts() {
  const { prompts, store } = useTaskRuns();
  const answer = useInvokeAction('egress:answer');
  const cancel = useInvokeAction('task:cancel');
  const prompt = prompts[0];

  function send(requestId: string, decision: EgressDecision): void {
    void answer.run({ requestId, decision }).then((result) => {
      // Answered, or no longer open (the task ended): either way the question is gone.
      if (result.ok) store.removePrompt(requestId);
    });
  }

  if (prompt === undefined) return null;
  return (
    <EscalationDialog
      key={prompt.requestId}
      prompt={prompt}
      isAnswering={answer.isRunning}
      error={answer.error}
      onAnswer={(decision) => send(prompt.requestId, decision)}
      onStopTask={() => {
        // Cancelling denies the task's open questions in the engine; the question goes with it.
        void cancel.run({ taskId: prompt.taskId }).then(() => store.removePrompt(prompt.requestId));
      }}
    />
  );
}
