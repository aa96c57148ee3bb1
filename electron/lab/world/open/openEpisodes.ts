import { cutAfterCalls } from '#core/llm/chat/cutAfterCalls.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { JsonValue, Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { generateOpenTasks, type Duration, type OpenTask, type OpenTaskOptions } from './openTasks.ts';
import { writeCompareAnswer, writeConvertAnswer } from './openWordings.ts';

/** The open world's system prompt, the same in training and at the bench. */
export const openSystemPrompt = 'Use calc to count. Answer in a sentence.';

/** One scripted run on an open task, as a training transcript. */
export type OpenEpisode = {
  readonly task: OpenTask;
  /** "ideal", a failure kind, or "takeover-after-<kind>". */
  readonly policy: string;
  readonly answer: string | null;
  readonly isCorrect: boolean;
  readonly transcript: Transcript;
  /** For a takeover: the first message the taking-over model wrote (see renderTranscript's trainedFrom). */
  readonly trainedFrom?: number;
};

/** What a scripted solver does: calculator expressions in order, then an answer (null: ran out of budget). */
type Plan = { readonly calls: readonly string[]; readonly answer: (results: readonly JsonValue[]) => string | null };

export const convertFailures = ['wrongFactor', 'wrongOperand', 'dropRest', 'wrongUnit', 'premature', 'loop'] as const;
export const compareFailures = ['wrongProduct', 'flip', 'wrongComparison'] as const;
export type OpenFailure = (typeof convertFailures)[number] | (typeof compareFailures)[number];

/**
 * Relative weights of the ideal solver, takeovers and failures (a task's kind decides which apply),
 * and the failure kinds drawn (defaults to every kind of the task's kind).
 */
export type OpenPolicyMix = {
  readonly ideal: number;
  readonly takeover?: number;
  readonly failure?: number;
  readonly failures?: readonly OpenFailure[];
};

/**
 * The weak source's corpus (about 55% right) and the strong target's (ideal plus takeovers after the
 * note). The weak mix draws only failures that show before the checkpoint (half the step budget): a
 * wrong first call, an answer before any call, a wrong conversion in a compare answer. A wrong unit,
 * a loop or a contradicting claim would happen after it, where no checkpoint signal can see them,
 * and a comparison or claim written wrong on purpose would teach the decision with noisy labels;
 * the source's own uncertainty about which number is larger is the compare tasks' other failure.
 */
export const openPolicyMixes = {
  weak: { ideal: 0.55, failure: 0.45, failures: ['wrongFactor', 'wrongOperand', 'premature'] },
  target: { ideal: 0.7, takeover: 0.3 },
} as const satisfies Record<string, OpenPolicyMix>;

function idealPlan(task: OpenTask, random: () => number): Plan {
  if (task.kind === 'convert') {
    return {
      calls: [task.expression ?? ''],
      answer: (results) => writeConvertAnswer(task.pair.small, Number(results[0]), random),
    };
  }
  const claimed = winnerOf(task, productOf(task));
  return {
    calls: [],
    answer: () => writeCompareAnswer(task, { product: productOf(task), claimed, reasoning: true }, random),
  };
}

/** The larger-unit option converted to the smaller unit. */
function productOf(task: OpenTask): number {
  const big = task.options.find((option) => option.unit === task.pair.big);
  return (big?.count ?? 0) * task.pair.factor;
}

/** The option a solver claims when it believes the larger-unit option is `product` in the smaller unit. */
function winnerOf(task: OpenTask, product: number): Duration {
  const big = task.options.find((option) => option.unit === task.pair.big);
  const small = task.options.find((option) => option.unit === task.pair.small);
  const fallback = task.options[0] ?? { count: 0, unit: '' };
  return product > (small?.count ?? 0) ? (big ?? fallback) : (small ?? fallback);
}

function otherOption(task: OpenTask, option: Duration): Duration {
  return task.options.find((candidate) => candidate !== option) ?? option;
}

function failurePlan(task: OpenTask, kind: OpenFailure, random: () => number): Plan {
  const [big, rest] = task.options;
  const count = big?.count ?? 1;
  const restCount = rest?.count ?? 0;
  const restText = restCount > 0 ? `+${restCount}` : '';
  const off = 1 + Math.floor(random() * 3);
  const answerWith = (unit: string) => (results: readonly JsonValue[]) =>
    writeConvertAnswer(unit, Number(results.at(-1)), random);
  switch (kind) {
    case 'wrongFactor': {
      const factor = task.pair.factor + (random() < 0.5 ? -off : off);
      return { calls: [`${count}*${factor}${restText}`], answer: answerWith(task.pair.small) };
    }
    case 'wrongOperand':
      return { calls: [`${count + off}*${task.pair.factor}${restText}`], answer: answerWith(task.pair.small) };
    case 'dropRest':
      return { calls: [`${count}*${task.pair.factor}`], answer: answerWith(task.pair.small) };
    case 'wrongUnit':
      return { calls: [task.expression ?? ''], answer: answerWith(task.pair.big) };
    case 'premature':
      return { calls: [], answer: () => writeConvertAnswer(task.pair.small, task.value + off, random) };
    case 'loop':
      return { calls: Array.from({ length: task.stepBudget + 1 }, () => task.expression ?? ''), answer: () => null };
    case 'wrongProduct': {
      const bigCount = task.options.find((option) => option.unit === task.pair.big)?.count ?? 1;
      const product = bigCount * (task.pair.factor + (random() < 0.5 ? -off : off));
      const claimed = winnerOf(task, product);
      return { calls: [], answer: () => writeCompareAnswer(task, { product, claimed, reasoning: true }, random) };
    }
    case 'flip': {
      const claimed = otherOption(task, winnerOf(task, productOf(task)));
      return {
        calls: [],
        answer: () => writeCompareAnswer(task, { product: productOf(task), claimed, reasoning: true }, random),
      };
    }
    case 'wrongComparison': {
      // The right product, the comparison word turned around, and the claim that follows from it.
      const small = task.options.find((option) => option.unit === task.pair.small);
      const isMore = !(productOf(task) > (small?.count ?? 0));
      const claimed = otherOption(task, winnerOf(task, productOf(task)));
      return {
        calls: [],
        answer: () => writeCompareAnswer(task, { product: productOf(task), claimed, reasoning: true, isMore }, random),
      };
    }
  }
}

