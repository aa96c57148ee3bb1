// One path of a task on the folder tools and calc, handed over with the `continue` kind at its second
// step to the given escalation (every checkpoint decides to escalate): the run the continue
// handover's egress tests share.
import type { TaskEvent } from '#shared/taskEvents.ts';
import { runTask, type CheckpointDecision, type Escalation } from '#core/agent/runTask.ts';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { calcTool } from '#core/world/calcTool.ts';

const escalateAll: CheckpointDecision = {
  action: 'escalate-parallel',
  explanation: { decidedBy: 'test script', failureProbability: null, threshold: null, reason: 'scripted', facts: {} },
};

/** Runs the task `t` over `folder`; the events it emitted come back beside its outcome. */
export async function runContinueHandover(options: {
  readonly prompt: string;
  readonly folder: string;
  readonly local: ChatProvider;
  readonly escalation: Escalation;
  readonly stepBudget: number;
}) {
  const events: TaskEvent[] = [];
  const outcome = await runTask({
    task: {
      prompt: options.prompt,
      tools: createToolRegistry([...createFolderTools({ roots: [options.folder] }), calcTool]),
      stepBudget: options.stepBudget,
    },
    taskId: 't',
    local: options.local,
    paths: 1,
    clock: { now: () => Date.now() },
    escalation: options.escalation,
    handover: 'continue',
    checkpoint: { at: 2, decide: () => escalateAll },
    onEvent: (event) => events.push(event),
  });
  return { outcome, events };
}
