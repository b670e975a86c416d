// Dates, times, numbers and sizes in the reader's language, through Intl: one set of formatters per language,
// built once (a table of 10,000 rows formats per cell). Twilio's days are GMT days: they are shown as GMT, with
// the zone said, never moved into the local day.
import { formatBytes } from '../format-bytes.js';
import type { Language } from './languages.js';

export interface Formats {
  language: Language;
  /** "5 Dec 2026, 21:04" / "2026/12/05 21:04"; a dash for no date, the text itself when it is not a date. */
  dateTime(value: string | number | Date | null | undefined): string;
  /** The compact form, for tables and log lines, with seconds. */
  shortDateTime(value: string | number | Date | null | undefined): string;
  /** A GMT day ("2026-12-05"), said as a date with its zone: "5 Dec 2026 GMT" / "2026年12月5日 GMT". */
  gmtDay(day: string): string;
  number(value: number): string;
  bytes(value: number): string;
}

const DASH = '—';

function dateOf(value: string | number | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function build(language: Language): Formats {
  const long = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const short = new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'medium' });
  const gmt = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
  const numbers = new Intl.NumberFormat(language);
  const withFormat = (format: Intl.DateTimeFormat) => (value: string | number | Date | null | undefined): string => {
    if (value === null || value === undefined || value === '') return DASH;
    const date = dateOf(value);
    return date ? format.format(date) : String(value);
  };
  return {
    language,
    dateTime: withFormat(long),
    shortDateTime: withFormat(short),
    gmtDay: (day) => {
      const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? dateOf(`${day}T00:00:00Z`) : null;
      return date ? `${gmt.format(date)} GMT` : day;
    },
    number: (value) => numbers.format(value),
    bytes: (value) => formatBytes(value, language),
  };
}

const built = new Map<Language, Formats>();
export function formatsFor(language: Language): Formats {
  let formats = built.get(language);
  if (!formats) {
    formats = build(language);
    built.set(language, formats);
  }
  return formats;
}
