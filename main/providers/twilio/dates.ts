// Twilio speaks two date dialects: RFC 2822 in its answers ("Fri, 17 Jul 2009 01:52:49 +0000", always GMT) and
// date filters in its queries. Both are handled here so the rest of the client deals in ISO 8601 strings only.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC_2822 =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s*)?(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s+([+-]\d{4}|GMT|UT|Z)$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 in UTC, to the second: "2009-07-17T01:52:49Z". */
export function toIsoSecond(ms: number): string {
  const iso = new Date(ms).toISOString();
  // toISOString always ends in ".sssZ".
  return `${iso.slice(0, -5)}Z`;
}

const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
const MONTH_NUMBERS = new Map(MONTHS.map((name, i) => [name, String(i + 1).padStart(2, '0')]));
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const LAYOUT = 'Www, DD Mon YYYY HH:MM:SS +0000';

/** The number at text[at..at+width) when every character there is a digit, else -1. */
function digitsAt(text: string, at: number, width: number): number {
  let value = 0;
  for (let i = at; i < at + width; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The exact form Twilio writes ("Fri, 17 Jul 2009 01:52:49 +0000") turned into ISO 8601 by moving its fields, with
 * the same checks as parseRfc2822; undefined when the text is not in that form (parseRfc2822 then decides).
 */
function twilioFormToIso(text: string): string | undefined {
  if (text.length !== LAYOUT.length || !text.endsWith(' +0000')) return undefined;
  for (let at = 3; at < 25; at++) {
    const expected = LAYOUT.charCodeAt(at);
    // Where the layout has a separator, the text must have the same one (letters and digits are checked below).
    if ((expected === 0x20 || expected === 0x2c || expected === 0x3a) && text.charCodeAt(at) !== expected) return undefined;
  }
  const month = MONTH_NUMBERS.get(text.slice(8, 11));
  const day = digitsAt(text, 5, 2);
  const year = digitsAt(text, 12, 4);
  const hour = digitsAt(text, 17, 2);
  const minute = digitsAt(text, 20, 2);
  const second = digitsAt(text, 23, 2);
  // Years before 1000 and leap seconds take the general path, which reads them as Date.UTC does.
  if (month === undefined || !WEEKDAYS.has(text.slice(0, 3)) || year < 1000 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  const monthIndex = Number(month) - 1;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = monthIndex === 1 && leap ? 29 : (DAYS_IN_MONTH[monthIndex] ?? 0);
  if (day < 1 || day > daysInMonth) return undefined;
  return `${text.slice(12, 16)}-${month}-${text.slice(5, 7)}T${text.slice(17, 25)}Z`;
}

/** An RFC 2822 date as ISO 8601 in UTC to the second, or undefined when the text is not one. */
export function rfc2822ToIso(text: string): string | undefined {
  const fast = twilioFormToIso(text);
  if (fast !== undefined) return fast;
  const ms = parseRfc2822(text);
  return ms === undefined ? undefined : toIsoSecond(ms);
}

/** Milliseconds since the epoch for an RFC 2822 date, or undefined when the text is not one. */
export function parseRfc2822(text: string): number | undefined {
  const m = RFC_2822.exec(text.trim());
  if (!m) return undefined;
  const [, day, monthName, year, hour, minute, second, zone] = m;
  const month = MONTHS.indexOf(monthName ?? '');
  const fields = [Number(day), Number(year), Number(hour), Number(minute), Number(second ?? '0')] as const;
  const [d, y, h, min, s] = fields;
  if (d < 1 || d > 31 || h > 23 || min > 59 || s > 60) return undefined;
  let offsetMinutes = 0;
  if (zone && /^[+-]\d{4}$/.test(zone)) {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  }
  const ms = Date.UTC(y, month, d, h, min, s) - offsetMinutes * 60_000;
  // Date.UTC rolls 31 Feb over into March; a date that does not round-trip is not a real date.
  const check = new Date(Date.UTC(y, month, d));
  if (check.getUTCDate() !== d) return undefined;
  return ms;
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for an ISO 8601 date-time with a time zone, e.g. 2024-05-01T10:00:00Z. */
export function isDateTime(text: string): boolean {
  return DATE_TIME.test(text) && !Number.isNaN(Date.parse(text));
}

export function startOfDayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The last whole second of a day: Twilio's dates carry no fractions, so this closes the day. */
export function endOfDayMs(day: string): number {
  return Date.parse(`${day}T23:59:59Z`);
}

export type DateBound = 'start' | 'end';

/**
 * A filter value (a GMT day or a date-time) as the instant it stands for. A day stands for its first second
 * when it opens a range and for its last second when it closes one, so that ranges are inclusive of whole days.
 */
export function filterInstant(value: string, bound: DateBound, field: string): number {
  if (isDay(value)) return bound === 'start' ? startOfDayMs(value) : endOfDayMs(value);
  if (isDateTime(value)) return Math.floor(Date.parse(value) / 1000) * 1000;
  throw new AppError('validation', phrase('errors:twilio.dateOrTime', { field }), { field });
}

export interface DateRangeFilter {
  /** Only this GMT day. */
  on?: string | undefined;
  /** On or before (inclusive). */
  before?: string | undefined;
  /** On or after (inclusive). */
  after?: string | undefined;
}

/**
 * Turns a date filter into Twilio's inequality parameters (`DateSent>` / `DateSent<`, meaning on-or-after and
 * on-or-before). Values go out as ISO 8601 date-times, as Twilio's own SDKs send them and as the OpenAPI
 * description requires (format date-time); a bare day would be read differently by different servers, a
 * date-time bracketing the whole day cannot be. An exact day becomes the pair bracketing that day.
 */
export function dateRangeParams(name: string, filter: DateRangeFilter, fieldPrefix: string): Array<[string, string]> {
  const lows: number[] = [];
  const highs: number[] = [];
  if (filter.on !== undefined) {
    if (!isDay(filter.on)) throw new AppError('validation', phrase('errors:twilio.day', { field: fieldPrefix }), { field: fieldPrefix });
    lows.push(startOfDayMs(filter.on));
    highs.push(endOfDayMs(filter.on));
  }
  if (filter.after !== undefined) lows.push(filterInstant(filter.after, 'start', `${fieldPrefix}After`));
  if (filter.before !== undefined) highs.push(filterInstant(filter.before, 'end', `${fieldPrefix}Before`));
  const low = lows.length > 0 ? Math.max(...lows) : undefined;
  const high = highs.length > 0 ? Math.min(...highs) : undefined;
  if (low !== undefined && high !== undefined && low > high) {
    throw new AppError('validation', phrase('errors:twilio.emptyRange', { field: fieldPrefix }), { field: fieldPrefix });

  }
  const params: Array<[string, string]> = [];
  if (low !== undefined) params.push([`${name}>`, toIsoSecond(low)]);
  if (high !== undefined) params.push([`${name}<`, toIsoSecond(high)]);
  return params;
}
