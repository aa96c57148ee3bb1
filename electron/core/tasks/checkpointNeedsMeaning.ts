import { isLongAnswer, type AnswerVectors } from '#core/agent/AnswerVectors.ts';
import { normalizeAnswer } from '#core/agent/vote.ts';
import type { CheckpointDecision, CheckpointState } from '#core/agent/runTask.ts';
import { coldStartAgreement } from '#core/policy/coldStartAgreement.ts';
import { operatingPoints, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import { pathValues } from './policyCheckpoint.ts';

/**
 * Whether answer vectors can change a checkpoint's decision, so that embedding the answers is worth
 * its cost (seconds per answer on a chat model). Vectors only merge long answers' exact groups, so
 * the cold-start agreement with them lies between the exact agreement and max(exact, long answers /
 * paths); when both ends lead to the same decision (escalate when 1 - agreement reaches
 * 1 - the operating point's level, as decideEscalation), vectors cannot change it. Only the cold
 * start: a history predictor's graph reads the vectors too (see checkpointVectors).
 * Fewer than two different long answers: nothing to merge.
 */
export function checkpointNeedsMeaning(paths: CheckpointState['paths'], operatingPoint: OperatingPointName): boolean {
  const long = paths.map((path) => path.answer).filter(isLongAnswer);
  if (new Set(long.map((answer) => normalizeAnswer(answer))).size < 2) return false;
  const exact = coldStartAgreement(pathValues(paths));
  const level = operatingPoints[operatingPoint].coldStartAgreement;
  const escalates = (agreement: number) => 1 - agreement >= 1 - level;
  return escalates(exact) !== escalates(Math.max(exact, long.length / paths.length));
}

/**
 * The answer vectors a checkpoint reads: embedded where they can change its decision, none otherwise.
 * @param hasPredictor A history predictor decides: its graph reads the vectors (answerVectors.lookup),
 * so they are always embedded.
 */
export async function checkpointVectors(
  answerVectors: AnswerVectors,
  state: CheckpointState,
  operatingPoint: OperatingPointName,
  options: { readonly hasPredictor: boolean; readonly signal?: AbortSignal | undefined },
): Promise<readonly (Float32Array | null)[]> {
  const { hasPredictor, signal } = options;
  if (!hasPredictor && !checkpointNeedsMeaning(state.paths, operatingPoint)) return [];
  return await answerVectors.embedAll(
    state.paths.map((path) => path.answer),
    signal,
  );
}

/**
 * `decide`, telling `answerVectors` when it escalates: the vote may then be among the escalated paths
 * alone, where a majority of all paths settles nothing (see AnswerVectors.noteEscalation).
 */
export function notingEscalation(
  answerVectors: AnswerVectors,
  decide: (state: CheckpointState) => Promise<CheckpointDecision>,
): (state: CheckpointState) => Promise<CheckpointDecision> {
  return async (state) => {
    const decision = await decide(state);
    if (decision.action.startsWith('escalate')) answerVectors.noteEscalation();
    return decision;
  };
}
