import { compactFormat } from '#core/llm/chat/compactFormat.ts';
import { describeTool } from '#core/llm/chat/describeTool.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import { openSystemPrompt } from './openEpisodes.ts';
import { unitSynonyms } from './openTasks.ts';

/** The fixed text every open-world transcript starts with, up to the question. */
export function openPromptHeader(): string {
  const toolLines = createWorldTools()
    .definitions.map((tool) => compactFormat.toolPrefix + describeTool(tool) + compactFormat.lineEnd)
    .join('');
  return `${compactFormat.systemPrefix}${openSystemPrompt}${compactFormat.lineEnd}${toolLines}${compactFormat.userPrefix}`;
}

/**
 * The merge pieces of the open world's vocabulary (as `worldMergePieces` for the first world): the
 * prompt header, the question and answer phrases, the unit names with their leading space, the
 * call and result frames (each inside one generation stage), so a transcript is about 35-50 tokens.
 * Every other text falls back to characters; numbers are written digit by digit (no two-digit
 * pieces): with one token per number the tiny source never learned which of two numbers is larger
 * (a coin flip on compare tasks), digit by digit it compares them by the tens first.
 */
export function openMergePieces(): string[] {
  const units = Object.values(unitSynonyms).flatMap((names) => names.map((name) => ` ${name}`));
  return [
    openPromptHeader(),
    'How many',
    'Which is more,',
    ' are',
    ' and',
    ' or',
    `?${compactFormat.lineEnd}${compactFormat.assistantPrefix}`,
    `${compactFormat.userPrefix}${handoffNote.text}${compactFormat.lineEnd}${compactFormat.assistantPrefix}`,
    compactFormat.callPrefix,
    'calc',
    compactFormat.callParametersPrefix,
    '{"expr": "',
    '"}',
    compactFormat.callSuffix,
    compactFormat.resultPrefix,
    compactFormat.resultSuffix,
    // Answer phrases (openWordings.ts).
    'In',
    ' that is',
    'The number of',
    ' is',
    'Counted in',
    ' it comes to',
    'The total in',
    'So in',
    ' the answer is',
    'That is, in',
    ' make',
    ' more than',
    ' less than',
    'So the larger one is',
    'So the answer is',
    'Hence the longer time is',
    'That makes the larger one',
    ...units,
  ];
}

/** The vocabulary the open world's tiny models are trained with. */
export function createOpenVocabulary(): LlamaVocabulary {
  return LlamaVocabulary.create({ pieces: openMergePieces() });
}
