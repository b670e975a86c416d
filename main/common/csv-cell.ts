// One CSV cell as the app writes it, in every CSV a user saves (the address book, the clean-up report). Pure code.

// A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(...), +cmd|..., -2+3, @SUM(...)) or,
// after a tab or carriage return, may become one. Such cells are written with a leading apostrophe, which the
// spreadsheet shows as text; reading removes exactly one, so any value survives the round trip unchanged.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The value with a leading apostrophe when a spreadsheet would run it (or one it already starts with) as a formula. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV cell (RFC 4180), safe for a spreadsheet, quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(value: string): string {
  const safe = neutralise(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Put before a CSV file's text: spreadsheets then read it as UTF-8 (names in Japanese stay readable). */
export const CSV_BOM = '\uFEFF';
