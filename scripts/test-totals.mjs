// The closing line's totals, read from the test runners' JSON reports. A test file that fails outside its tests
// (it cannot be loaded, a beforeAll/afterAll hook throws, a suite errors) has no failed test of its own, and its
// tests show as skipped or not at all: it counts as one failure, so such a file can never pass for skipped tests.

/**
 * @param {{ testResults?: Array<{ name: string, status: string, message?: string,
 *   assertionResults?: Array<{ status: string }> }> }} report Vitest's `--reporter=json` output
 */
export function countVitestReport(report) {
  const totals = { passed: 0, failed: 0, skipped: 0, brokenFiles: [] };
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    for (const test of tests) {
      if (test.status === 'passed') totals.passed += 1;
      else if (test.status === 'failed') totals.failed += 1;
      else totals.skipped += 1; // skipped, pending, todo, disabled
    }
    const failedTests = tests.filter((test) => test.status === 'failed').length;
    if (file.status === 'failed' && failedTests === 0) {
      totals.failed += 1;
      totals.brokenFiles.push({ file: file.name, message: file.message || 'failed outside its tests (a hook or the suite itself)' });
    }
  }
  return totals;
}

/**
 * @param {{ stats: { expected: number, unexpected: number, flaky?: number, skipped: number },
 *   errors?: Array<{ message?: string }> }} report Playwright's JSON reporter output
 */
export function countPlaywrightReport(report) {
  const { stats } = report;
  // Errors outside any test (a spec file that cannot be loaded, a global setup that throws) land in `errors`.
  const errors = report.errors ?? [];
  return {
    passed: stats.expected + (stats.flaky ?? 0),
    failed: stats.unexpected + errors.length,
    skipped: stats.skipped,
    brokenFiles: errors.map((error) => ({ file: 'playwright', message: error.message ?? 'error outside any test' })),
  };
}
