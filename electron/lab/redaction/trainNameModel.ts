import { createHash } from 'node:crypto';
import path from 'node:path';
import { nameTags, tagRuns, decodeNameTags } from '#core/privacy/names/decodeNameTags.ts';
import { commonTier, nameFeatures, type NameLexicon, type TokenFeatures } from '#core/privacy/names/nameFeatures.ts';
import type { NameModelFile } from '#core/privacy/names/NameTagger.ts';
import { tokenizeForNames, type NameToken } from '#core/privacy/names/tokenizeForNames.ts';
import { lowerCased, substituteNames, templateSentence } from './augmentNameSentences.ts';
import { goldTags, pick, readLabelledTexts, seededRandom, type LabelledText } from './labelledSentences.ts';
import { buildLexiconWords, fakerNamePools } from './nameSources.ts';
import { documentationSentences, negativeSentence } from './trainingNegatives.ts';
import { scoreNameSpans, type NameScore } from './scoreNameSpans.ts';
import { NameTaggerTrainer, type TrainedTagger, type TrainingSequence } from './trainNameTagger.ts';

/** What `npm run models:train-names` does; every default is what the shipped model used. */
export type NameModelOptions = {
  readonly trainFile: string;
  readonly validFile: string;
  /** Defaults to 12. */
  readonly epochs?: number;
  /** Defaults to 17 (131,072 hashed feature buckets). */
  readonly bucketBits?: number;
  /** Defaults to 15. */
  readonly seed?: number;
  /** Template sentences added to the training set. Defaults to 4000. */
  readonly templateSentences?: number;
  /** Sentences without people (code, technical prose) added to the training set. Defaults to 3000. */
  readonly negativeSentences?: number;
  /** Texts of one or two README sentences of the installed packages (no people). Defaults to 3000. */
  readonly proseSentences?: number;
  /** Where node_modules is. Defaults to the repository root. */
  readonly packageRoot?: string;
  readonly log?: (line: string) => void;
};

/** Person biases tried on the validation split. */
const personBiases = [-2, 0, 2, 4, 6, 8, 10, 12, 16, 20];

type Prepared = { labelled: LabelledText; tokens: NameToken[]; features: TokenFeatures };

