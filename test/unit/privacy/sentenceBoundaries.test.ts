import { describe, expect, it } from 'vitest';
import { Redactor } from '#core/privacy/Redactor.ts';
import { detectNames } from '#core/privacy/names/detectNames.ts';

const rulesOnly = new Redactor({ detectNames: () => [] });
const withNames = new Redactor();

/** The street addresses the rules find in `text`, as strings. */
const addressesIn = (text: string) =>
  rulesOnly
    .detect(text)
    .filter((span) => span.type === 'street_address')
    .map((span) => text.slice(span.start, span.end));

describe('an address span stays inside its sentence (review C3)', () => {
  it.each([
    ['I live at 12 Zanzibar Lane. What is 12+30?', '12 Zanzibar Lane'],
    ['12 Zanzibar Lane. What is 12+30?', '12 Zanzibar Lane'],
    ['Address: 44 Elm Road. Where is that?', '44 Elm Road'],
    ['She lives at 3 Oak Avenue! Then she moved.', '3 Oak Avenue'],
    ['Lives at 5 Main St. Is it far?', '5 Main St.'],
    ['Office: 7 High St. Springfield, IL 62704. Open daily.', '7 High St. Springfield, IL 62704'],
    ['He lives at 10 Downing Street, London SW1A 2AA. Is it far?', '10 Downing Street, London SW1A 2AA'],
    ['Send it to 12 St. Mary Road please.', '12 St. Mary Road'],
  ])('in %j finds %j', (text, address) => {
    expect(addressesIn(text)).toEqual([address]);
  });

  it('sends the question after the address whole', () => {
    const { redacted } = withNames.redact('I live at 12 Zanzibar Lane. What is 12+30?');
    expect(redacted).toBe('I live at [STREET_ADDRESS_1]. What is 12+30?');
  });
});

describe('the name recogniser and ordinary words', () => {
  it('does not take a lower-case noun phrase after an article for a person', () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    expect(detectNames(text)).toEqual([]);
    expect(detectNames('i saw the quick brown fox')).toEqual([]);
    expect(withNames.redact(`${text} ${text}`).redacted).toBe(`${text} ${text}`);
  });

  it('still finds capitalised names, names in lower case, names after a chat cue, and caseless scripts', () => {
    const namesIn = (text: string) => detectNames(text).map((span) => text.slice(span.start, span.end));
    expect(namesIn('The quick Anna Schmidt jumps over the lazy dog.')).toEqual(['Anna Schmidt']);
    expect(namesIn('please send this to john smith.')).toEqual(['john smith']);
    expect(namesIn('Please note that ayşe demir left.')).toEqual(['ayşe demir']);
    expect(namesIn('Call tim tomorrow.')).toEqual(['tim']);
    expect(namesIn('I spoke to 谷口雄太 earlier.')).toEqual(['谷口雄太']);
  });
});
