import type { Detector } from '../entityTypes.ts';
import { ambiguousFirstNames, firstNames, notNames, surnames } from './nameLexicon.ts';
import { ambiguousPlaces, places } from './placeLexicon.ts';
import { before, priority, propose } from './scan.ts';

// One capitalised word (with Mc/Mac/O'/D' prefixes and hyphenated parts), or an initial "F.".
const word = String.raw`(?:Mc|Mac|O['’]|D['’])?\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?`;
const particle = String.raw`(?:van der|van den|van de|de la|de los|van|von|de|da|del|della|di|du|la|le|bin|ibn|al|el|ter|den|der|dos|das|y)`;
const sequencePattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.@/\\#$-])(?:${word}|\p{Lu}\.)(?:[ \t]+(?:${particle}[ \t]+)?(?:${word}|\p{Lu}\.)){0,4}(?![\p{L}\p{N}_@(]|\.\p{L})`,
  'gu',
);
const tokenPattern = new RegExp(String.raw`${word}|\p{Lu}\.|${particle}`, 'gu');

// A title right before the name makes anything capitalised a person.
const titleContext =
  /(?:\b(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Dame|Herr|Frau|Mme|Mlle|Sr|Sra|Srta|Dott|Ing)\.?|\bM\.)[ \t]+$/;