/** Words written in lower case inside CoNLL train's sentences (not opening one), with their tiers. */
function commonLowerWords(train: readonly LabelledText[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { text } of train) {
    const tokens = tokenizeForNames(text);
    for (let index = 1; index < tokens.length; index++) {
      const word = tokens[index]?.text ?? '';
      if (/^[.!?:"]$/.test(tokens[index - 1]?.text ?? '') || !/^\p{Ll}[\p{Ll}'-]*$/u.test(word)) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const tiers = new Map<string, number>();
  for (const [word, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (commonTier(count) > 0) tiers.set(word, commonTier(count));
  }
  return tiers;
}

/** The training sequences: CoNLL train, its augmented copies and the template sentences. */
function trainingTexts(
  train: readonly LabelledText[],
  prose: readonly string[],
  options: Required<NameModelOptions>,
): LabelledText[] {
  const random = seededRandom(options.seed);
  const pools = fakerNamePools();
  const texts: LabelledText[] = [];
  for (const labelled of train) {
    texts.push(labelled);
    const hasPerson = labelled.spans.some((span) => span.type === 'PERSON');
    const substituted = hasPerson && random() < 0.7 ? substituteNames(labelled, pools, random) : undefined;
    if (substituted !== undefined) texts.push(substituted);
    if (random() < 0.2) texts.push(lowerCased(substituted ?? labelled));
  }
  for (let index = 0; index < options.templateSentences; index++) texts.push(templateSentence(pools, random));
  for (let index = 0; index < options.negativeSentences; index++) texts.push(negativeSentence(random));
  for (let index = 0; index < options.proseSentences && prose.length > 0; index++) {
    const sentences = Array.from({ length: random() < 0.5 ? 1 : 2 }, () => pick(prose, random));
    texts.push({ text: sentences.join(' '), spans: [] });
  }
  return texts;
}

/** Person spans a trained tagger predicts on prepared texts. */
function predictPeople(prepared: readonly Prepared[], tagger: TrainedTagger, personBias: number) {
  return prepared.map(({ labelled, tokens, features }) => ({
    text: labelled.text,
    gold: labelled.spans,
    predicted: tagRuns(decodeNameTags(features, { ...tagger, personBias }))
      .filter((run) => run.kind === 'PER')
      .map((run) => ({ start: tokens[run.first]?.start ?? 0, end: tokens[run.last]?.end ?? 0 })),
  }));
}

/** Recall-weighted F2: missing a name costs more than hiding a word too many. */
const f2 = (score: NameScore) => (5 * score.precision * score.recall) / (4 * score.precision + score.recall || 1);

/** Int16 quantisation with one scale: the weights' largest magnitude maps to 32767. */
function quantize(weights: Float32Array): { base64: string; scale: number } {
  let largest = 0;
  for (const value of weights) largest = Math.max(largest, Math.abs(value));
  const scale = largest === 0 ? 1 : largest / 32767;
  const quantized = Int16Array.from(weights, (value) => Math.round(value / scale));
  return { base64: Buffer.from(quantized.buffer).toString('base64'), scale };
}

/**
 * Trains the name recogniser on CoNLL-2003 train (plus augmentation), chooses the epoch and the
 * person bias on CoNLL-2003 valid (recall-weighted F2), and returns the model file and its manifest.
 */
export function trainNameModel(input: NameModelOptions): { model: NameModelFile; manifest: Record<string, unknown> } {
  const options: Required<NameModelOptions> = {
    epochs: 12,
    bucketBits: 17,
    seed: 15,
    templateSentences: 4000,
    negativeSentences: 3000,
    proseSentences: 3000,
    packageRoot: path.join(import.meta.dirname, '..', '..', '..'),
    log: () => undefined,
    ...input,
  };
  const started = performance.now();
  const pools = fakerNamePools();
  const lexiconWords = buildLexiconWords(pools);
  const train = readLabelledTexts(options.trainFile);
  const common = commonLowerWords(train);
  const lexicon: NameLexicon = {
    given: new Set(lexiconWords.given),
    surnames: new Set(lexiconWords.surnames),
    common,
  };
  const prepare = (labelled: LabelledText): Prepared & { tags: number[] } => {
    const { tokens, tags } = goldTags(labelled);
    return { labelled, tokens, tags, features: nameFeatures(tokens, lexicon, options.bucketBits) };
  };
  // README prose depends on the installed packages: its size and hash go into the manifest.
  const prose = documentationSentences(options.packageRoot);
  const sequences: TrainingSequence[] = trainingTexts(train, prose, options).map(prepare);
  const valid = readLabelledTexts(options.validFile).map(prepare);
  options.log(`${train.length} CoNLL train sentences -> ${sequences.length} training sequences; ${valid.length} valid`);
  const trainer = new NameTaggerTrainer(options.bucketBits);
  const random = seededRandom(options.seed + 1);
  const order = sequences.map((_, index) => index);
  let best: { epoch: number; bias: number; f2: number; score: NameScore; tagger: TrainedTagger } | undefined;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
    }
    const mistakes = trainer.epoch(sequences, order);
    const tagger = trainer.averaged();
    for (const bias of personBiases) {
      const score = scoreNameSpans(predictPeople(valid, tagger, bias));
      if (best === undefined || f2(score) > best.f2) best = { epoch, bias, f2: f2(score), score, tagger };
      if (bias === 0) {
        options.log(
          `epoch ${epoch}: ${mistakes} wrong sequences; valid person recall ${score.recall.toFixed(4)} precision ${score.precision.toFixed(4)} over-redaction ${score.overRedaction.toFixed(4)}`,
        );
      }
    }
  }
  if (best === undefined) throw new Error('no epoch trained');
  const { base64, scale } = quantize(best.tagger.weights);
  const model: NameModelFile = {
    format: 'atropos-name-tagger/1',
    tags: [...nameTags],
    bucketBits: options.bucketBits,
    weights: base64,
    scale,
    transitions: Array.from(best.tagger.transitions, (value) => Math.round(value * 1e4) / 1e4),
    personBias: best.bias,
    given: lexiconWords.given.join(' '),
    surnames: lexiconWords.surnames.join(' '),
    common: [...common].map(([word, tier]) => `${word}/${tier}`).join(' '),
  };
  const manifest = {
    model: 'nameTagger.json',
    sha256: createHash('sha256')
      .update(`${JSON.stringify(model)}\n`)
      .digest('hex'),
    kind: 'structured averaged perceptron, first-order Viterbi over BIO tags (PER, LOC, ORG), hashed features',
    command: 'npm run models:train-names',
    trainedOn:
      'conll2003-train.jsonl (12,147 sentences; ../shared/data/redaction) with augmentation, plus people-free sentences: code, technical prose, instructions, and README prose of the installed packages',
    chosenOn: 'conll2003-valid.jsonl: epoch and person bias by recall-weighted F2 of person spans',
    options: {
      epochs: options.epochs,
      bucketBits: options.bucketBits,
      seed: options.seed,
      templateSentences: options.templateSentences,
      negativeSentences: options.negativeSentences,
      proseSentences: options.proseSentences,
    },
    readmeProse: {
      sentences: prose.length,
      sha256: createHash('sha256').update(prose.join('\n')).digest('hex'),
    },
    chosen: { epoch: best.epoch, personBias: best.bias },
    valid: best.score,
    lexicon: {
      source:
        '@faker-js/faker 10.6.0 (MIT) person.first_name / person.last_name of every locale, and electron/core/privacy/detectors/nameLexicon.ts',
      given: lexiconWords.given.length,
      surnames: lexiconWords.surnames.length,
      commonLowerCaseWords: common.size,
    },
    trainingSeconds: Math.round((performance.now() - started) / 1000),
  };
  return { model, manifest };
}
