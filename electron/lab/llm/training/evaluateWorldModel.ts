import { compactFormat } from '#core/llm/chat/compactFormat.ts';
import { formatJson } from '#core/llm/chat/formatJson.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import type { JsonValue } from '#core/llm/chat/Transcript.ts';
import type { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import type { LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import { LlamaDecoder } from './LlamaDecoder.ts';

/** Greedy single-path results on held-out tasks. */
export type WorldEvaluation = { tasks: number; correct: number; accuracy: number };

/** Defaults to 160 tokens per task. */
const defaultMaximumTokens = 160;

function argmax(logits: Float32Array): number {
  let best = 0;
  for (let index = 1; index < logits.length; index++) if ((logits[index] ?? 0) > (logits[best] ?? 0)) best = index;
  return best;
}

/**
 * A progress signal, not the bench: runs each task once with greedy decoding on the project's own
 * float32 decoder. The prompt is the rendered transcript up to `A: `; when the model closes a
 * `[[call: name({...})]]` the world's tool runs and its result is inserted as the tool's tokens; EOS
 * ends the answer, which the task's verifier checks. `systemPrompt` defaults to the first world's
 * (the open world passes its own). A malformed call, a call beyond the step
 * budget or running out of tokens counts as a failure.
 */
export function evaluateWorldModel(
  weights: LlamaWeights,
  vocabulary: LlamaVocabulary,
  tasks: readonly Pick<WorldTask, 'question' | 'stepBudget' | 'verify'>[],
  maximumTokens = defaultMaximumTokens,
  systemPrompt = worldSystemPrompt,
): WorldEvaluation {
  const decoder = new LlamaDecoder(weights);
  const tools = createWorldTools();
  let correct = 0;
  for (const task of tasks) {
    decoder.reset();
    const rendered = renderTranscript({
      tools: tools.definitions,
      messages: [
        { role: 'system', text: systemPrompt },
        { role: 'user', text: task.question },
      ],
    });
    // The prompt is one text run (as llama.cpp tokenizes it), so "?\nA: " merges as in training.
    const promptText = rendered.pieces.map((piece) => (piece.kind === 'text' ? piece.text : '')).join('');
    const prompt = [vocabulary.bosId, ...vocabulary.tokenize(promptText + compactFormat.assistantPrefix)];
    let logits: Float32Array = new Float32Array(0);
    for (const token of prompt) logits = decoder.append(token);
    let turn: number[] = [];
    let calls = 0;
    let answer: string | null = null;
    while (decoder.position < maximumTokens) {
      const token = argmax(logits);
      if (token === vocabulary.eosId) {
        answer = vocabulary.detokenize(turn);
        break;
      }
      turn.push(token);
      logits = decoder.append(token);
      const text = vocabulary.detokenize(turn);
      if (!text.endsWith(compactFormat.callSuffix)) continue;
      const call = parseCall(text);
      calls += 1;
      if (call === null || calls > task.stepBudget) break;
      const result = tools.call(call.name, call.arguments);
      const resultText = compactFormat.resultPrefix + formatJson(result) + compactFormat.resultSuffix;
      for (const resultToken of vocabulary.tokenize(resultText)) logits = decoder.append(resultToken);
      turn = [];
    }
    if (task.verify(answer)) correct += 1;
  }
  return { tasks: tasks.length, correct, accuracy: tasks.length > 0 ? correct / tasks.length : 0 };
}

function parseCall(text: string): { name: string; arguments: JsonValue } | null {
  const start = text.lastIndexOf(compactFormat.callPrefix);
  if (start < 0) return null;
  const body = text.slice(start + compactFormat.callPrefix.length, -compactFormat.callSuffix.length);
  const open = body.indexOf(compactFormat.callParametersPrefix);
  if (open <= 0) return null;
  try {
    const json = body.slice(open + 1);
    return { name: body.slice(0, open), arguments: (json === '' ? {} : JSON.parse(json)) as JsonValue };
  } catch {
    return null;
  }
}
