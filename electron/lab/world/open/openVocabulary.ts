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
 * call and result frames (each inside one generation stage) and every two-digit number, so a
 * transcript is about 30-50 tokens. Every other text falls back to characters.
 */
export function openMergePieces(): string[] {
  const twoDigitNumbers = Array.from({ length: 90 }, (_, index) => String(10 + index));
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
    ...twoDigitNumbers,
  ];
}

/** The vocabulary the open world's tiny models are trained with. */
export function createOpenVocabulary(): LlamaVocabulary {
  return LlamaVocabulary.create({ pieces: openMergePieces() });
}
