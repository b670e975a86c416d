// The address book as CSV (RFC 4180): a header row `id,kind,name,note`, quoted values that may hold commas, quotes
// and line breaks, CRLF or LF line ends, an optional UTF-8 byte order mark. Reading reports every refused row with
// the line it starts on; writing makes a file a spreadsheet opens as text, never as formulas. Pure code.
import { CSV_BOM, csvCell } from './csv-cell.js';
import { AppError, wordsOf } from './errors.js';
import { phrase, type Phrase } from './i18n/phrase.js';
import { addressEntrySchema, MAX_ADDRESS_ENTRIES, type AddressEntry } from './address-book.js';
import { issuePhrase, plainErrors } from './validation-messages.js';

/** Largest CSV text read, in UTF-16 code units (about 1 MB): thousands of entries, and a bound on the work. */
export const MAX_ADDRESS_CSV_CHARS = 1_000_000;
export const ADDRESS_CSV_COLUMNS = ['id', 'kind', 'name', 'note'] as const;
type Column = (typeof ADDRESS_CSV_COLUMNS)[number];

export interface AddressCsvRow {
  /** The line the row starts on, counting the header as line 1. */
  line: number;
  entry: AddressEntry;
}

export interface AddressCsvProblem {
  line: number;
  /** The row's id, when it has one. */
  id?: string;
  /** In English (the log). */
  message: string;
  /** The same, for the window to say in the reader's language. */
  phrase?: Phrase;
}

export interface AddressCsvParse {
  rows: AddressCsvRow[];
  problems: AddressCsvProblem[];
}

interface RawRecord {
  line: number;
  fields: string[];
  error?: Phrase;
}

function atLineEnd(text: string, i: number): boolean {
  return text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n');
}

/** Splits CSV text into records; a malformed record carries its first error instead of stopping the rest. */
function readRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length) {
    const record: RawRecord = { line, fields: [] };
    const fail = (message: Phrase) => {
      record.error ??= message;
    };
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        let closed = false;
        while (i < text.length) {
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (text[i] === '\n') line++;
          field += text[i];
          i++;
        }
        if (!closed) fail(phrase('errors:addressBook.csv.unclosedQuote'));
        if (closed && i < text.length && text[i] !== ',' && !atLineEnd(text, i)) {
          fail(phrase('errors:addressBook.csv.textAfterQuote'));
          while (i < text.length && text[i] !== ',' && !atLineEnd(text, i)) i++;
        }
      } else {
        while (i < text.length && text[i] !== ',' && !atLineEnd(text, i)) {
          if (text[i] === '"') fail(phrase('errors:addressBook.csv.strayQuote'));
          field += text[i];
          i++;
        }
      }
      record.fields.push(field);
      if (i >= text.length) break;
      if (text[i] === ',') {
        i++;
        continue;
      }
      i += text[i] === '\r' ? 2 : 1;
      line++;
      break;
    }
    records.push(record);
  }
  return records;
}

// What csvCell (csv-cell.ts) neutralised: reading removes exactly one apostrophe, so any value survives unchanged.
const NEUTRALISED = /^'+[=+\-@\t\r]/;

function restore(value: string): string {
  return NEUTRALISED.test(value) ? value.slice(1) : value;
}

/** The whole book as a CSV file: a byte order mark (so spreadsheets read it as UTF-8), the header, CRLF line ends. */
export function formatAddressCsv(entries: readonly AddressEntry[]): string {
  const lines = [ADDRESS_CSV_COLUMNS.join(','), ...entries.map((e) => [e.id, e.kind, e.name, e.note].map(csvCell).join(','))];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

function isBlank(record: RawRecord): boolean {
  return !record.error && record.fields.length === 1 && record.fields[0]?.trim() === '';
}

function headerColumns(record: RawRecord | undefined): Column[] {
  const columns = ADDRESS_CSV_COLUMNS.join(',');
  if (!record || record.error) throw new AppError('validation', phrase('errors:addressBook.csv.notCsv', { columns }));
  const names = record.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(ADDRESS_CSV_COLUMNS as readonly string[]).includes(n));
  const missing = ADDRESS_CSV_COLUMNS.filter((c) => c !== 'note' && !names.includes(c));
  if (unknown.length > 0 || missing.length > 0 || new Set(names).size !== names.length) {
    const found = names.slice(0, 6).map((n) => JSON.stringify(n.slice(0, 30))).join(', ');
    throw new AppError('validation', phrase('errors:addressBook.csv.wrongHeader', { found, columns }));
  }
  return names as Column[];
}

function quoteId(id: string): string {
  return JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);
}

/**
 * Reads an address book CSV file. A file that is too large or has no header is refused as a whole (AppError
 * 'validation'); otherwise every row is either read or reported with its line and why, and later rows repeating
 * an id are refused (the first one counts).
 */
export function parseAddressCsv(text: string): AddressCsvParse {
  if (text.length > MAX_ADDRESS_CSV_CHARS) {
    throw new AppError('validation', phrase('errors:addressBook.csv.tooLarge', { max: MAX_ADDRESS_CSV_CHARS }));
  }
  const records = readRecords(text.startsWith(CSV_BOM) ? text.slice(1) : text).filter((r) => !isBlank(r));
  const columns = headerColumns(records[0]);
  const rows: AddressCsvRow[] = [];
  const problems: AddressCsvProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const record of records.slice(1)) {
    const cells = Object.fromEntries(columns.map((column, i) => [column, restore(record.fields[i] ?? '')])) as Partial<Record<Column, string>>;
    const id = cells.id?.trim() ? cells.id : undefined;
    const refuse = (said: Phrase) => problems.push({ line: record.line, ...(id !== undefined ? { id } : {}), ...wordsOf(said) });
    if (record.error) {
      refuse(record.error);
      continue;
    }
    if (record.fields.length !== columns.length) {
      refuse(phrase('errors:addressBook.csv.valueCount', { values: record.fields.length, columns: columns.length }));
      continue;
    }
    const parsed = addressEntrySchema.safeParse({ ...cells, kind: cells.kind?.trim().toLowerCase(), note: cells.note ?? '' }, { error: plainErrors });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refuse(phrase('errors:addressBook.csv.field', { field: String(issue?.path[0] ?? 'row'), reason: issue ? issuePhrase(issue) : phrase('errors:addressBook.csv.unreadable') }));
      continue;
    }
    const seen = firstLine.get(parsed.data.id);
    if (seen !== undefined) {
      refuse(phrase('errors:addressBook.csv.duplicate', { id: quoteId(parsed.data.id), line: seen }));
      continue;
    }
    if (rows.length >= MAX_ADDRESS_ENTRIES) {
      refuse(phrase('errors:addressBook.csv.full', { max: MAX_ADDRESS_ENTRIES }));
      continue;
    }
    firstLine.set(parsed.data.id, record.line);
    rows.push({ line: record.line, entry: parsed.data });
  }
  return { rows, problems };
}
