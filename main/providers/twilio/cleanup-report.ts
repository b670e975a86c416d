// The clean-up report a user saves: one row per media item with what happened to it. CSV opens in any
// spreadsheet, as text and as UTF-8, like every CSV the app writes (csv-cell.ts); JSON keeps the run's criteria and
// totals alongside.
import { CSV_BOM, csvCell } from '../../common/csv-cell.js';
import type { CleanupCriteria, CleanupResult, CleanupRun } from './cleanup.js';

export type ReportFormat = 'csv' | 'json';

const COLUMNS = ['status', 'message_sid', 'media_sid', 'content_type', 'date_created', 'from', 'to', 'at', 'error_code', 'twilio_code', 'message'] as const;

/**
 * One cell. A phone number gets the apostrophe too: read as a formula, "+15551234567" loses its plus and "-1-2" is
 * worked out; as text, the spreadsheet shows it as it is.
 */
function cell(value: string | number | null | undefined): string {
  return csvCell(value === null || value === undefined ? '' : String(value));
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
  return `${CSV_BOM}${[COLUMNS.join(','), ...results.map(row)].join('\r\n')}\r\n`;
}
