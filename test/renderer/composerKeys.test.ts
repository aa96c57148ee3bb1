// The chat composer: Enter sends, Shift+Enter adds a line, and the Enter that confirms an
// input method's composition (typing Japanese, Chinese or Korean) never sends the half-typed message;
// the folded options say what differs from the defaults, since they stay set for the next turns.
import { describe, expect, it } from 'vitest';
import { isSendKey, optionsSummary } from '../../renderer/src/screens/chat/Composer.tsx';

describe('isSendKey', () => {
  it('sends on Enter alone', () => {
    expect(isSendKey({ key: 'Enter', shiftKey: false, isComposing: false })).toBe(true);
  });

  it('keeps Shift+Enter for a new line and other keys for typing', () => {
    expect(isSendKey({ key: 'Enter', shiftKey: true, isComposing: false })).toBe(false);
    expect(isSendKey({ key: 'a', shiftKey: false, isComposing: false })).toBe(false);
  });

  it('lets Enter confirm an input method composition without sending', () => {
    expect(isSendKey({ key: 'Enter', shiftKey: false, isComposing: true })).toBe(false);
  });
});

describe('optionsSummary', () => {
  it('is just "Options" at the defaults', () => {
    expect(optionsSummary('', 'auto', 0)).toBe('Options');
    expect(optionsSummary('  ', 'auto', 0)).toBe('Options');
  });

  it('names what differs, since the options stay set for the next turns and new chats', () => {
    expect(optionsSummary('', 'always', 0)).toBe('Options · cloud help: always');
    expect(optionsSummary('1', 'never', 2)).toBe('Options · 1 path · cloud help: never · 2 folders readable');
    expect(optionsSummary('5', 'auto', 1)).toBe('Options · 5 paths · 1 folder readable');
  });
});
