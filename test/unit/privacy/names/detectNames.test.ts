import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectNames } from '#core/privacy/names/detectNames.ts';

const root = path.join(import.meta.dirname, '..', '..', '..', '..');

/** The names found in `text`, as strings. */
const namesIn = (text: string) => detectNames(text).map((span) => text.slice(span.start, span.end));

describe('detectNames', () => {
  it('hides the name and not the verb before it', () => {
    expect(namesIn('Contact Maria Lopez about the invoice.')).toEqual(['Maria Lopez']);
    expect(namesIn('Ask Ana García at the front desk for the key.')).toEqual(['Ana García']);
    expect(namesIn('Hi, this is Ana García from accounting.')).toEqual(['Ana García']);
  });

  it('keeps neighbouring words out of the span', () => {
    const text = 'Yesterday Kofi Boateng told Priya Raman that Tomasz Nowak would sign.';
    const spans = detectNames(text);
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual([
      'Kofi Boateng',
      'Priya Raman',
      'Tomasz Nowak',
    ]);
    for (const span of spans) {
      expect(text[span.start - 1]).toBe(' ');
      expect(text[span.end]).toBe(' ');
    }
  });

  it('leaves titles outside the span', () => {
    expect(namesIn('Send the docs to Mr. Takahashi before the audit.')).toEqual(['Takahashi']);
  });

  it("leaves a possessive 's outside the span", () => {
    expect(namesIn("Please review John's draft and 陈静's notes.")).toEqual(['John', '陈静']);
  });

  it('finds lower-case names', () => {
    expect(namesIn('please forward this to john smith tomorrow')).toEqual(['john smith']);
  });

  it('finds names in other scripts and with diacritics', () => {
    const text = 'Meeting with 王伟, Дмитрий Иванов, Νίκος Παπαδόπουλος, Nguyễn Văn An and محمد الأحمد.';
    expect(namesIn(text)).toEqual(['王伟', 'Дмитрий Иванов', 'Νίκος Παπαδόπουλος', 'Nguyễn Văn An', 'محمد الأحمد']);
  });

  it('finds a name split over a line break and inside a file name', () => {
    expect(namesIn('The parcel was signed for by Siobhán\nMurphy at noon.')).toEqual(['Siobhán\nMurphy']);
    expect(namesIn('See the attached anna_schmidt_cv.pdf before Friday.')).toEqual(['anna_schmidt']);
  });

  it('finds nothing in a sentence without a person', () => {
    expect(detectNames('Please update the invoice total before the end of the month.')).toEqual([]);
    expect(detectNames('')).toEqual([]);
  });

  it('ships the model its manifest describes', () => {
    const model = readFileSync(path.join(root, 'models', 'ner', 'nameTagger.json'));
    const manifest = JSON.parse(readFileSync(path.join(root, 'models', 'ner', 'manifest.json'), 'utf8')) as {
      sha256: string;
    };
    expect(createHash('sha256').update(model).digest('hex')).toBe(manifest.sha256);
  });
});
