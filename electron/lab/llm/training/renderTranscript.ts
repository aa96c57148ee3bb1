import { compactFormat } from '#core/llm/chat/compactFormat.ts';
import { describeTool } from '#core/llm/chat/describeTool.ts';
import { formatJson } from '#core/llm/chat/formatJson.ts';
import type { JsonValue, Transcript, TranscriptMessage, TranscriptTool } from '#core/llm/chat/Transcript.ts';

/**
 * Who produced a piece of the rendered text: `prompt` is the template and the history the engine
 * renders (system, tool and user lines, `A: `), `model` is what the model itself writes (answer text,
 * the whole `[[call: ...]]`, the EOS that ends its turn) and `tool` is a result node-llama-cpp
 * inserts after a call. A trainer puts the loss on `model` pieces only.
 */
export type RenderedAuthor = 'prompt' | 'model' | 'tool';

/** A run of text, or one special token, with its author. */
export type RenderedPiece =
  | { readonly kind: 'text'; readonly text: string; readonly author: RenderedAuthor }
  | { readonly kind: 'bos'; readonly author: 'prompt' }
  | { readonly kind: 'eos'; readonly author: RenderedAuthor };

/** A transcript in the compact format, as pieces and as one string. */
export type RenderedTranscript = {
  /** In order; adjacent text of the same author is merged. */
  readonly pieces: readonly RenderedPiece[];
  /** The whole text with BOS and EOS written as `<s>` and `</s>` (their names in the project's vocab). */
  readonly text: string;
};

/** Options of {@link renderTranscript}. */
export type RenderTranscriptOptions = {
  /**
   * Model turns that start before this message index are rendered as `prompt`: another model wrote
   * them (the source's steps before a hotswap), so a trainer must not learn them. Defaults to 0.
   */
  readonly trainedFrom?: number;
};

/**
 * Renders a transcript in the compact format exactly as `AtroposChatWrapper` renders the same
 * history for node-llama-cpp, plus the EOS that closes a finished last answer (an assistant message
 * without tool calls at the end): node-llama-cpp leaves the last turn open for the model to continue
 * and the model writes that EOS itself. Every earlier assistant turn is closed by EOS and a newline.
 * This is the text a tiny model is trained on.
 */
export function renderTranscript(transcript: Transcript, options: RenderTranscriptOptions = {}): RenderedTranscript {
  const trainedFrom = options.trainedFrom ?? 0;
  const pieces: RenderedPiece[] = [{ kind: 'bos', author: 'prompt' }];
  const add = (text: string, author: RenderedAuthor): void => {
    const last = pieces.at(-1);
    if (text === '') return;
    if (last?.kind === 'text' && last.author === author)
      pieces[pieces.length - 1] = { ...last, text: last.text + text };
    else pieces.push({ kind: 'text', text, author });
  };
  const { messages } = transcript;
  let index = 0;
  for (; index < messages.length && messages[index]?.role === 'system'; index += 1) {
    renderLine(messages[index], add);
  }
  for (const tool of transcript.tools)
    add(compactFormat.toolPrefix + describeTool(tool) + compactFormat.lineEnd, 'prompt');
  while (index < messages.length) {
    const message = messages[index];
    if (message?.role === 'system' || message?.role === 'user') {
      renderLine(message, add);
      index += 1;
      continue;
    }
    const end = findTurnEnd(messages, index);
    const modelAuthor: RenderedAuthor = index >= trainedFrom ? 'model' : 'prompt';
    const endsWithAnswer = renderTurn(messages.slice(index, end), transcript.tools, (text, author) =>
      add(text, author === 'model' ? modelAuthor : author),
    );
    const isLast = end >= messages.length;
    if (!isLast || endsWithAnswer) pieces.push({ kind: 'eos', author: endsWithAnswer ? modelAuthor : 'prompt' });
    if (!isLast) add(compactFormat.lineEnd, 'prompt');
    index = end;
  }
  return { pieces, text: pieces.map((piece) => pieceText(piece)).join('') };
}

type Add = (text: string, author: RenderedAuthor) => void;

function renderLine(message: TranscriptMessage | undefined, add: Add): void {
  if (message?.role === 'system') add(compactFormat.systemPrefix + message.text + compactFormat.lineEnd, 'prompt');
  if (message?.role === 'user') add(compactFormat.userPrefix + message.text + compactFormat.lineEnd, 'prompt');
}

/** The index after the run of assistant and tool messages that starts at `start`: one model turn. */
function findTurnEnd(messages: readonly TranscriptMessage[], start: number): number {
  let end = start;
  while (end < messages.length && (messages[end]?.role === 'assistant' || messages[end]?.role === 'tool')) end += 1;
  return end;
}

/** Renders one model turn; returns whether it ends with an answer (text after the last call). */
function renderTurn(turn: readonly TranscriptMessage[], tools: readonly TranscriptTool[], add: Add): boolean {
  add(compactFormat.assistantPrefix, 'prompt');
  let endsWithAnswer = false;
  for (const message of turn) {
    if (message.role !== 'assistant') continue;
    add(message.text, 'model');
    for (const call of message.toolCalls) {
      // LlamaChat records a call to a tool without parameters as `name()`.
      const hasNoParameters =
        tools.find((tool) => tool.name === call.name)?.parameters === null && Object.keys(call.arguments).length === 0;
      const json = hasNoParameters ? '' : formatJson(call.arguments);
      add(
        compactFormat.callPrefix + call.name + compactFormat.callParametersPrefix + json + compactFormat.callSuffix,
        'model',
      );
      const result = turn.find((item) => item.role === 'tool' && item.callId === call.id);
      add(
        compactFormat.resultPrefix +
          resultText(result?.role === 'tool' ? result.result : undefined) +
          compactFormat.resultSuffix,
        'tool',
      );
    }
    endsWithAnswer = message.toolCalls.length === 0;
  }
  return endsWithAnswer;
}

function resultText(result: JsonValue | undefined): string {
  return result === undefined ? compactFormat.voidResult : formatJson(result);
}

function pieceText(piece: RenderedPiece): string {
  if (piece.kind === 'bos') return '<s>';
  if (piece.kind === 'eos') return '</s>';
  return piece.text;
}
