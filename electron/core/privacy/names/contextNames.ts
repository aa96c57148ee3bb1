import type { NameLexicon } from './nameFeatures.ts';

// A word after which a person is named in chat, in any case: `call tim when`, `tell lars that`,
// `hey it's jano here`, `Happy birthday Valter!`, `cc: estelle`.
const cuePattern =
  /(?<![\p{L}])(?:call|tell|ask|remind|invite|email|e-mail|text|ping|message|contact|thank|thanks|cc:?|hi|hey|hello|dear|meet|met|birthday|it's|its|it is|this is|i'm|im|i am)[ \t]+(\p{L}[\p{L}\p{M}'’-]*)(?:[ \t]+(\p{L}[\p{L}\p{M}'’-]*))?/dgiu;

/** Verbs that open a request and that the tagger sometimes takes into the name after them (`Tell Della`). */
export const requestVerbs = new Set([
  'tell',
  'ask',
  'call',
  'contact',
  'invite',
  'remind',
  'email',
  'text',
  'ping',
  'thank',
  'meet',
  'cc',
  'forward',
  'please',
]);

/**
 * Given names (and a surname after one) right after a word that names a person next: the name
 * lexicon must know the given name, and a word that news text writes in lower case (`will`, `may`,
 * `grant`) is only taken when it is capitalised.
 */
export function contextNames(text: string, lexicon: NameLexicon): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  cuePattern.lastIndex = 0;
  for (let match = cuePattern.exec(text); match !== null; match = cuePattern.exec(text)) {
    const given = match[1] ?? '';
    const lower = given.toLowerCase();
    const [givenStart = 0, givenEnd = 0] = match.indices?.[1] ?? [];
    if (!lexicon.given.has(lower) || (given === lower && (lexicon.common?.has(lower) ?? false))) {
      cuePattern.lastIndex = givenStart; // the word may be a cue itself (`hi Anna`, `tell`)
      continue;
    }
    const surname = match.indices?.[2];
    const hasSurname = surname !== undefined && lexicon.surnames.has((match[2] ?? '').toLowerCase());
    const end = hasSurname ? surname[1] : givenEnd;
    spans.push({ start: givenStart, end });
    cuePattern.lastIndex = end;
  }
  return spans;
}
