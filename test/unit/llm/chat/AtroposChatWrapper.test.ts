import {
  jsonDumps,
  LlamaText,
  SpecialToken,
  SpecialTokensText,
  type ChatHistoryItem,
  type Token,
  type Tokenizer,
} from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { AtroposChatWrapper } from '#core/llm/chat/AtroposChatWrapper.ts';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { formatJson } from '#core/llm/chat/formatJson.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import { renderTranscript, type RenderedTranscript } from '#lab/llm/training/renderTranscript.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import type { JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import { generateWorldEpisodes, policyMixes } from '#lab/world/generateWorldEpisodes.ts';
import { exampleText, exampleTranscript } from './exampleTranscript.ts';

type Piece = { kind: 'text'; text: string } | { kind: 'bos' } | { kind: 'eos' };

/** The wrapper's LlamaText as pieces (adjacent strings merged); special-token text is not expected. */
function wrapperPieces(text: LlamaText): Piece[] {
  const pieces: Piece[] = [];
  for (const value of text.values) {
    if (value instanceof SpecialTokensText) throw new Error(`unexpected special-token text ${value.value}`);
    if (value instanceof SpecialToken) pieces.push({ kind: value.value === 'BOS' ? 'bos' : 'eos' });
    else if (pieces.at(-1)?.kind === 'text') (pieces.at(-1) as { text: string }).text += value;
    else if (value !== '') pieces.push({ kind: 'text', text: value });
  }
  return pieces;
}

function transcriptPieces(rendered: RenderedTranscript): Piece[] {
  const pieces: Piece[] = [];
  for (const piece of rendered.pieces) {
    if (piece.kind !== 'text') pieces.push({ kind: piece.kind });
    else if (pieces.at(-1)?.kind === 'text') (pieces.at(-1) as { text: string }).text += piece.text;
    else pieces.push({ kind: 'text', text: piece.text });
  }
  return pieces;
}

/** What node-llama-cpp renders for a transcript's history, with the same functions. */
function renderWithWrapper(transcript: Transcript, extra: ChatHistoryItem[] = []): LlamaText {
  const { chatHistory, functions } = toChatHistory(transcript);
  return new AtroposChatWrapper().generateContextState({
    chatHistory: [...chatHistory, ...extra],
    availableFunctions: functions,
  }).contextText;
}

/** A character tokenizer: BOS 1, EOS 2, every other character its code point + 3. */
const characterTokenizer = Object.assign(
  (text: string, specialTokens?: boolean | 'builtin'): Token[] => {
    if (specialTokens === 'builtin') return [(text === 'BOS' ? 1 : 2) as Token];
    return [...text].map((character) => ((character.codePointAt(0) ?? 0) + 3) as Token);
  },
  { detokenize: () => '', isSpecialToken: (token: Token) => token < 3, isEogToken: (token: Token) => token === 2 },
) as unknown as Tokenizer;

function transcriptTokens(rendered: RenderedTranscript): number[] {
  return rendered.pieces.flatMap((piece) =>
    piece.kind === 'bos' ? [1] : piece.kind === 'eos' ? [2] : [...piece.text].map((c) => (c.codePointAt(0) ?? 0) + 3),
  );
}

const episodes = generateWorldEpisodes({ seed: 12, count: 300, policyMix: policyMixes.weak });

