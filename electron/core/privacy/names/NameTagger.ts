import { decodeNameTags, nameTags, tagRuns } from './decodeNameTags.ts';
import { contextNames, requestVerbs } from './contextNames.ts';
import { fileNameNames } from './fileNameNames.ts';
import { nameFeatures, ownFeatureCount, type NameLexicon } from './nameFeatures.ts';
import { tokenizeForNames, type NameToken } from './tokenizeForNames.ts';

/** The model file written by `npm run models:train-names` (models/ner/nameTagger.json). */
export type NameModelFile = {
  readonly format: 'atropos-name-tagger/1';
  readonly tags: readonly string[];
  readonly bucketBits: number;
  /** Feature weights `[bucket * tags + tag]` as little-endian int16, base64; real value = int * scale. */
  readonly weights: string;
  readonly scale: number;
  readonly transitions: readonly number[];
  /** Added to the person tags' scores, chosen on the validation split. */
  readonly personBias: number;
  /** Space-separated lower-case given names and surnames. */
  readonly given: string;
  readonly surnames: string;
  /** Space-separated `word/tier` pairs of common lower-case words (see `NameLexicon.common`). */
  readonly common?: string;
};

/** An entity the tagger found: PER (a person), LOC (a place) or ORG (an organisation). */
export type TaggedEntity = { readonly start: number; readonly end: number; readonly kind: string };

/** The learned name recogniser: tokenises, computes features, and decodes the best BIO tags. */
export class NameTagger {
  readonly #weights: Float32Array;
  readonly #transitions: Float32Array;
  readonly #lexicon: NameLexicon;
  readonly #bucketBits: number;
  readonly #personBias: number;
  readonly #ownCache = new Map<string, Float64Array>();

