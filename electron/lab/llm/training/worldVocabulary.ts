import { compactFormat } from '#core/llm/chat/compactFormat.ts';
import { describeTool } from '#core/llm/chat/describeTool.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';

/** The fixed text every world transcript starts with, up to the question's expression. */
export function worldPromptHeader(): string {
  const toolLines = createWorldTools()
    .definitions.map((tool) => compactFormat.toolPrefix + describeTool(tool) + compactFormat.lineEnd)
    .join('');
  return `${compactFormat.systemPrefix}${worldSystemPrompt}${compactFormat.lineEnd}${toolLines}${compactFormat.userPrefix}What is `;
}

/**
 * The merge pieces of the world vocabulary. Each is a string that recurs in every rendered
 * transcript; none can merge across the border between what the prompt, the model and a tool write
 * (checked by `encodeTranscript`), so a model's tokens are the same whether llama.cpp tokenizes its
 * turn alone or the whole re-rendered history.
 */
export function worldMergePieces(): string[] {
  const twoDigitNumbers = Array.from({ length: 90 }, (_, index) => String(10 + index));
  return [
    worldPromptHeader(),
    `?${compactFormat.lineEnd}${compactFormat.assistantPrefix}`,
    // What a hotswap inserts before the target model's turn.
    `${compactFormat.userPrefix}${handoffNote.text}${compactFormat.lineEnd}${compactFormat.assistantPrefix}`,
    // A call is written in stages at inference: the model writes the call prefix (the trigger),
    // node-llama-cpp's grammars then constrain the function name and the JSON parameters, and it
    // adds the parentheses itself. A piece spanning two stages (e.g. `[[call: calc({"expr": "`)
    // cannot be sampled at the stage where it starts, so the model loses its place: keep every
    // piece inside one stage.
    compactFormat.callPrefix,
    'calc',
    compactFormat.callParametersPrefix,
    '{"expr": "',
    '"}',
    compactFormat.callSuffix,
    compactFormat.resultPrefix,
    compactFormat.resultSuffix,
    ...twoDigitNumbers,
  ];
}

/**
 * The vocabulary the world's tiny models are trained with: llama.cpp's special and byte-fallback
 * tokens, printable ASCII and newline, then merge pieces for the prompt header (one token), the
 * call and result frames and every two-digit number, so an ideal transcript is about 40 tokens.
 */
export function createWorldVocabulary(): LlamaVocabulary {
  return LlamaVocabulary.create({ pieces: worldMergePieces() });
}