describe('AtroposChatWrapper', () => {
  it('renders the example history exactly as renderTranscript, up to the EOS the model writes', () => {
    const text = renderWithWrapper(exampleTranscript);
    expect(text.values[0]).toEqual(new SpecialToken('BOS'));
    expect(`<s>${text.values.slice(1).join('')}</s>`).toBe(exampleText);
  });

  it('renders every episode, ideal or failing, as renderTranscript does, piece by piece and token by token', () => {
    for (const episode of episodes) {
      const rendered = renderTranscript(episode.transcript);
      const isFinished = episode.stoppedBy === 'answer';
      const wrapperText = renderWithWrapper(episode.transcript);
      const expected = transcriptPieces(rendered);
      expect(wrapperPieces(wrapperText)).toEqual(isFinished ? expected.slice(0, -1) : expected);
      const tokens = wrapperText.tokenize(characterTokenizer);
      expect([...tokens, ...(isFinished ? [2] : [])]).toEqual(transcriptTokens(rendered));
    }
  });

  it('renders a finished turn followed by the next question with the EOS where renderTranscript puts it', () => {
    for (const episode of episodes.filter((item) => item.stoppedBy === 'answer').slice(0, 50)) {
      const next: Transcript = {
        ...episode.transcript,
        messages: [...episode.transcript.messages, { role: 'user', text: 'And 2+2?' }],
      };
      const asSession = renderWithWrapper(episode.transcript, [
        { type: 'user', text: 'And 2+2?' },
        { type: 'model', response: [] },
      ]);
      // LlamaChatSession adds the empty model turn the model then writes.
      const expected = transcriptPieces(renderTranscript(next));
      expect(expected.at(-1)).toEqual({ kind: 'text', text: '\nU: And 2+2?\n' });
      expect(wrapperPieces(asSession)).toEqual([
        ...expected.slice(0, -1),
        { kind: 'text', text: '\nU: And 2+2?\nA: ' },
      ]);
    }
  });

  it('renders a hotswap (unfinished turn, handoff note, the next model turn) where renderTranscript puts it', () => {
    const takeovers = generateWorldEpisodes({ seed: 13, count: 300, policyMix: policyMixes.target }).filter(
      (episode) => episode.trainedFrom !== undefined,
    );
    expect(takeovers.length).toBeGreaterThan(50);
    for (const episode of takeovers) {
      // What continueLlamaChat hands node-llama-cpp at the handoff: the history up to the note, and
      // the empty model turn the target then writes.
      const handedOver: Transcript = {
        ...episode.transcript,
        messages: episode.transcript.messages.slice(0, episode.trainedFrom),
      };
      expect(handedOver.messages.at(-1)).toEqual(handoffNote);
      const asContinuation = renderWithWrapper(handedOver, [{ type: 'model', response: [] }]);
      const expected = transcriptPieces(renderTranscript(handedOver));
      const last = expected.at(-1) as { kind: 'text'; text: string };
      expect(last.text.endsWith(`U: ${handoffNote.text}\n`)).toBe(true);
      expect(wrapperPieces(asContinuation)).toEqual([
        ...expected.slice(0, -1),
        { kind: 'text', text: `${last.text}A: ` },
      ]);
      // Training puts the loss on the redo only: no model-authored piece before the note.
      const rendered = renderTranscript(episode.transcript, { trainedFrom: episode.trainedFrom });
      const noteAt = rendered.pieces.findIndex(
        (piece) => piece.kind === 'text' && piece.text.includes(handoffNote.text),
      );
      expect(rendered.pieces.slice(0, noteAt).some((piece) => piece.author === 'model')).toBe(false);
      expect(rendered.pieces.slice(noteAt).some((piece) => piece.author === 'model')).toBe(true);
    }
  });

  it('writes calls and results the way LlamaChat assembles them during generation', () => {
    const wrapper = new AtroposChatWrapper();
    const { call, result } = wrapper.settings.functions;
    const params = { expr: '27*38' };
    // LlamaChat's function-calling mode: prefix, grammar-constrained name, params prefix, the JSON the
    // model wrote (the raw text is kept), suffix; then the handler's result through the wrapper.
    const generated = LlamaText([call.prefix, 'calc', call.paramsPrefix, jsonDumps(params), call.suffix]);
    expect(generated.toString()).toBe('[[call: calc({"expr": "27*38"})]]');
    expect(wrapper.generateFunctionCall('calc', params).toString()).toBe(generated.toString());
    expect(wrapper.generateFunctionCallResult('calc', params, 1026).toString()).toBe('\n[[result: 1026]]\n');
    expect(wrapper.generateFunctionCallResult('calc', params, 'error: x').toString()).toBe(
      '\n[[result: "error: x"]]\n',
    );
    expect(wrapper.generateFunctionCall('now', undefined).toString()).toBe('[[call: now()]]');
    expect(result.prefix).toBe('\n[[result: ');
    expect(call.optionalPrefixSpace).toBe(false);
    expect(wrapper.settings.functions.parallelism).toBeUndefined();
  });

  it('stops on EOS and on a model that starts the next turn itself', () => {
    const { stopGenerationTriggers } = new AtroposChatWrapper().generateContextState({ chatHistory: [] });
    expect(stopGenerationTriggers.map((trigger) => trigger.toJSON())).toEqual([
      [{ type: 'specialToken', value: 'EOS' }],
      '\nU: ',
      '\nA: ',
    ]);
  });

  it('renders the tools it was built with when node-llama-cpp sizes a history without functions', () => {
    const { chatHistory, functions } = toChatHistory(exampleTranscript);
    const wrapper = new AtroposChatWrapper({ tools: functions });
    const withFunctions = wrapper.generateContextState({ chatHistory, availableFunctions: functions }).contextText;
    const withoutFunctions = wrapper.generateContextState({ chatHistory }).contextText;
    expect(withoutFunctions.toJSON()).toEqual(withFunctions.toJSON());
    expect(new AtroposChatWrapper().generateContextState({ chatHistory }).contextText.toString()).not.toContain('T: ');
  });

  it('adds no default system prompt', () => {
    const wrapper = new AtroposChatWrapper();
    expect(wrapper.generateInitialChatHistory()).toEqual([]);
    expect(wrapper.generateInitialChatHistory({ systemPrompt: 'Be brief.' })).toEqual([
      { type: 'system', text: 'Be brief.' },
    ]);
    expect(wrapper.wrapperName).toBe('AtroposCompact');
    expect(chatFormatMetadata).toEqual({ key: 'atropos.chat_format', compactV1: 'atropos-compact-v1' });
  });
});

describe('formatJson', () => {
  it("matches node-llama-cpp's jsonDumps", () => {
    const values: JsonValue[] = [
      { expr: '27*38' },
      1026,
      -57,
      'error: division by zero',
      'quote " and \\ and \n newline, comma,',
      { a: [1, 2, { b: null }], c: true, d: { e: 'x,', f: [] }, g: {} },
      [],
      null,
      1.5,
    ];
    for (const value of values) expect(formatJson(value)).toBe(jsonDumps(value));
  });
});