  constructor(file: NameModelFile, options: { personBias?: number } = {}) {
    if (file.format !== 'atropos-name-tagger/1' || file.tags.join() !== nameTags.join()) {
      throw new Error(`Unsupported name model format ${file.format}; retrain with npm run models:train-names.`);
    }
    const bytes = Buffer.from(file.weights, 'base64');
    const quantized = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    this.#weights = new Float32Array(quantized.length);
    for (let index = 0; index < quantized.length; index++) this.#weights[index] = (quantized[index] ?? 0) * file.scale;
    this.#transitions = Float32Array.from(file.transitions);
    this.#bucketBits = file.bucketBits;
    this.#personBias = options.personBias ?? file.personBias;
    this.#lexicon = {
      given: new Set(file.given.split(' ')),
      surnames: new Set(file.surnames.split(' ')),
      common: new Map(
        (file.common ?? '')
          .split(' ')
          .filter((pair) => pair !== '')
          .map((pair) => [pair.slice(0, pair.lastIndexOf('/')), Number(pair.slice(pair.lastIndexOf('/') + 1))]),
      ),
    };
  }

  /** People, places and organisations in `text`, in order. */
  tag(text: string): TaggedEntity[] {
    const tokens = tokenizeForNames(text);
    const features = nameFeatures(tokens, this.#lexicon, this.#bucketBits);
    const tags = decodeNameTags(
      features,
      { weights: this.#weights, transitions: this.#transitions, personBias: this.#personBias },
      { emissions: this.#ownEmissions(tokens, features.ids, features.offsets), ownCount: ownFeatureCount },
    );
    const entities: TaggedEntity[] = [];
    for (const run of tagRuns(tags)) {
      for (const [groupFirst, groupLast] of wordGroups(tokens, run.first, run.last)) {
        const isName = (first: number, last: number) =>
          this.#couldBeName(text.slice(tokens[first]?.start ?? 0, tokens[last]?.end ?? 0), first === last) &&
          !isLowerAfterDeterminer(text, tokens[first]?.start ?? 0, tokens[last]?.end ?? 0);
        if (run.kind === 'PER' && !isName(groupFirst, groupLast)) continue;
        for (const [first, last] of withoutLabels(tokens)([groupFirst, groupLast])) {
          if (run.kind === 'PER' && !isName(first, last)) continue;
          entities.push({ start: tokens[first]?.start ?? 0, end: tokens[last]?.end ?? 0, kind: run.kind });
        }
      }
    }
    return withLexiconNames(text, entities.map(withGivenAfterMiddle(text)), this.#lexicon);
  }

  /**
   * Each token's summed weights of its own-word features, kept per distinct word: words repeat
   * within and across texts, and these lookups are random reads in a 3.7 MB table.
   */
  #ownEmissions(tokens: readonly NameToken[], ids: Int32Array, offsets: Int32Array): Float64Array {
    const tagCount = nameTags.length;
    const emissions = new Float64Array(tokens.length * tagCount);
    if (this.#ownCache.size > 50_000) this.#ownCache.clear();
    for (let index = 0; index < tokens.length; index++) {
      const word = tokens[index]?.text ?? '';
      let own = this.#ownCache.get(word);
      if (own === undefined) {
        own = new Float64Array(tagCount);
        const first = offsets[index] ?? 0;
        for (let cursor = first; cursor < first + ownFeatureCount; cursor++) {
          const base = (ids[cursor] ?? 0) * tagCount;
          for (let tag = 0; tag < tagCount; tag++) own[tag] = (own[tag] ?? 0) + (this.#weights[base + tag] ?? 0);
        }
        this.#ownCache.set(word, own);
      }
      emissions.set(own, index * tagCount);
    }
    return emissions;
  }

  /**
   * Whether a tagged span may be a person's name: never a constant in capitals joined by
   * underscores (`DB_PASSWORD`, unless the name lists know a part: `ANNA_SCHMIDT.pdf`), never one
   * word with digits (`user2`), and never one lower-case word that news text writes in lower case
   * (`end`) unless the name lists know it (`ahmed`): prose and code are full of such words.
   */
  #couldBeName(span: string, isOneWord: boolean): boolean {
    if (
      span.includes('_') &&
      /\p{Lu}/u.test(span) &&
      !/\p{Ll}/u.test(span) &&
      !span.split(/_+/).some((part) => this.#isKnownName(part))
    ) {
      return false;
    }
    if (!isOneWord) return true;
    if (/\p{N}/u.test(span)) return false;
    if (!/^\p{Ll}+$/u.test(span)) return true;
    return this.#isKnownName(span) || !(this.#lexicon.common?.has(span) ?? false);
  }

  /** Whether `word` is a common lower-case word of the tagger's lexicon (CoNLL train, 2 times or more). */
  isCommonWord(word: string): boolean {
    return this.#lexicon.common?.has(word.toLowerCase()) ?? false;
  }

  #isKnownName(word: string): boolean {
    const lower = word.toLowerCase();
    return this.#lexicon.given.has(lower) || this.#lexicon.surnames.has(lower);
  }
}

// Words that open a noun phrase: a name written in lower case does not follow one ("the quick brown fox").
const determiners = new Set('the a an my your his its our their some any every each no'.split(' '));

/**
 * Whether [start, end) is written all in lower case (cased letters, none capital) right after a
 * determiner, or after a determiner and one lower-case word: a noun phrase such as `the quick brown
 * fox`, whose words the name lists also hold (Brown, Fox) and the tagger, trained partly on
 * lower-cased text, takes for a person. Lower-case names elsewhere (`note that ayşe demir left`)
 * stay names.
 */
function isLowerAfterDeterminer(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  if (/\p{Lu}|\p{Lo}/u.test(span) || !/\p{Ll}/u.test(span)) return false;
  const before = /(?:^|[^\p{L}'’-])(\p{L}+)[ \t]+(?:(\p{Ll}+)[ \t]+)?$/u.exec(
    text.slice(Math.max(0, start - 60), start),
  );
  if (before === null) return false;
  const [, first = '', second] = before;
  return determiners.has(first.toLowerCase()) || (second !== undefined && determiners.has(second));
}

// Words that label a form's field or a header, never part of a name ("Dirección: ...", "Nico\nPhone:",
// "Bearer eyJ...", "Mon-Fri 9-17"): the tagger sometimes takes an unknown capitalised one for a name.
const fieldLabels = new Set(
  'address adresse dirección direccion indirizzo endereço anschrift wohnadresse phone telephone teléfono telefono telefone téléphone telefon tel mobile mobil handy fax email e-mail mail subject betreff asunto oggetto bearer basic token password passwort contraseña username login iban mon-fri mon-sat mo-fr lun-ven pdf png jpg jpeg docx xlsx csv txt vcf eml'.split(
    ' ',
  ),
);

// Vietnamese middle names: the given name after one is a name's last word, however short ("Nguyễn Văn An").
const middleNames = new Set(
  'van văn thi thị duc đức huu hữu dinh đình ngoc ngọc xuan xuân cong công quoc quốc'.split(' '),
);
const givenAfter = /^[ \t]+(\p{Lu}[\p{Ll}\p{M}]{0,5})(?![\p{L}\p{M}])/u;

/** A person's span that ends with a middle name, stretched over the capitalised given name after it. */
function withGivenAfterMiddle(text: string): (entity: TaggedEntity) => TaggedEntity {
  return (entity) => {
    if (entity.kind !== 'PER') return entity;
    const last = /[\p{L}\p{M}]+$/u.exec(text.slice(entity.start, entity.end))?.[0].normalize('NFC').toLowerCase();
    if (last === undefined || !middleNames.has(last)) return entity;
    const given = givenAfter.exec(text.slice(entity.end, entity.end + 12));
    return given === null ? entity : { ...entity, end: entity.end + given[0].length };
  };
}

/**
 * The tagger's entities with the names the lexicon finds where the tagger's tokens or context fall
 * short: inside file names (replacing what the tagger made of them, `Naval Dubashi-passport`), and
 * after a word that names a person next in chat (`call tim when`), where the tagger found none.
 */
function withLexiconNames(text: string, entities: TaggedEntity[], lexicon: NameLexicon): TaggedEntity[] {
  const inFiles = fileNameNames(text, lexicon);
  const overlaps = (spans: readonly { start: number; end: number }[], entity: { start: number; end: number }) =>
    spans.some((span) => span.start < entity.end && entity.start < span.end);
  const kept =
    inFiles.length === 0 ? entities : entities.filter((entity) => entity.kind !== 'PER' || !overlaps(inFiles, entity));
  const people = [...kept.filter((entity) => entity.kind === 'PER'), ...inFiles];
  const fromContext = contextNames(text, lexicon).filter((span) => !overlaps(people, span));
  if (inFiles.length === 0 && fromContext.length === 0) return entities;
  return [...kept, ...[...inFiles, ...fromContext].map((span) => ({ ...span, kind: 'PER' }))].sort(
    (a, b) => a.start - b.start,
  );
}

// Words of a job title, and words that end a clause after a name ("it's michael here").
const jobWords = new Set(
  'manager director engineer officer assistant lead head president ceo cto cfo coo founder analyst consultant specialist coordinator developer designer administrator secretary intern account sales support team department executive partner associate'.split(
    ' ',
  ),
);
const trailingWords = new Set(['here', 'there', 'again', 'too', 'speaking']);

/** A token group without the field labels at either end (a label inside splits it), nor a request verb before a name. */
function withoutLabels(tokens: readonly NameToken[]): (group: [number, number]) => [number, number][] {
  return ([groupFirst, last]) => {
    const groups: [number, number][] = [];
    const isVerb = last > groupFirst && requestVerbs.has(tokens[groupFirst]?.text.toLowerCase() ?? '');
    const first = isVerb ? groupFirst + 1 : groupFirst;
    // A job title on the line after a signature's name is not part of it ("Carolyn Jordan\nAccount Manager").
    let end = last;
    for (let index = first + 1; index <= last; index++) {
      if (tokens[index]?.gap !== '\n') continue;
      const after = tokens.slice(index, last + 1).map((token) => token.text.toLowerCase());
      if (after.some((word) => jobWords.has(word))) end = Math.min(end, index - 1);
    }
    while (end > first && trailingWords.has(tokens[end]?.text.toLowerCase() ?? '')) end--; // `michael here`
    let start = first;
    for (let index = first; index <= end + 1; index++) {
      const isLabel = index <= end && fieldLabels.has(tokens[index]?.text.toLowerCase() ?? '');
      if (index <= end && !isLabel) continue;
      if (index > start) groups.push([start, index - 1]);
      start = index + 1;
    }
    return groups;
  };
}

// Titles and honorifics stay outside the name's span, as in CoNLL's annotation ("Mr [Takahashi]").
const titles = new Set(
  'mr mrs ms mx miss dr prof sir dame herr frau mme mlle sr sra srta dott ing mister madam madame'.split(' '),
);

/**
 * A run of tagged tokens cut at punctuation: a name holds words and the dots of initials (`J.`),
 * never `flat. Marketing` across a sentence end or `server.listen` in code.
 */
function wordGroups(tokens: readonly NameToken[], first: number, last: number): [number, number][] {
  const groups: [number, number][] = [];
  let start = -1;
  for (let index = first; index <= last; index++) {
    const token = tokens[index];
    const isWord = token !== undefined && /[\p{L}\p{N}]/u.test(token.text);
    const previous = tokens[index - 1];
    const isInitialDot =
      token?.text === '.' && token.gap === '' && previous !== undefined && /^\p{L}{1,2}$/u.test(previous.text);
    const next = tokens[index + 1];
    const endsInitial = isInitialDot && index < last && next !== undefined && /^\p{Lu}/u.test(next.text);
    if (isWord || endsInitial) {
      if (start < 0) start = index;
      continue;
    }
    if (start >= 0) groups.push([start, index - 1]);
    start = -1;
  }
  if (start >= 0) groups.push([start, last]);
  return groups.flatMap(([groupStart, groupEnd]) => {
    let from = groupStart;
    while (from <= groupEnd && (titles.has(tokens[from]?.text.toLowerCase() ?? '') || tokens[from]?.text === '.')) {
      from++;
    }
    return from <= groupEnd ? [[from, groupEnd] as [number, number]] : [];
  });
}
