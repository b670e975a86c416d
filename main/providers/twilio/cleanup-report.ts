// The clean-up report a user saves: one row per media item with what happened to it. CSV opens in any
// spreadsheet; JSON keeps the run's criteria and totals alongside.
import type { CleanupCriteria, CleanupResult, CleanupRun } from './cleanup.js';

export type ReportFormat = 'csv' | 'json';

const COLUMNS = ['status', 'message_sid', 'media_sid', 'content_type', 'date_created', 'from', 'to', 'at', 'error_code', 'twilio_code', 'message'] as const;

/**
 * One CSV cell (RFC 4180 quoting). A cell a spreadsheet would run as a formula (=, @, +, - …) gets a leading
 * apostrophe, except phone numbers and plain numbers, which are data everyone expects to see unchanged.
 */
function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  const formulaLike = /^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-][\d\s().-]*$/.test(text));
  if (formulaLike) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(r: CleanupResult): string {
  return [r.status, r.messageSid, r.mediaSid, r.contentType, r.dateCreated, r.from, r.to, r.at, r.errorCode, r.remoteCode, r.message].map(cell).join(',');
}

/** The report as text to save: CSV (default) or JSON. Accepts a whole run or a list of results (a run in progress). */
export function formatCleanupReport(input: CleanupRun | CleanupResult[], format: ReportFormat = 'csv', criteria?: CleanupCriteria): string {
  const results = Array.isArray(input) ? input : input.results;
  if (format === 'json') {
    const totals = { deleted: 0, gone: 0, failed: 0, skipped: 0 };
    for (const r of results) totals[r.status] += 1;
    const report = {
      generatedAt: new Date().toISOString(),
      ...(criteria ? { criteria } : {}),
      ...(Array.isArray(input) ? {} : { startedAt: input.startedAt, finishedAt: input.finishedAt, stopped: input.stopped }),
      totals,
      results,
    };
    return `${JSON.stringify(report, null, 2)}\n`;
  }
  return `${[COLUMNS.join(','), ...results.map(row)].join('\r\n')}\r\n`;
}
