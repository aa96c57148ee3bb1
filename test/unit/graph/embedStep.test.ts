import { describe, expect, it } from 'vitest';
import { canonicalizeArguments } from '#core/graph/canonicalizeArguments.ts';
import { cosineSimilarity } from '#core/graph/cosineSimilarity.ts';
import { embedStep } from '#core/graph/embedStep.ts';
import { embedWords, resolveTextEmbedding } from '#core/graph/embedWords.ts';
import { hashToken } from '#core/graph/hashToken.ts';
import { tokenizeText } from '#core/graph/tokenizeText.ts';
import { ToolVocabulary } from '#core/graph/ToolVocabulary.ts';

const text = resolveTextEmbedding();
const vocabulary = new ToolVocabulary(['get_code_snippet', 'get_comments', 'get_failing_tests_covered_classes']);
const snippet = (signature: string) => ({ tool: 'get_code_snippet', args: { signature } });
const hashedPart = (vector: Float32Array) => vector.subarray(vocabulary.size);

describe('hashToken', () => {
  it('is a deterministic unsigned 32-bit hash that depends on the seed', () => {
    expect(hashToken('getLegendItems')).toBe(hashToken('getLegendItems'));
    expect(hashToken('getLegendItems')).not.toBe(hashToken('getLegendItem'));
    expect(hashToken('abc', 1)).not.toBe(hashToken('abc', 2));
    for (const word of ['', 'a', 'org.jfree', 'ünïcode']) {
      const hash = hashToken(word);
      expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32).toBe(true);
    }
  });
});

describe('canonical arguments', () => {
  it('splits identifiers on dots, punctuation and camelCase, lowercased', () => {
    expect(tokenizeText('org.jfree.CategoryPlot.getRangeAxisIndex(ValueAxis)')).toEqual([
      'org',
      'jfree',
      'categoryplot',
      'category',
      'plot',
      'getrangeaxisindex',
      'get',
      'range',
      'axis',
      'index',
      'valueaxis',
      'value',
      'axis',
    ]);
    expect(tokenizeText('HTMLParser_v2')).toEqual(['htmlparser', 'html', 'parser', 'v2', 'v', '2']);
  });

  it('ignores key order and letter case', () => {
    expect(canonicalizeArguments({ b: 'Foo.Bar', a: { y: 1, x: [true, null] } })).toEqual(
      canonicalizeArguments({ a: { x: [true, null], y: 1 }, b: 'foo.bar' }),
    );
  });
});

describe('embedStep', () => {
  it('is deterministic, across vocabulary instances too', () => {
    const step = snippet('org.jfree.chart.plot.CategoryPlot.getRangeAxisIndex(ValueAxis)');
    const again = embedStep(step, new ToolVocabulary([...vocabulary.tools].reverse()), resolveTextEmbedding());
    expect(Array.from(embedStep(step, vocabulary, text))).toEqual(Array.from(again));
  });

  it('is the tool one-hot followed by a unit-length hashed part of the configured dimension', () => {
    const vector = embedStep(snippet('a.B.c()'), vocabulary, resolveTextEmbedding({ dimension: 32 }));
    expect(vector).toHaveLength(vocabulary.size + 32);
    expect(Array.from(vector.subarray(0, vocabulary.size))).toEqual([1, 0, 0, 0]);
    const norm = Math.hypot(...vector.subarray(vocabulary.size));
    expect(norm).toBeCloseTo(1, 6);
  });

  it('maps a tool outside the vocabulary to the "other" slot', () => {
    const vector = embedStep({ tool: 'rm_rf', args: {} }, vocabulary, text);
    expect(vocabulary.indexOf('rm_rf')).toBe(vocabulary.size - 1);
    expect(Array.from(vector.subarray(0, vocabulary.size))).toEqual([0, 0, 0, 1]);
    expect(Math.hypot(...hashedPart(vector))).toBe(0);
  });

  it('puts similar signatures closer than dissimilar ones', () => {
    const base = embedStep(
      snippet('org.jfree.chart.plot.CategoryPlot.getRangeAxisIndex(org.jfree.chart.axis.ValueAxis)'),
      vocabulary,
      text,
    );
    const sameMethod = embedStep(snippet('CategoryPlot.getRangeAxisIndex(ValueAxis)'), vocabulary, text);
    const sameClass = embedStep(snippet('org.jfree.chart.plot.CategoryPlot.getDataset()'), vocabulary, text);
    const otherProject = embedStep(
      snippet('com.google.javascript.jscomp.TypeCheck.visitCall(NodeTraversal, Node)'),
      vocabulary,
      text,
    );
    const similar = cosineSimilarity(hashedPart(base), hashedPart(sameMethod));
    expect(similar).toBeGreaterThan(cosineSimilarity(hashedPart(base), hashedPart(sameClass)));
    expect(cosineSimilarity(hashedPart(base), hashedPart(sameClass))).toBeGreaterThan(
      cosineSimilarity(hashedPart(base), hashedPart(otherProject)),
    );
    expect(cosineSimilarity(hashedPart(base), hashedPart(otherProject))).toBeLessThan(0.3);
  });

  it('gives the zero vector for no words', () => {
    expect(Array.from(embedWords([], text)).every((value) => value === 0)).toBe(true);
  });
});
