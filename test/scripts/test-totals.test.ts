// `npm test`'s closing line counts a test file that fails outside its tests as a failure: a file that cannot load
// or whose hook throws must never pass as "skipped". Read from real reports (test/fixtures/test-reports/).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countPlaywrightReport, countVitestReport, type PlaywrightReport, type VitestReport } from '../../scripts/test-totals.mjs';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/test-reports');
const readReport = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));

describe('countVitestReport', () => {
  const report = readReport('vitest-broken-files.json') as VitestReport & { numFailedTests: number };

  it('counts a file that fails to load, and one whose hook throws, as one failure each, beside failed tests', () => {
    // Vitest's own numFailedTests sees only the one failed assertion.
    expect(report.numFailedTests).toBe(1);
    expect(countVitestReport(report)).toMatchObject({ passed: 2, failed: 3, skipped: 3 });
  });

  it('names each file that failed outside its tests, with its error', () => {
    const { brokenFiles } = countVitestReport(report);
    expect(brokenFiles.map((broken) => path.basename(broken.file)).sort()).toEqual(['hook.test.ts', 'load.test.ts']);
    expect(brokenFiles.find((broken) => broken.file.endsWith('load.test.ts'))?.message).toMatch(/ENOENT/);
  });

  it('does not count a failed file twice when its failure is a failed test', () => {
    const oneFailedTest: VitestReport = {
      testResults: [{ name: 'a.test.ts', status: 'failed', message: '', assertionResults: [{ status: 'failed' }, { status: 'passed' }] }],
    };
    expect(countVitestReport(oneFailedTest)).toEqual({ passed: 1, failed: 1, skipped: 0, brokenFiles: [] });
  });

  it('counts a passing file by its tests only', () => {
    const passing: VitestReport = {
      testResults: [{ name: 'a.test.ts', status: 'passed', assertionResults: [{ status: 'passed' }, { status: 'skipped' }, { status: 'todo' }] }],
    };
    expect(countVitestReport(passing)).toEqual({ passed: 1, failed: 0, skipped: 2, brokenFiles: [] });
  });
});

describe('countPlaywrightReport', () => {
  it('counts an error outside any test (a spec that cannot load) as a failure', () => {
    const report = readReport('playwright-broken-spec.json') as PlaywrightReport;
    expect(report.stats.unexpected).toBe(0);
    const totals = countPlaywrightReport(report);
    expect(totals).toMatchObject({ passed: 0, failed: 1, skipped: 0 });
    expect(totals.brokenFiles[0]?.message).toMatch(/ENOENT/);
  });

  it('counts flaky tests as passed and unexpected ones as failed', () => {
    expect(countPlaywrightReport({ stats: { expected: 3, unexpected: 2, flaky: 1, skipped: 4 } })).toEqual({
      passed: 4, failed: 2, skipped: 4, brokenFiles: [],
    });
  });
});
