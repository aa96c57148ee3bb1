import { describe, expect, it } from 'vitest';
import { decodeNameTags, tagRuns } from '#core/privacy/names/decodeNameTags.ts';
import { nameFeatures, type NameLexicon } from '#core/privacy/names/nameFeatures.ts';
import { tokenizeForNames } from '#core/privacy/names/tokenizeForNames.ts';
import { goldTags, seededRandom, pick, type LabelledText } from '#lab/redaction/labelledSentences.ts';
import { NameTaggerTrainer } from '#lab/redaction/trainNameTagger.ts';

// A small real training run: sentences where people stand after "met" and before "said", with
// names the lexicon does not know, so the tagger has to learn the context.
const lexicon: NameLexicon = { given: new Set(['anna']), surnames: new Set(['kowalski']) };
const names = ['Bakuro Tenvali', 'Siri Omandu', 'Leko Varsh', 'Tamsin Oduya', 'Ravel Quonst', 'Irsa Delmont'];
const frames = ['Yesterday I met {P} near the station .', '{P} said the shipment was late .', 'We met {P} again .'];

function sentence(random: () => number): LabelledText {
  const [before, after] = pick(frames, random).split('{P}') as [string, string];
  const name = pick(names, random);
  return {
    text: before + name + after,
    spans: [{ start: before.length, end: before.length + name.length, type: 'PERSON' }],
  };
}

describe('NameTaggerTrainer', () => {
  it('learns where people stand and finds an unseen name there', () => {
    const random = seededRandom(7);
    const sequences = Array.from({ length: 120 }, () => {
      const { tokens, tags } = goldTags(sentence(random));
      return { features: nameFeatures(tokens, lexicon, 12), tags };
    });
    const trainer = new NameTaggerTrainer(12);
    const order = sequences.map((_, index) => index);
    const first = trainer.epoch(sequences, order);
    let last = first;
    for (let epoch = 0; epoch < 4; epoch++) last = trainer.epoch(sequences, order);
    expect(last).toBeLessThan(first);
    expect(last).toBe(0);

    const text = 'Yesterday I met Oskana Pirrel near the station .';
    const tokens = tokenizeForNames(text);
    const runs = tagRuns(decodeNameTags(nameFeatures(tokens, lexicon, 12), trainer.averaged()));
    expect(runs.map((run) => [text.slice(tokens[run.first]?.start, tokens[run.last]?.end), run.kind])).toEqual([
      ['Oskana Pirrel', 'PER'],
    ]);
  });
});
