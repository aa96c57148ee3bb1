import { describe, expect, it } from 'vitest';
import { EngineError } from '#core/errors.ts';
import { compileCustomPatterns, customDetector } from '#core/privacy/customPatterns.ts';
import { compileLinearPattern, deadlineIn, maxProgramSize, PatternTimeoutError } from '#core/privacy/linearPattern.ts';
import { previewRedaction } from '#core/privacy/previewRedaction.ts';
import { Redactor } from '#core/privacy/Redactor.ts';
import type { CandidateSpan } from '#core/privacy/entityTypes.ts';

const choices = (pattern: string) => ({
  types: {},
  customPatterns: [{ pattern, label: 'CUSTOM' }],
  allowList: [],
});

function matches(pattern: string, text: string, isCaseInsensitive = false): string[] {
  const found: string[] = [];
  compileLinearPattern(pattern, isCaseInsensitive).forEachMatch(text, deadlineIn(1_000), (start, end) =>
    found.push(text.slice(start, end)),
  );
  return found;
}

function elapsedMs(run: () => unknown): number {
  const startedAt = performance.now();
  run();
  return performance.now() - startedAt;
}

describe('custom patterns on the linear-time engine', () => {
  it('keeps JavaScript meaning for what people write: classes, named groups, flags, lookbehinds, UTF-16 offsets', () => {
    expect(matches('EMP-\\d{6}', 'EMP-123456 and EMP-12')).toEqual(['EMP-123456']);
    expect(matches('(?<id>[A-Z]{3})-\\d+', 'ref ABC-42.')).toEqual(['ABC-42']);
    expect(matches('project \\w+', 'PROJECT Falcon', true)).toEqual(['PROJECT Falcon']);
    expect(matches('(?<=id:)\\d+', 'id:77 and 88')).toEqual(['77']);
    expect(matches('\\u{1F600}+', 'a😀😀b')).toEqual(['😀😀']);
    const text = '😀 café Ω42';
    const found: [number, number][] = [];
    compileLinearPattern('Ω\\d+', false).forEachMatch(text, deadlineIn(1_000), (start, end) =>
      found.push([start, end]),
    );
    expect(found).toEqual([[text.indexOf('Ω'), text.length]]);
  });

  it.each([
    ['(a+)+$', 'a'.repeat(19_999) + '!'],
    ['([A-Za-z0-9]+\\s?)+:', 'word1 word2 '.repeat(1_600)],
    ['(x+x+)+y', 'x'.repeat(19_999)],
    ['(.*a){12}', 'a'.repeat(5_000)],
  ])('runs %s, which backtracks catastrophically in JavaScript, in linear time', (pattern, text) => {
    const redactor = new Redactor({ customPatterns: [{ pattern }], types: {} });
    expect(elapsedMs(() => redactor.redact(text))).toBeLessThan(2_000);
  });

  it('previews (a+)+$ on a 20 000-character sample at once, and still redacts what it matches', () => {
    let preview: ReturnType<typeof previewRedaction> | undefined;
    const time = elapsedMs(() => (preview = previewRedaction(`${'a'.repeat(19_990)}!`, choices('(a+)+$'))));
    expect(time).toBeLessThan(2_000);
    expect(preview?.problems).toEqual([]);
    expect(preview?.spans.filter((span) => span.type === 'custom')).toEqual([]);
    expect(previewRedaction('keep aaaa', choices('(a+)+$')).redacted).toBe('keep [CUSTOM_1]');
  });

  it.each([
    ['(?=x)a', /uses a lookahead/],
    ['a(?!b)', /uses a lookahead/],
    ['(a)\\1', /uses a backreference/],
    ['(?<x>a)\\k<x>', /uses a backreference/],
    ['(?<=(a))b', /RE2 does not accept \(invalid capture in lookbehind/],
    ['a{1001}', /RE2 does not accept \(invalid repeat count/],
    ['[^!]{400}', /is too large \(\d+ steps, at most 250\)/],
    ['(unclosed', /is not a valid regular expression/],
  ])('refuses %s up front with a message that says what to change', (pattern, message) => {
    try {
      compileCustomPatterns([{ pattern }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('invalid-request');
      expect((error as Error).message).toMatch(message);
    }
    const preview = previewRedaction('text', choices(pattern));
    expect(preview.redacted).toBeNull();
    expect(preview.problems.map((problem) => problem.field)).toEqual(['customPatterns.0.pattern']);
    expect(preview.problems[0]?.message).toMatch(message);
  });

  it('does not mistake escaped or bracketed text for a lookahead or backreference', () => {
    expect(matches('\\(?=\\)', 'x(=)')).toEqual(['(=)']);
    expect(matches('[(?=]+', 'a(?=b')).toEqual(['(?=']);
    expect(matches('\\\\1', 'a\\1')).toEqual(['\\1']);
  });

  it('stops past its time budget with a message naming the pattern', () => {
    // The largest program allowed, over the largest sample, with 1 ms to run: a real slow scan.
    const pattern = `[^!]{${maxProgramSize - 10}}`;
    const [compiled] = compileCustomPatterns([{ pattern }]);
    if (compiled === undefined) throw new Error('not compiled');
    const found: CandidateSpan[] = [];
    expect(() => customDetector([compiled], 1).detect('abc '.repeat(5_000), found)).toThrow(PatternTimeoutError);
    expect(() => customDetector([compiled], 1).detect('abc '.repeat(5_000), found)).toThrow(
      /took longer than 0.001 s on this text, so nothing was sent; make it simpler/,
    );
  });

  it('measures the worst case at the size limit: a full 20 000-character preview within 3 s', () => {
    // Per character, RE2's work grows with the program; this is the slowest shape we found.
    const patterns = Array.from({ length: 10 }, (_, index) => ({
      pattern: `[^${String.fromCharCode(0x41 + index)}]{${maxProgramSize - 10}}`,
      label: 'WIDE',
    }));
    const text = 'abc '.repeat(5_000);
    let preview: ReturnType<typeof previewRedaction> | undefined;
    const time = elapsedMs(
      () => (preview = previewRedaction(text, { types: {}, customPatterns: patterns, allowList: [] })),
    );
    const outcome = preview?.redacted === null ? `stopped: ${preview.problems[0]?.field}` : 'finished';
    console.log(
      `worst-case preview: ${time.toFixed(0)} ms for ${text.length} characters, ${patterns.length} patterns, ${outcome}`,
    );
    expect(time).toBeLessThan(3_000);
    // Either it finished, or it stopped at the budget with the message under the pattern it was on.
    if (preview?.redacted === null) {
      expect(preview.problems).toHaveLength(1);
      expect(preview.problems[0]?.field).toMatch(/^customPatterns\.\d\.pattern$/);
      expect(preview.problems[0]?.message).toContain('took longer');
    }
  });
});
