import type { CheckpointState, PathSnapshot } from '#core/agent/runTask.ts';
import { normalizeAnswer } from '#core/agent/vote.ts';
import { coldStartAgreement } from '#core/policy/coldStartAgreement.ts';
import { pathValue } from '#core/tasks/policyCheckpoint.ts';

/** The names of worldCheckpointFeatures' columns, in order. */
export const worldCheckpointFeatureNames = [
  'agreement',
  'answerAgreement',
  'answeredShare',
  'pausedShare',
  'exhaustedShare',
  'distinctFirstCalls',
  'distinctAnswers',
  'toolErrorsPerPath',
  'loopingShare',
  'stepsUsedShare',
  'stepBudget',
  'operators',
  'unsupportedAnswerShare',
  'callsPerPath',
] as const;

const share = (count: number, of: number): number => (of === 0 ? 0 : count / of);

/** Tool results of a path, in order. */
function toolResults(path: PathSnapshot): unknown[] {
  return path.transcript.messages.flatMap((message) => (message.role === 'tool' ? [message.result] : []));
}

/** Did the path make the same call twice (a loop)? */
function isLooping(path: PathSnapshot): boolean {
  const seen = new Set(path.calls.map((call) => `${call.name}:${JSON.stringify(call.arguments)}`));
  return seen.size < path.calls.length;
}

/** Does the path's answer state a number that none of its calculator results gave (copied or made up)? */
function isUnsupportedAnswer(path: PathSnapshot): boolean {
  if (path.answer === null) return false;
  const numbers = path.answer.match(/-?\d+/g) ?? [];
  if (numbers.length === 0) return true;
  const results = new Set(toolResults(path).map((result) => String(result)));
  return !results.has(numbers[numbers.length - 1] as string);
}

/** Operators in the question (the user message), a difficulty the checkpoint can see. */
function operatorsOf(state: CheckpointState): number {
  const question = state.paths[0]?.transcript.messages.find((message) => message.role === 'user');
  const expression = question?.role === 'user' ? (question.text.match(/[\d+\-*/ ]+/g)?.join('') ?? '') : '';
  return (expression.match(/\d\s*[+\-*/]/g) ?? []).length;
}

/**
 * Features of a world task's checkpoint state for the failure predictor: only what the paths show
 * so far (never their future). The cold-start agreement, how many paths answered, paused or ran
 * out, how scattered their first calls and answers are, calculator errors, repeated identical calls,
 * the share of the step budget used, the task's size, and answers not backed by a calculator result.
 */
export function worldCheckpointFeatures(state: CheckpointState): number[] {
  const { paths } = state;
  const count = paths.length;
  const answered = paths.filter((path) => path.answer !== null);
  const answers = answered.map((path) => normalizeAnswer(path.answer as string));
  const firstCalls = new Set(
    paths.flatMap((path) => (path.calls[0] === undefined ? [] : [JSON.stringify(path.calls[0].arguments)])),
  );
  const errors = paths.reduce(
    (sum, path) =>
      sum + toolResults(path).filter((result) => typeof result === 'string' && result.startsWith('error')).length,
    0,
  );
  const calls = paths.reduce((sum, path) => sum + path.calls.length, 0);
  const steps = paths.reduce((sum, path) => sum + path.steps, 0);
  return [
    coldStartAgreement(paths.map(pathValue)),
    coldStartAgreement(answers.length === 0 ? [] : [...answers, ...Array<null>(count - answers.length).fill(null)]),
    share(answered.length, count),
    share(paths.filter((path) => path.status === 'paused').length, count),
    share(paths.filter((path) => path.status === 'exhausted').length, count),
    share(firstCalls.size, count),
    share(new Set(answers).size, count),
    share(errors, count),
    share(paths.filter(isLooping).length, count),
    share(steps, count * Math.max(1, state.stepBudget)),
    state.stepBudget,
    operatorsOf(state),
    share(paths.filter(isUnsupportedAnswer).length, count),
    share(calls, count),
  ];
}