// Greetings, sign-offs and introductions.
const greetingContext =
  /(?:\b(?:[Dd]ear|[Hh]i|[Hh]ello|[Hh]ey|Bonjour|Hallo|Hola|Ciao|Liebe|Lieber|Querida|Querido)[ \t]*,?[ \t]*|\b(?:Thanks|Thank you|thanks|Cheers|[Rr]egards|Best|Sincerely|Yours|[Ww]ishes)[ \t]*(?:,[ \t]*\n?|\n)[ \t]*|\b(?:[Mm]y name is|name's|call me|signed by|assigned to|reported by|written by|approved by)[ \t]+|\b(?:Name|Contact|Author|From|To|Cc|CC|Attn|Patient|Customer|Employee|Signed|Assignee|Reporter|Owner|Bill to|Ship to|Attendees|Participants|Account holder|Holder|Recipient|Sender|Tenant|Landlord|Applicant|Candidate|Guest|Member|Witness)[ \t]*:[ \t]*|\b(?:account holder|holder|tenant|applicant|candidate)[ \t]+)$/;
// Weaker introductions: only with a given name and a family name.
const introductionContext = /\b(?:I am|I'm|this is|between|and|with|met|meet|for|of|to|from)[ \t]+$/;
// Sentences that introduce a place.
const placeContext =
  /\b(?:in|from|to|at|near|around|visit|visiting|visited|outside|of|based in|moved to|office in|flight to|trip to)[ \t]+$/i;
// Phrases after which a capitalised word is a place even when the gazetteer does not know it.
const strongPlaceContext =
  /\b(?:moved to|relocated to|relocating to|live in|lives in|living in|lived in|based in|located in|born in|grew up in|office in|offices in|branch in|clinic in|hospital in|stolen in|trip to|flight to|flights to|travel to|travelling to|traveling to|visiting|in the)[ \t]+$/i;
// Surnames that are ordinary English words: they make a person only after a known given name.
const commonWordSurnames = new Set(
  'White Green Black Brown Young Long King Hill Wood Cook Stone Fox Bell Rose Hunt Grant West Lane Ray Price Rice Wolf Hall Ford Mills Day Hunter Reed Cole Wells Page Mason Gray Henry James Martin Simon Jordan Carter Park Song Sun Klein Lang Jung Bos Vos Long Ma He Oh Ye Du Lu Yu Do Ho Lim Tan Han Gil Das Sen Tang Law Wong Arnold Morgan Turner Walker Baker Fisher Porter Knight Cooper Parker Miller Hunter Weaver Gardner Carpenter Little Sharp Strong Moody Wise Love Hope Crane Swan Snow Frost Winter Summers Church Marshall Powell Bishop Banks Fields Woods Lake Rivers Brooks Cross Street Free Freeman Gross Major Noble Case Chase Key Keys Russell Nelson Houston Dallas Austin Washington Lincoln Jackson Hamilton Richmond Kingston Victoria Georgia Florence Paris Chen Li Liu Yang Wang Zhang Wu Xu Lin'.split(
    ' ',
  ),
);

// A last word like these makes an organisation, not a person ("Acme Widgets Ltd").
const organisationWords = new Set(
  'Ltd Limited Inc Incorporated LLC LLP PLC GmbH AG SA SAS SARL BV NV Corp Corporation Co Company Group Holdings Bank University College School Institute Foundation Association Hospital Clinic Partners Labs Systems Technologies Solutions Services'.split(
    ' ',
  ),
);

type Token = { readonly text: string; readonly start: number };

function tokensOf(sequence: string, offset: number): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(sequence); match !== null; match = tokenPattern.exec(sequence)) {
    tokens.push({ text: match[0], start: offset + match.index });
  }
  return tokens;
}

function isGivenName(token: string): boolean {
  return firstNames.has(token) || firstNames.has(token.split('-')[0] ?? '');
}

function endOf(token: Token): number {
  return token.start + token.text.length;
}

/**
 * Whether the text just before `start` ends a person already found, joined by "and", a comma or
 * "between": names come in lists, so "Ana Silva and Kofi Boateng" is two people when one is known.
 */
function isListOfPeople(
  text: string,
  start: number,
  found: readonly { start: number; end: number; type: string }[],
): boolean {
  const lead = before(text, start, 60);
  if (/\b(?:between|I am|I'm|this is)[ \t]+$/.test(lead)) return true;
  const joined = /(?:,|\band|\bwith|\bor)[ \t]+$/.exec(lead);
  if (joined === null) return false;
  const joinStart = start - joined[0].length;
  return found.some((span) => span.type === 'person' && span.end >= joinStart - 1 && span.end <= joinStart + 1);
}

/** People (given-name list, surname list, titles, greetings) and places (a gazetteer). */
export const nameDetector: Detector = {
  types: ['person', 'location'],
  detect(text, found) {
    sequencePattern.lastIndex = 0;
    for (let match = sequencePattern.exec(text); match !== null; match = sequencePattern.exec(text)) {
      const all = tokensOf(match[0], match.index);
      // Drop leading sentence words and titles ("Dear", "Thanks", "Dr."), keep the name after them.
      let first = 0;
      while (
        first < all.length &&
        (notNames.has(all[first]?.text ?? '') || /^\p{Lu}\.$/u.test(all[first]?.text ?? ''))
      ) {
        first++;
      }
      const tokens = all.slice(first).filter((token) => /^\p{Lu}/u.test(token.text));
      const head = tokens[0];
      const tail = tokens.at(-1);
      if (head === undefined || tail === undefined) continue;
      // Only the capitalised words count; initials in the middle are kept inside the span.
      const words = tokens.filter((token) => !token.text.endsWith('.'));
      const firstWord = words[0]?.text ?? '';
      const lastWord = words.at(-1)?.text ?? '';
      const context = before(text, head.start, 40);
      const phrase = text.slice(head.start, endOf(tail));
      const isTitled = titleContext.test(context);
      const isPlace = places.has(phrase);
      if (isPlace && !isTitled && (!ambiguousPlaces.has(phrase) || placeContext.test(context))) {
        if (!isGivenName(firstWord) || words.length === 1 || placeContext.test(context)) {
          propose(found, head.start, endOf(tail), 'location', priority.location);
          continue;
        }
      }
      const isAmbiguous = ambiguousFirstNames.has(firstWord);
      if (organisationWords.has(lastWord)) continue;
      const isPerson =
        isTitled ||
        (isGivenName(firstWord) && !isAmbiguous) ||
        (words.length >= 2 &&
          surnames.has(lastWord) &&
          (isAmbiguous || isGivenName(firstWord) || !commonWordSurnames.has(lastWord))) ||
        (greetingContext.test(context) &&
          !notNames.has(firstWord) &&
          !(places.has(firstWord) && !ambiguousPlaces.has(firstWord))) ||
        (words.length >= 2 && introductionContext.test(context) && isListOfPeople(text, head.start, found));
      if (isPerson) {
        propose(found, head.start, endOf(tail), 'person', priority.person);
        continue;
      }
      const isUnknownWord = !notNames.has(firstWord) && !surnames.has(firstWord);
      if (words.length <= 2 && isUnknownWord && strongPlaceContext.test(context) && !/\bin the[ \t]+$/i.test(context)) {
        propose(found, head.start, endOf(tail), 'location', priority.location);
        continue;
      }
      if (
        words.length === 1 &&
        isUnknownWord &&
        /\bin the[ \t]+$/i.test(context) &&
        /^[ \t]+(?:office|branch|area|region|campus|clinic|store|team)\b/.test(
          text.slice(endOf(tail), endOf(tail) + 10),
        )
      ) {
        propose(found, head.start, endOf(tail), 'location', priority.location);
        continue;
      }
      // A sequence that is not a person may still contain a known place ("Berlin Office").
      for (const token of words) {
        if (places.has(token.text) && !ambiguousPlaces.has(token.text)) {
          propose(found, token.start, endOf(token), 'location', priority.location);
        }
      }
    }
  },
};
