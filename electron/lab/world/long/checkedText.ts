/**
 * What the long world's continuing target writes before its first call after the engine's
 * `continueNote` (electron/core/llm/chat/continueNote.ts): how many handed steps it kept. The fixture
 * target is trained to write it; a cloud model need not.
 */
export function checkedText(sound: number, handed: number): string {
  return `Checked: ${sound} of ${handed} steps sound.`;
}
