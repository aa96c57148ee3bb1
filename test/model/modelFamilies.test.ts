// The catalog's families through the engine's own local provider: a tiny random-weight GGUF per
// family (written here by the project's writer: the family's architecture, tokenizer kind, special
// tokens and published chat template, Q8_0 matrices; vocabularies reduced to 2,048 tokens, 1,024
// for gemma2, to keep the test small) loads on one shared llama backend, node-llama-cpp resolves
// the family's chat wrapper from the metadata, the engine's prompt renders in the family's format,
// and a tool call written in the family's syntax becomes the engine's tool call.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  GemmaChatWrapper,
  JinjaTemplateChatWrapper,
  Llama3_2LightweightChatWrapper,
  QwenChatWrapper,
  type ChatWrapper,
} from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transcript, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { LlamaBackend } from '#core/llm/providers/LlamaBackend.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { tinyShape, type ModelFamily } from '#lab/llm/gguf/families/ModelShape.ts';
import { synthesizeModel } from '#lab/llm/gguf/families/synthesizeModel.ts';
import { steerText, type SteeredRun } from './steerText.ts';

const calc: TranscriptTool = {
  name: 'calc',
  description: 'Evaluates an arithmetic expression',
  parameters: { type: 'object', properties: { expr: { type: 'string' } }, required: ['expr'] },
};

/** The engine's prompt: a system instruction, a finished exchange with one tool call, a new question. */
const transcript: Transcript = {
  tools: [calc],
  messages: [
    { role: 'system', text: 'You answer with the calculator.' },
    { role: 'user', text: 'What is 1+1?' },
    { role: 'assistant', text: '', toolCalls: [{ id: 'call-1', name: 'calc', arguments: { expr: '1+1' } }] },
    { role: 'tool', callId: 'call-1', name: 'calc', result: '2' },
    { role: 'assistant', text: 'It is 2.', toolCalls: [] },
    { role: 'user', text: 'And 2+3?' },
  ],
};

type FamilyCase = {
  family: ModelFamily;
  vocabSize: number;
  wrapper: abstract new (...args: never[]) => ChatWrapper;
  toolCallSyntax: 'native' | 'generic';
  /** Pieces of the rendered prompt, in order. */
  prompt: string[];
  /** The call as the family writes it. */
  call: string;
};

const cases: FamilyCase[] = [
  {
    family: 'qwen2',
    vocabSize: 2048,
    wrapper: QwenChatWrapper,
    toolCallSyntax: 'native',
    prompt: [
      '<|im_start|>system\nYou answer with the calculator.',
      '<tools>\n{"type": "function", "function": {"name": "calc", "description": "Evaluates an arithmetic expression"',
      '<|im_start|>user\nWhat is 1+1?<|im_end|>',
      '<tool_call>\n{"name": "calc", "arguments": {"expr": "1+1"}}\n</tool_call>',
      '<tool_response>\n"2"\n</tool_response>',
      'It is 2.<|im_end|>',
      '<|im_start|>user\nAnd 2+3?<|im_end|>\n<|im_start|>assistant\n',
    ],
    call: '<tool_call>\n{"name": "calc", "arguments": {"expr": "2+3"}}\n</tool_call>',
  },
  {
    family: 'llama',
    vocabSize: 2048,
    wrapper: Llama3_2LightweightChatWrapper,
    toolCallSyntax: 'native',
    prompt: [
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n',
      '"name": "calc"',
      'You answer with the calculator.<|eot_id|>',
      '<|start_header_id|>user<|end_header_id|>\n\nWhat is 1+1?<|eot_id|>',
      '{"name": "calc", "parameters": {"expr": "1+1"}}<|eot_id|>',
      '<|start_header_id|>ipython<|end_header_id|>\n\n"2"<|eot_id|>',
      '<|start_header_id|>user<|end_header_id|>\n\nAnd 2+3?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    ],
    call: '{"name": "calc", "parameters": {"expr": "2+3"}}',
  },
  {
    family: 'gemma2',
    vocabSize: 1024,
    wrapper: GemmaChatWrapper,
    toolCallSyntax: 'generic',
    prompt: [
      '<bos><start_of_turn>user\nYou answer with the calculator.',
      'calc(params: {expr: string});',
      'What is 1+1?<end_of_turn>\n<start_of_turn>model\n',
      '||call: calc({"expr": "1+1"})',
      'And 2+3?<end_of_turn>\n<start_of_turn>model\n',
    ],
    call: '||call: calc({"expr": "2+3"})',
  },
  {
    family: 'phi3',
    vocabSize: 2048,
    wrapper: JinjaTemplateChatWrapper,
    toolCallSyntax: 'generic',
    prompt: [
      '<|system|>\nYou answer with the calculator.',
      'calc(params: {expr: string});',
      '<|user|>\nWhat is 1+1?<|end|>\n<|assistant|>\n',
      '||call: calc({"expr": "1+1"})',
      '<|user|>\nAnd 2+3?<|end|>\n<|assistant|>\n',
    ],
    call: '||call: calc({"expr": "2+3"})',
  },
];

let folder: string;
let backend: LlamaBackend;
const runs = new Map<ModelFamily, { provider: LocalLlamaProvider; run: SteeredRun; target: { text: string } }>();

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'atropos-families-'));
  backend = await LlamaBackend.open({ gpu: 'cpu', cores: 2 });
  for (const familyCase of cases) {
    const file = path.join(folder, `${familyCase.family}.gguf`);
    await synthesizeModel(file, { shape: tinyShape(familyCase.family, familyCase.vocabSize), quant: 'q8_0' });
    const run: SteeredRun = { prompt: null };
    const target = { text: familyCase.call };
    const provider = await LocalLlamaProvider.load({
      modelPath: file,
      backend,
      contextSize: 2048,
      steer: (sequence, model) => steerText(sequence, model, target.text, run, familyCase.vocabSize),
    });
    runs.set(familyCase.family, { provider, run, target });
  }
}, 180_000);

afterAll(async () => {
  for (const { provider } of runs.values()) await provider.dispose();
  await backend?.dispose();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe.each(cases)('$family', (familyCase) => {
  it('resolves the family chat wrapper from the GGUF metadata and says how tools are written', () => {
    const { provider } = runs.get(familyCase.family)!;
    expect(provider.chatWrapper).toBeInstanceOf(familyCase.wrapper);
    expect(provider.info.toolCallSyntax).toBe(familyCase.toolCallSyntax);
    if (familyCase.toolCallSyntax === 'generic') expect(provider.info.formatNote).toMatch(/generic "\|\|call:" syntax/);
    else expect(provider.info.formatNote).toBeNull();
    expect(provider.info).toMatchObject({ backend: 'cpu', gpuLayers: 0, totalLayers: 3 });
  });

  it("renders the engine's prompt in the family's format and turns the family's call syntax into a tool call", async () => {
    const { provider, run } = runs.get(familyCase.family)!;
    const turn = await provider.respond(transcript, { tools: [calc], seed: 1, maxTokens: 64 });
    const prompt = run.prompt ?? '';
    let from = 0;
    for (const piece of familyCase.prompt) {
      const at = prompt.indexOf(piece, from);
      expect(at, `${JSON.stringify(piece)} after ${from} in:\n${prompt}`).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
    expect(turn.finishReason).toBe('toolCalls');
    expect(turn.toolCalls).toEqual([{ id: 'call-2', name: 'calc', arguments: { expr: '2+3' } }]);
  });
});
