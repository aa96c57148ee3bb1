// The closing line of `npm test`, from vitest's JSON report and the other checks' outcomes.
// A test file or suite that fails outside any test (a failing beforeAll, an import error) leaves
// its tests "skipped" and numFailedTests at 0: it is counted here as one failure per file, so the
// line never says "0 failed" on a red run.

/**
 * @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number,
 *   success?: boolean, testResults?: { name: string, status: string, assertionResults?: { status: string }[] }[] }} report
 * @returns {{ passed: number, failed: number, skipped: number, failedFiles: string[] }}
 */
export function summarizeVitestReport(report) {
  const failedFiles = (report.testResults ?? [])
    .filter((file) => file.status === 'failed')
    .filter((file) => !(file.assertionResults ?? []).some((test) => test.status === 'failed'))
    .map((file) => file.name);
  let failed = report.numFailedTests + failedFiles.length;
  // Vitest also reports errors that belong to no file (an unhandled rejection): `success` is false.
  if (report.success === false && failed === 0) failed = 1;
  return {
    passed: report.numPassedTests,
    failed,
    skipped: report.numPendingTests + report.numTodoTests,
    failedFiles,
  };
}

/**
 * The closing line. A missing report (vitest did not run or crashed) and every failed check
 * (typecheck, lint, ...) count as one failure each.
 * @param {ReturnType<typeof summarizeVitestReport> | null} tests
 * @param {number} failedChecks
 */
export function summaryLine(tests, failedChecks) {
  const failed = (tests?.failed ?? 1) + failedChecks;
  return `tests: ${tests?.passed ?? 0} passed, ${failed} failed, ${tests?.skipped ?? 0} skipped`;
}
