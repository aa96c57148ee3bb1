// Shared by the semantic vote tests: a tool-less open task run by scripted paths, and the
// checkpoint context the cold-start tests decide in.
import type { AnswerVectors } from '#core/agent/AnswerVectors.ts';
import { runTask } from '#core/agent/runTask.ts';
import type { CheckpointState } from '#core/agent/runTask.ts';
import { createPricing } from '#core/budget/priceTable.ts';
import type { OperatingPointName } from '#core/policy/operatingPoints.ts';
import { policyCheckpoint } from '#core/tasks/policyCheckpoint.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { createScriptedProvider } from '../../helpers/createScriptedProvider.ts';

/** runTask with one scripted path per answer (null: the path does not answer). */
export async function runOpenTask(pathAnswers: readonly (string | null)[], answerVectors?: AnswerVectors) {
  const local = createScriptedProvider({
    id: 'local:source',
    script: ({ seed }) => ({ calls: [], answer: pathAnswers[(seed - 1) % 1000] ?? null }),
  });
  return await runTask({
    taskId: 'open-1',
    task: { prompt: 'What should I check before renewing my lease?', tools: createWorldTools(), stepBudget: 4 },
    local,
    paths: pathAnswers.length,
    clock: { now: () => 0 },
    ...(answerVectors === undefined ? {} : { answerVectors }),
  });
}

/** policyCheckpoint on `state` with a cloud offered, no budget limit and auto-redact privacy. */
export function decideOpen(
  state: CheckpointState,
  operatingPoint: OperatingPointName,
  answerVectors?: readonly (Float32Array | null)[],
) {
  return policyCheckpoint(state, {
    operatingPoint,
    privacyMode: 'auto-redact',
    remainingBudget: null,
    cloudModel: 'gpt-4o-mini',
    pricing: createPricing(),
    modes: ['parallel', 'selective'],
    selectCount: 1,
    maxTokens: 256,
    ...(answerVectors === undefined ? {} : { answerVectors }),
  });
}
