import { compactFormat } from '#core/llm/chat/compactFormat.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import { worldMergePieces, worldPromptHeader } from '#lab/llm/training/worldVocabulary.ts';

/** The fixed text every long-world transcript starts with, up to the start value. */
export function longPromptHeader(): string {
  return `${worldPromptHeader().slice(0, -'What is '.length)}Start with `;
}

/**
 * The merge pieces of the long world's vocabulary: the first world's (`worldMergePieces`: call and
 * result frames, the handoff note's turn, every two-digit number) with the long prompt header in
 * place of the first world's, the question's joints, the continue note's turn, the digest's frames
 * and the check sentence's words (the model writes them). Every other text falls back to characters.
 */
export function longMergePieces(): string[] {
  const header = worldPromptHeader();
  return [
    longPromptHeader(),
    ', then ',
    `. What is the result?${compactFormat.lineEnd}${compactFormat.assistantPrefix}`,
    `${compactFormat.userPrefix}${continueNote.text}${compactFormat.lineEnd}${compactFormat.assistantPrefix}`,
    `${compactFormat.userPrefix}Calls so far: `,
    'calc {"expr":"',
    '"} -> ',
    '; ',
    'Checked: ',
    ' of ',
    ' steps sound.',
    ...worldMergePieces().filter((piece) => piece !== header),
  ];
}

/** The vocabulary the long world's tiny target is trained with. */
export function createLongVocabulary(): LlamaVocabulary {
  return LlamaVocabulary.create({ pieces: longMergePieces() });
}
