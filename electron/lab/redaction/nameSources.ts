// Given names and surnames from many cultures and scripts: @faker-js/faker's locale lists (MIT),
// and the project's own hand-written lists. They become the recogniser's lexicon (shipped inside the
// model file) and the names substituted into training sentences.
import { allLocales } from '@faker-js/faker';
import { firstNames, surnames as ruleSurnames } from '#core/privacy/detectors/nameLexicon.ts';

/** The names of one locale and how its people write a full name. */
export type NamePool = {
  readonly locale: string;
  readonly given: readonly string[];
  readonly surnames: readonly string[];
  /** Family name first (Chinese, Japanese, Korean, Vietnamese, Hungarian). */
  readonly isFamilyFirst: boolean;
  /** Written without a space between the two (Chinese, Japanese and Korean in their own scripts). */
  readonly isJoined: boolean;
};

type Definitions = Record<string, unknown>;

/** Every string of a faker definition: a list, or an object of lists ({female, male, generic}). */
function stringsOf(definition: unknown): string[] {
  if (Array.isArray(definition)) return definition.filter((item): item is string => typeof item === 'string');
  if (typeof definition === 'object' && definition !== null) return Object.values(definition).flatMap(stringsOf);
  return [];
}

/** Faker patterns hold some names as `{{...}}` templates; keep only plain names. */
const isPlainName = (name: string) => name.trim() !== '' && !name.includes('{') && !/\d/.test(name);

/** One pool per faker locale that has both given names and surnames, sorted by locale. */
export function fakerNamePools(): NamePool[] {
  const pools: NamePool[] = [];
  for (const [locale, definitions] of Object.entries(allLocales).sort(([a], [b]) => a.localeCompare(b))) {
    const person = (definitions as Definitions).person as Definitions | undefined;
    if (person === undefined) continue;
    const given = [...new Set(stringsOf(person.first_name).filter(isPlainName))].sort();
    const family = [...new Set(stringsOf(person.last_name).filter(isPlainName))].sort();
    if (given.length === 0 || family.length === 0) continue;
    const isCjk = /^(zh|ja|ko)/.test(locale);
    pools.push({
      locale,
      given,
      surnames: family,
      isFamilyFirst: isCjk || locale === 'vi' || locale === 'hu',
      isJoined: isCjk,
    });
  }
  return pools;
}

/** The lexicon shipped with the model: every word of every given name and surname, lower-cased. */
export function buildLexiconWords(pools: readonly NamePool[]): { given: string[]; surnames: string[] } {
  const given = new Set<string>();
  const family = new Set<string>();
  const addWords = (target: Set<string>, name: string, isJoined: boolean) => {
    const lower = name.toLowerCase();
    // A joined CJK family name (上官) is kept whole: the features look at a word's first characters.
    for (const word of isJoined ? [lower] : lower.split(/[\s]+/)) if (word !== '') target.add(word);
  };
  for (const pool of pools) {
    for (const name of pool.given) addWords(given, name, pool.isJoined);
    for (const name of pool.surnames) addWords(family, name, pool.isJoined);
  }
  for (const name of firstNames) addWords(given, name, false);
  for (const name of ruleSurnames) addWords(family, name, false);
  return { given: [...given].sort(), surnames: [...family].sort() };
}
