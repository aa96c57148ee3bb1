import modelFile from '../../../../models/ner/nameTagger.json' with { type: 'json' };
import { NameTagger, type NameModelFile } from './NameTagger.ts';

/** A person's name found in a text: the half-open character range [start, end). */
export type NameSpan = { readonly start: number; readonly end: number; readonly type: 'PERSON' };

let tagger: NameTagger | undefined;

/** The shipped recogniser (models/ner/nameTagger.json), built on first use (about 30 ms). */
export function defaultNameTagger(): NameTagger {
  tagger ??= new NameTagger(modelFile as NameModelFile);
  return tagger;
}

/**
 * People's names in `text`, found by the learned recogniser (models/ner/manifest.json says how it
 * was trained and chosen). The span covers the name only, never the verb or title before it.
 */
export function detectNames(text: string): NameSpan[] {
  return defaultNameTagger()
    .tag(text)
    .filter((entity) => entity.kind === 'PER')
    .map(({ start, end }) => ({ start, end, type: 'PERSON' }));
}

/** Whether `word` is a common English word in lower case ("will", "mark", "rose"): the recogniser's list. */
export function isCommonWord(word: string): boolean {
  return defaultNameTagger().isCommonWord(word);
}
