import type { TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import { createWorldTools, type WorldTools } from '#core/world/createWorldTools.ts';
import type { Episode } from './Episode.ts';
import type { EpisodeStep, WorldPolicy } from './WorldPolicy.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';

/** Options of {@link runEpisode}. */
export type RunEpisodeOptions = {
  /** Defaults to `createWorldTools()` (the calculator). */
  tools?: WorldTools;
  /** Defaults to {@link worldSystemPrompt}. */
  systemPrompt?: string;
};

/**
 * Runs a policy on a task: every call it asks for is executed by the world's tools (the results are
 * real, never made up by the policy) until it answers or has used the task's step budget; a call
 * beyond the budget ends the episode without an answer.
 */
export function runEpisode(task: WorldTask, policy: WorldPolicy, options: RunEpisodeOptions = {}): Episode {
  const tools = options.tools ?? createWorldTools();
  const messages: TranscriptMessage[] = [
    { role: 'system', text: options.systemPrompt ?? worldSystemPrompt },
    { role: 'user', text: task.question },
  ];
  const steps: EpisodeStep[] = [];
  let answer: string | null = null;
  for (;;) {
    const action = policy.decide(task, steps);
    if (action.kind === 'answer') {
      answer = action.text;
      messages.push({ role: 'assistant', text: action.text, toolCalls: [] });
      break;
    }
    if (steps.length >= task.stepBudget) break;
    const result = tools.call(action.name, action.arguments);
    const id = `call-${steps.length + 1}`;
    steps.push({ name: action.name, arguments: action.arguments, result });
    messages.push({ role: 'assistant', text: '', toolCalls: [{ id, name: action.name, arguments: action.arguments }] });
    messages.push({ role: 'tool', callId: id, name: action.name, result });
  }
  return {
    task,
    policy: policy.name,
    steps,
    answer,
    stoppedBy: answer === null ? 'budget' : 'answer',
    isCorrect: task.verify(answer),
    transcript: { tools: tools.definitions, messages },
  };
}
