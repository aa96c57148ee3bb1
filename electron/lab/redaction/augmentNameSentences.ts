// Training-time augmentation for the name recogniser: CoNLL's news sentences with other people's
// names (from every faker locale and script), lower-cased copies, names split over lines and names
// inside file names, plus short message and form sentences written for training only. The
// multi-script evaluation set (multiScriptNameSet.ts) uses other templates and other names.
import type { NamePool } from './nameSources.ts';
import { pick, type GoldSpan, type LabelledText } from './labelledSentences.ts';

/** How a name is written: its parts in reading order, and whether they join without a space. */
type RenderedName = { readonly parts: readonly string[]; readonly isJoined: boolean };

const onsets = 'b d f g h k l m n p r s t v w y z ch sh th ng kw tl dj ts'.split(' ');
const vowels = 'a e i o u a e i o u ai ao ei ou ia'.split(' ');
const codas = ['', '', '', 'n', 'r', 's', 'l', 'm', 'k', 'ng'];

/** A made-up word of two or three syllables: a name no lexicon knows, so context has to find it. */
function inventedName(random: () => number): string {
  let word = '';
  const syllables = 2 + Math.floor(random() * 2);
  for (let index = 0; index < syllables; index++) word += pick(onsets, random) + pick(vowels, random);
  word += pick(codas, random);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A full name, a given name alone or a surname alone from `pool`, in the pool's order. */
export function drawName(pool: NamePool, random: () => number): RenderedName {
  const isInvented = random() < 0.25;
  const given = isInvented ? inventedName(random) : pick(pool.given, random);
  const family = isInvented ? inventedName(random) : pick(pool.surnames, random);
  const roll = random();
  if (roll < 0.1) return { parts: [given], isJoined: false };
  if (roll < 0.2) return { parts: [family], isJoined: false };
  const isJoined = pool.isJoined && !isInvented;
  const parts = pool.isFamilyFirst && !isInvented ? [family, given] : [given, family];
  if (!isJoined && roll < 0.25) parts[0] = `${[...(parts[0] ?? 'A')][0] ?? 'A'}.`;
  return { parts, isJoined };
}

/** The name as running text, sometimes lower-cased or split over a line break. */
function nameAsText(name: RenderedName, random: () => number): string {
  let text = name.parts.join(name.isJoined ? '' : ' ');
  const roll = random();
  if (roll < 0.12) text = text.toLowerCase();
  else if (roll < 0.15) text = text.toUpperCase();
  if (random() < 0.06 && text.includes(' ')) text = text.replace(' ', '\n');
  return text;
}

const fileSuffixes = ['_cv.pdf', '_resume.docx', '_passport.jpg', '_contract_2023.pdf', '.vcf', '_notes.txt'];

/** Replaces each span for which `replacement` returns a value; spans keep their type. */
function replaceSpans(
  labelled: LabelledText,
  replacement: (span: GoldSpan) => { text: string; nameLength?: number } | undefined,
): LabelledText {
  let text = '';
  let cursor = 0;
  const spans: GoldSpan[] = [];
  for (const span of [...labelled.spans].sort((a, b) => a.start - b.start)) {
    text += labelled.text.slice(cursor, span.start);
    const value = replacement(span);
    const written = value?.text ?? labelled.text.slice(span.start, span.end);
    const length = value?.nameLength ?? written.length;
    spans.push({ start: text.length, end: text.length + length, type: span.type });
    text += written;
    cursor = span.end;
  }
  return { text: text + labelled.text.slice(cursor), spans };
}

/** The sentence with every person replaced by a name from a random pool, sometimes as a file name. */
export function substituteNames(
  labelled: LabelledText,
  pools: readonly NamePool[],
  random: () => number,
): LabelledText {
  return replaceSpans(labelled, (span) => {
    if (span.type !== 'PERSON') return undefined;
    const name = drawName(pick(pools, random), random);
    if (random() < 0.08 && !name.isJoined) {
      const stem = name.parts.map((part) => part.replace(/\.$/, '')).join('_');
      const written = random() < 0.7 ? stem.toLowerCase() : stem;
      return { text: written + pick(fileSuffixes, random), nameLength: written.length };
    }
    return { text: nameAsText(name, random) };
  });
}

/** The sentence in lower case (people type names that way in chats and search boxes). */
export function lowerCased(labelled: LabelledText): LabelledText {
  return { text: labelled.text.toLowerCase(), spans: labelled.spans };
}

// Messages, forms and requests in the style of what people send an assistant; `{P}` is a person.
// `{G}` is a given name alone. Sentences without either teach that capitalised verbs and nouns next to names are not names.
const trainingTemplates = [
  'Contact {P} about the delayed shipment before Friday.',
  'Please ask {P} to review the pull request.',
  'Can you draft a reply to {P} thanking them for the invoice?',
  'Meeting notes: {P} will send the slides, {P} books the room.',
  'Name: {P}\nDate of birth: 1984-03-12\nPolicy: standard',
  'Patient {P} was admitted on Tuesday with a fractured wrist.',
  'Forward this to {P} and cc {P}.',
  'I spoke with {P} yesterday and she agreed to the new terms.',
  'Hi {P}, thanks for getting back to me so quickly.',
  'Regards,\n{P}',
  'The lease is signed by {P} as tenant.',
  'Assign the ticket to {P}.',
  'Could {P} join the call at 3pm?',
  "Attached is {P}'s signed offer letter.",
  'Reminder: {P} is out of office until Monday.',
  'Driver: {P}, licence expires next year.',
  'Send the report to {P} when it is ready.',
  'Employee {P} requested parental leave.',
  'We hired {P} as our new accountant.',
  'Summarise the email from {P} in two sentences.',
  'Contact support if the problem persists.',
  'Ask the team lead before merging.',
  'Please review the attached quarterly report.',
  'Thanks for the update, see you Monday.',
  'Reset your password from the Settings page.',
  'The Finance team will approve the budget next week.',
  'Thanks,\n{G}',
  'Cheers,\n{G}\n\nSent from my phone',
  'Hi {G},\nthe build is green again.',
  'Best wishes,\n{G} ({P})',
  'Dear {G}, your parcel is ready for pickup.',
];

/** A training sentence from one template, every `{P}` and `{G}` filled with a drawn name. */
export function templateSentence(pools: readonly NamePool[], random: () => number): LabelledText {
  const template = pick(trainingTemplates, random);
  let text = '';
  const spans: GoldSpan[] = [];
  for (const piece of template.split(/(\{[PG]\})/)) {
    if (piece !== '{P}' && piece !== '{G}') {
      text += piece;
      continue;
    }
    const pool = pick(pools, random);
    const drawn = piece === '{G}' ? { parts: [pick(pool.given, random)], isJoined: false } : drawName(pool, random);
    const name = nameAsText(drawn, random);
    spans.push({ start: text.length, end: text.length + name.length, type: 'PERSON' });
    text += name;
  }
  return { text, spans };
}
