import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { FlowStep } from './FlowStep.ts';

/** The tool name a text step carries in the flow graph (no real tool has it: tool names have no `#`). */
export const textStepTool = '#text';

/** A piece shorter than this many words joins the next one (a list number, "So:", "Yes."). */
export const shortestTextStep = 3;

const sentenceEnd = /(?<=[\p{L}\p{N})\]"'’”*][.!?…])\s+|\n+/u;

/**
 * Cuts a path's written reasoning into steps, the rule being: a step is a sentence or a line. Text
 * is cut at every line break and after `.`, `!`, `?` or `…` that follows a letter, digit, closing
 * bracket or quote and precedes whitespace (so "3.5" and "e.g.x" stay whole); a piece of fewer
 * than {@link shortestTextStep} words joins the next piece (the last one joins the previous).
 * @returns The steps in order, trimmed; none for blank text.
 */
export function splitTextSteps(text: string): string[] {
  const steps: string[] = [];
  let pending = '';
  for (const piece of text.split(sentenceEnd)) {
    const trimmed = piece.trim();
    if (trimmed === '') continue;
    pending = pending === '' ? trimmed : `${pending} ${trimmed}`;
    if (pending.split(/\s+/).length >= shortestTextStep) {
      steps.push(pending);
      pending = '';
    }
  }
  if (pending !== '') {
    if (steps.length === 0) steps.push(pending);
    else steps[steps.length - 1] = `${steps[steps.length - 1] ?? ''} ${pending}`;
  }
  return steps;
}

/** A text step as the flow graph takes a step: the text tool, the sentence as its argument, no result. */
export function textStep(text: string): FlowStep {
  return { tool: textStepTool, args: { text }, result: '' };
}

/**
 * The trajectory with every run that answered without calling a tool in two or more sentences cut
 * into text steps of its answer ({@link splitTextSteps}): the answer is the path's written
 * reasoning, so its sentences are the steps the flow graph clusters and a cut at `k` steps sees the
 * first `k` of them. A one-sentence answer has no reasoning to cut (it is the answer node alone);
 * runs with tool calls keep their steps unchanged.
 */
export function withTextSteps(trajectory: Trajectory): Trajectory {
  return {
    ...trajectory,
    runs: trajectory.runs.map((run) => {
      const steps = run.steps.length > 0 || run.answer === null ? [] : splitTextSteps(run.answer);
      if (steps.length < 2) return run;
      return { ...run, steps: steps.map((text) => ({ ...textStep(text), tokensIn: 0, tokensOut: 0 })) };
    }),
  };
}
