import { describe, expect, it } from 'vitest';
import { formatCleanupReport, type CleanupResult, type CleanupRun } from '../../../../main/providers/twilio/index.js';

const base = { contentType: 'image/jpeg', dateCreated: '2024-03-01T12:00:00Z', from: '+15550000001', to: '+15559999999', at: '2024-04-01T00:00:00.000Z' };
const results: CleanupResult[] = [
  { ...base, messageSid: 'MM1', mediaSid: 'ME1', status: 'deleted' },
  { ...base, messageSid: 'MM1', mediaSid: 'ME2', status: 'failed', errorCode: 'conflict', remoteCode: 20009, message: 'Twilio error 20009: busy, "try later"' },
  { ...base, messageSid: 'MM2', mediaSid: 'ME3', status: 'skipped', from: '=HYPERLINK("http://x")', message: 'Not deleted: the clean-up was stopped.' },
];

/** A small RFC 4180 reader, enough to read back what the report wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('formatCleanupReport', () => {
  it('writes one CSV row per item that reads back to the same values', () => {
    const rows = parseCsv(formatCleanupReport(results).slice(1));
    expect(rows[0]).toEqual(['status', 'message_sid', 'media_sid', 'content_type', 'date_created', 'from', 'to', 'at', 'error_code', 'twilio_code', 'message']);
    expect(rows).toHaveLength(results.length + 1);
    expect(rows[2]).toEqual(['failed', 'MM1', 'ME2', 'image/jpeg', base.dateCreated, "'+15550000001", "'+15559999999", base.at, 'conflict', '20009', 'Twilio error 20009: busy, "try later"']);
  });

  it('defuses every cell a spreadsheet would run as a formula, phone numbers too, and starts with a BOM', () => {
    const text = formatCleanupReport([...results, { ...base, messageSid: 'MM3', mediaSid: 'ME4', status: 'failed', from: '-1-2', to: '@SUM(A1)', message: '\tx' }]);
    expect(text.startsWith('\uFEFFstatus,')).toBe(true);
    const rows = parseCsv(text.slice(1));
    // As text, a number keeps its plus; as a formula, "-1-2" would be worked out to -3.
    expect(rows[1]?.[5]).toBe("'+15550000001");
    expect(rows[3]?.[5]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[4]?.slice(5, 7)).toEqual(["'-1-2", "'@SUM(A1)"]);
    expect(rows[4]?.[10]).toBe("'\tx");
  });

  it('JSON carries the totals and the run times with the results', () => {
    const run: CleanupRun = { results, totals: { deleted: 1, gone: 0, failed: 1, skipped: 1 }, stopped: true, startedAt: 'a', finishedAt: 'b' };
    const report = JSON.parse(formatCleanupReport(run, 'json', { dateFrom: '2024-03-01', dateTo: '2024-03-02' })) as Record<string, unknown>;
    expect(report.totals).toEqual({ deleted: 1, gone: 0, failed: 1, skipped: 1 });
    expect(report.stopped).toBe(true);
    expect(report.criteria).toEqual({ dateFrom: '2024-03-01', dateTo: '2024-03-02' });
    expect(report.results).toEqual(results);
  });
});
