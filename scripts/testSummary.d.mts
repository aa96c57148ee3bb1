/** What vitest's JSON reporter writes, as far as the summary reads it. */
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success?: boolean;
  testResults?: { name: string; status: string; assertionResults?: { status: string }[] }[];
};

export type TestCounts = { passed: number; failed: number; skipped: number; failedFiles: string[] };

/** Counts of a vitest run; a file that failed outside its tests (e.g. in beforeAll) is one failure. */
export function summarizeVitestReport(report: VitestReport): TestCounts;

/** `tests: N passed, N failed, N skipped`; a missing report and each failed check count as one failure. */
export function summaryLine(tests: TestCounts | null, failedChecks: number): string;
