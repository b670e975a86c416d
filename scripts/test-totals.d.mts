// Types for scripts/test-totals.mjs, so the tests that check it are type-checked too.
export interface BrokenFile {
  file: string;
  message: string;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  /** Files (or, for Playwright, errors) that failed outside any test; each is one of `failed`. */
  brokenFiles: BrokenFile[];
}

export interface VitestReport {
  testResults?: Array<{ name: string; status: string; message?: string; assertionResults?: Array<{ status: string }> }>;
}

export interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky?: number; skipped: number };
  errors?: Array<{ message?: string }>;
}

export function countVitestReport(report: VitestReport): Totals;
export function countPlaywrightReport(report: PlaywrightReport): Totals;
