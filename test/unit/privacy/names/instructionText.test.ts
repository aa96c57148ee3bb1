import { describe, expect, it } from 'vitest';
import { detectNames } from '#core/privacy/names/detectNames.ts';

/** The names found in `text`, as strings. */
const namesIn = (text: string) => detectNames(text).map((span) => text.slice(span.start, span.end));

// Prompts and requests open sentences with capitalised common words; none of these is a person.
// None of them is a training sentence (electron/lab/redaction/trainingNegatives.ts generates others).
const instructions = [
  // The bench world's system prompt (worldSystemPrompt): "Answer" was hidden as a person, and the
  // task vault then replaced every later "answer" in the conversation.
  'Use calc per operation. Answer with the number.',
  'Answer in one word, then stop.',
  'Contact support if the export keeps failing.',
  'Summarise the attached thread for the weekly digest.',
  'Please review these figures and flag anything odd.',
  'Note that prices exclude tax.',
  'Check the spelling of every heading.',
  'Describe the bug, then propose a fix.',
  'Think step by step before replying.',
  'Hope this clears things up.',
  'Grant write access only to admins.',
  'Bill the hours to the maintenance budget.',
  'Will the backup run overnight?',
];

describe('detectNames on instructions', () => {
  it.each(instructions)('finds no person in %j', (text) => {
    expect(namesIn(text)).toEqual([]);
  });

  // A known miss, kept visible: CoNLL's many people called Mark outweigh the imperative here.
  it.fails('finds no person in "Mark each finished item with a tick." (known miss)', () => {
    expect(namesIn('Mark each finished item with a tick.')).toEqual([]);
  });

  it('still finds names that are also words where a person stands', () => {
    expect(namesIn('Will Smith said the premiere had been moved.')).toEqual(['Will Smith']);
    expect(namesIn('Please ask Rose at the reception desk.')).toEqual(['Rose']);
    expect(namesIn('Mark Rutte met the delegation on Tuesday.')).toEqual(['Mark Rutte']);
    expect(namesIn('The film stars Hugh Grant as a bookseller.')).toEqual(['Hugh Grant']);
    expect(namesIn('Send the signed contract to Bill Okafor.')).toEqual(['Bill Okafor']);
    expect(namesIn('Hope Nakamura and Joy Fernandes signed the lease.')).toEqual(['Hope Nakamura', 'Joy Fernandes']);
  });
});
