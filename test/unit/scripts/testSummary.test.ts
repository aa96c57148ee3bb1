import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeVitestReport, summaryLine, type VitestReport } from '../../../scripts/testSummary.mjs';

// test/fixtures/vitest/failingBeforeAll.json is the JSON report of a real vitest run over two files:
// one whose beforeAll throws (its two tests end "skipped", numFailedTests stays 0) and one with a
// passing and a skipped test.
const failingBeforeAll = JSON.parse(readFileSync('test/fixtures/vitest/failingBeforeAll.json', 'utf8')) as VitestReport;

describe("npm test's closing line", () => {
  it('counts a file that failed in beforeAll as a failure, though vitest counts no failed test', () => {
    expect(failingBeforeAll.numFailedTests).toBe(0);
    const counts = summarizeVitestReport(failingBeforeAll);
    expect(counts).toEqual({ passed: 1, failed: 1, skipped: 3, failedFiles: ['test/e2e/failingSetup.test.ts'] });
    expect(summaryLine(counts, 0)).toBe('tests: 1 passed, 1 failed, 3 skipped');
  });

  it('does not count a file twice when its failure is a failed test', () => {
    const report: VitestReport = {
      numPassedTests: 3,
      numFailedTests: 2,
      numPendingTests: 0,
      numTodoTests: 1,
      success: false,
      testResults: [
        { name: 'a.test.ts', status: 'failed', assertionResults: [{ status: 'failed' }, { status: 'failed' }] },
        { name: 'b.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }] },
      ],
    };
    expect(summaryLine(summarizeVitestReport(report), 0)).toBe('tests: 3 passed, 2 failed, 1 skipped');
  });

  it('counts an error outside every file, a missing report and each failed check', () => {
    const unhandled: VitestReport = {
      numPassedTests: 5,
      numFailedTests: 0,
      numPendingTests: 0,
      numTodoTests: 0,
      success: false,
      testResults: [{ name: 'a.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }] }],
    };
    expect(summaryLine(summarizeVitestReport(unhandled), 0)).toBe('tests: 5 passed, 1 failed, 0 skipped');
    expect(summaryLine(null, 2)).toBe('tests: 0 passed, 3 failed, 0 skipped');
  });
});
