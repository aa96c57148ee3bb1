import { describe, expect, it } from 'vitest';
import { MethodLedger } from '#core/graph/MethodLedger.ts';
import { step } from './flowFixtures.ts';

const config = { coverageTool: 'get_failing_tests_covered_methods_for_class', testClassPattern: 'Test' };
const coverage = step(
  'get_failing_tests_covered_methods_for_class',
  { class_name: 'org.example.Parser' },
  '[".parse(java.lang.String)", ".<init>()"]',
  1000,
);

describe('MethodLedger', () => {
  it('votes like AutoFL: each answer splits one vote, among covered methods only for the covered vote', () => {
    const ledger = new MethodLedger(config);
    ledger.addStep('1', coverage, false);
    ledger.addAnswer('1', 'org.example.Parser.parse(String)\norg.example.Lexer.next()');
    ledger.addAnswer('2', 'org.example.Parser.parse(java.lang.String)');
    ledger.addAnswer('3', 'org.example.Lexer.next()');
    const summary = ledger.summary(4);
    expect(summary.answeredShare).toBe(3 / 4);
    expect(summary.topVote).toBeCloseTo(1.5 / 4, 9);
    expect(summary.voteMargin).toBeCloseTo((1.5 - 1.5) / 4, 9);
    // Lexer.next was never listed by coverage: path 1's whole vote goes to Parser.parse.
    expect(summary.coveredTopVote).toBeCloseTo(2 / 4, 9);
    expect(summary.focusAgreement).toBeCloseTo(2 / 4, 9);
  });

  it('reads errors of first calls, repeated calls, path lengths and votes on test classes', () => {
    const ledger = new MethodLedger(config);
    const lookup = step('get_code_snippet', { signature: 'org.example.ParserTest.testParse()' }, '"error"');
    ledger.addStep('1', lookup, true);
    ledger.addStep('1', coverage, false);
    ledger.addStep('2', coverage, false);
    ledger.addAnswer('2', 'org.example.ParserTest.testParse()');
    const summary = ledger.summary(2);
    expect(summary.firstErrorShare).toBe(1 / 2);
    expect(summary.distinctCallShare).toBe(2 / 3);
    expect(summary.maxSteps).toBe(2);
    expect(summary.testClassVote).toBe(1 / 2);
    expect(summary.isTopCovered).toBe(0);
    // Path 1 has not answered: its focus is the method it last looked up.
    expect(summary.focusAgreement).toBe(1);
  });

  it('ignores coverage results of other tools and of errors', () => {
    const ledger = new MethodLedger({ ...config, coverageTool: 'list_coverage' });
    ledger.addStep('1', coverage, false);
    ledger.addAnswer('1', 'org.example.Parser.parse(String)');
    expect(ledger.summary(1).coveredTopVote).toBe(0);
    expect(ledger.summary(1).isTopCovered).toBe(0);
  });
});