/**
 * Runs a plan against the real calculator within the task's step budget (a call beyond it ends the
 * episode without an answer) and records the transcript as the engine would.
 */
export function runOpenPlan(task: OpenTask, plan: Plan, policy: string): OpenEpisode {
  const tools = createWorldTools();
  const messages: TranscriptMessage[] = [
    { role: 'system', text: openSystemPrompt },
    { role: 'user', text: task.question },
  ];
  const results: JsonValue[] = [];
  for (const expr of plan.calls) {
    if (results.length >= task.stepBudget) break;
    const result = tools.call('calc', { expr });
    const id = `call-${results.length + 1}`;
    results.push(result);
    messages.push({ role: 'assistant', text: '', toolCalls: [{ id, name: 'calc', arguments: { expr } }] });
    messages.push({ role: 'tool', callId: id, name: 'calc', result });
  }
  const answer = plan.calls.length > task.stepBudget ? null : plan.answer(results);
  if (answer !== null) messages.push({ role: 'assistant', text: answer, toolCalls: [] });
  return { task, policy, answer, isCorrect: task.verify(answer), transcript: { tools: tools.definitions, messages } };
}

/** The ideal solver's episode. */
export function idealOpenEpisode(task: OpenTask, random: () => number): OpenEpisode {
  return runOpenPlan(task, idealPlan(task, random), 'ideal');
}

/**
 * A failing episode of `kind`. A failure that happens to be right becomes a wrong operand (convert)
 * or, on compare, another draw of the same kind (a wrong conversion whose claim still follows from
 * it), which may be right again: a slip that does not change the winner.
 */
export function failingOpenEpisode(task: OpenTask, kind: OpenFailure, random: () => number): OpenEpisode {
  const episode = runOpenPlan(task, failurePlan(task, kind, random), kind);
  if (!episode.isCorrect) return episode;
  const fallback: OpenFailure = task.kind === 'convert' ? 'wrongOperand' : kind;
  return runOpenPlan(task, failurePlan(task, fallback, random), fallback);
}

/**
 * A weak failure cut as a hotswap cuts it (after floor(budget / 2) calls), the handoff note, then
 * the ideal solver from scratch; only that redo is trained on.
 */
export function takeoverOpenEpisode(task: OpenTask, kind: OpenFailure, random: () => number): OpenEpisode {
  const failed = failingOpenEpisode(task, kind, random);
  const { transcript } = cutAfterCalls(failed.transcript, Math.floor(task.stepBudget / 2));
  const handedOver = [...transcript.messages, handoffNote];
  const redo = idealOpenEpisode(task, random);
  const calls = transcript.messages.filter((message) => message.role === 'tool').length;
  const renumber = (id: string): string => `call-${Number(id.slice('call-'.length)) + calls}`;
  const redoMessages = redo.transcript.messages.slice(2).map((message): TranscriptMessage => {
    if (message.role === 'assistant')
      return { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call, id: renumber(call.id) })) };
    if (message.role === 'tool') return { ...message, callId: renumber(message.callId) };
    return message;
  });
  return {
    task,
    policy: `takeover-after-${failed.policy}`,
    answer: redo.answer,
    isCorrect: redo.isCorrect,
    transcript: { tools: transcript.tools, messages: [...handedOver, ...redoMessages] },
    trainedFrom: handedOver.length,
  };
}

/** One episode per generated task, the solver drawn from `mix` with a second seeded stream. */
export function generateOpenEpisodes(options: OpenTaskOptions & { readonly mix: OpenPolicyMix }): OpenEpisode[] {
  const random = createRandom((options.seed ^ 0x2c1b3c6d) >>> 0);
  const { ideal, takeover = 0, failure = 0 } = options.mix;
  return generateOpenTasks(options).map((task) => {
    const draw = random() * (ideal + takeover + failure);
    const ofKind: readonly OpenFailure[] = task.kind === 'convert' ? convertFailures : compareFailures;
    const kinds = ofKind.filter((kind) => options.mix.failures?.includes(kind) ?? true);
    const kind = kinds[Math.floor(random() * kinds.length)];
    if (draw < ideal || kind === undefined) return idealOpenEpisode(task, random);
    if (draw < ideal + takeover) return takeoverOpenEpisode(task, kind, random);
    return failingOpenEpisode(task, kind, random);
  });
}
