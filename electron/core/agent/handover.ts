import { defaultHandover, handoverKinds, type HandoverKind } from '#shared/taskRequest.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import { cutAfterCalls } from '#core/llm/chat/cutAfterCalls.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { JsonValue, Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';

/**
 * What a hotswap sends the stronger model for a migrated path (`handoverKinds` in shared):
 * - `transcript`: the path's transcript up to its last executed call and the handoff note, with the
 *   rest of its step budget and token allowance: the in-flight context migrates (the hotswap).
 * - `restart`: the task alone (system prompt and question), as if the path started on the stronger
 *   model, with the whole step budget and token allowance. The local work is dropped; only the
 *   question leaves the machine, and the cloud does not re-read the local work on every call.
 * - `digest`: the question, one message listing the calls the path executed and their results (no
 *   assistant text), the handoff note; the whole budget.
 * - `transcript-full`: the transcript with the whole budget.
 * - `continue`: the digest's question and executed calls with the `continueNote` instead of the
 *   handoff note ("check each step, keep the sound ones and go on from the last sound one"), with the
 *   whole budget: a continuation after an early slip needs room to redo. The digest rather than the
 *   transcript because the long world's scripted check (electron/lab/world/long, docs/BENCHMARKS.md)
 *   measured digest/continue best per dollar of the continuing handovers: 1.05x the rescues and
 *   1.19x the success per dollar of restart on seeds 21-23 (transcript-full/continue 0.99x and
 *   1.12x): the same steps in fewer tokens, re-read on every later request. The same note and format
 *   for any cloud model.
 */
export { handoverKinds, type HandoverKind };

/**
 * The handover of a task that names none (declared in shared, so the Tasks form preselects the same):
 * the kind with the best success per dollar as measured live (issue 19.3, docs/BENCHMARKS.md,
 * `bench policy` on seeds 9000001, 7000001, 6000001, every checkpoint task handed over selectively):
 * `restart` solved 92.5 / 91.0 / 94.0% of the tasks at 1.00x the cost of one target path, `transcript`
 * 88.0 / 90.5 / 90.5% at 1.43-1.46x (the local transcript is re-read at the cloud's price on every
 * call) and `digest` 7%: restart has 1.43-1.53x the transcript's success per dollar. It also sends
 * less: only the system prompt, a chat's earlier turns and the question leave the machine, no local
 * tool results. `continue` is measured only by the long world's scripted check (no model was trained
 * or run live to continue: the fixture target redoes the task), so it is offered on request (Tasks
 * form, `run --handover`), not the default.
 */
export { defaultHandover };

/** Whether a string names a handover. */
export function isHandoverKind(value: string): value is HandoverKind {
  return (handoverKinds as readonly string[]).includes(value);
}

/** What the stronger model gets. */
export type HandedOver = {
  readonly transcript: Transcript;
  /** Whether the path gets the whole step budget and token allowance again (else the rest of them). */
  readonly isFullBudget: boolean;
};

/**
 * The transcript a hotswap hands over for one path. `initial` is the task's start (system prompt, a
 * chat's earlier turns and the question), `transcript` the path's so far and `steps` the calls it executed. A path that executed
 * no call is handed its start in every kind (there is nothing to hand over, and no note).
 */
export function handOver(
  kind: HandoverKind,
  path: { readonly initial: Transcript; readonly transcript: Transcript; readonly steps: number },
): HandedOver {
  // A copy, so the runner can tell a handed-over start from a path that has not started.
  const start: Transcript = { tools: path.initial.tools, messages: [...path.initial.messages] };
  if (kind === 'restart' || path.steps === 0) return { transcript: start, isFullBudget: kind !== 'transcript' };
  // Only the path's own part is cut: a chat's earlier answers in the start are not the path's end.
  // It follows the question, the same message object in every path (a path that dropped earlier
  // turns to stay within its context has a shorter start).
  const question = path.initial.messages.at(-1);
  const found = question === undefined ? -1 : path.transcript.messages.indexOf(question);
  const ownFrom = found < 0 ? start.messages.length : found + 1;
  const own = cutAfterCalls(
    { tools: path.transcript.tools, messages: path.transcript.messages.slice(ownFrom) },
    path.steps,
  ).transcript;
  const cut: Transcript = {
    tools: own.tools,
    messages: [...path.transcript.messages.slice(0, ownFrom), ...own.messages],
  };
  if (kind === 'digest' || kind === 'continue') {
    const digest: TranscriptMessage = { role: 'user', text: callDigest(cut) };
    const note = kind === 'continue' ? continueNote : handoffNote;
    return { transcript: { ...start, messages: [...start.messages, digest, note] }, isFullBudget: true };
  }
  return {
    transcript: { ...cut, messages: [...cut.messages, handoffNote] },
    isFullBudget: kind === 'transcript-full',
  };
}

/**
 * A result as the digest shows it: JSON, but a text in quotes as it is, so a file's lines stay lines
 * and the redaction reads them as it reads the file (a JSON string's `\n` escapes would let a
 * password's value run over the next line's keyword and leave that line's value in the clear). The
 * texts of a list (search_files' lines) too: a tab's `\t` escape would glue a `t` to the mail after
 * it, and the cloud's answer would give the person back a mail with a `t` in front.
 */
function shownResult(result: JsonValue | undefined): string {
  if (typeof result === 'string') return `"${result}"`;
  return Array.isArray(result) ? `[${result.map(shownResult).join(',')}]` : JSON.stringify(result);
}

/** `Calls so far: calc {"expr":"2+3"} -> 5; ...`: the executed calls and their results, nothing a model wrote besides. */
export function callDigest(transcript: Transcript): string {
  const results = new Map<string, JsonValue>();
  for (const message of transcript.messages) if (message.role === 'tool') results.set(message.callId, message.result);
  const calls = transcript.messages.flatMap((message) =>
    message.role === 'assistant'
      ? message.toolCalls
          .filter((call) => results.has(call.id))
          .map((call) => `${call.name} ${JSON.stringify(call.arguments)} -> ${shownResult(results.get(call.id))}`)
      : [],
  );
  return `Calls so far: ${calls.join('; ')}`;
}
