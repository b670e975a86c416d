// Twilio's date filters: `DateSent` / `DateCreated` (that day), `…<` (on or before), `…>` (on or after). In a URL
// they are written `DateSent<=2024-01-31`, which a query parser reads as key "DateSent<"; the key "DateSent<="
// is accepted too. Values are YYYY-MM-DD (whole GMT days) or an ISO 8601 date-time (what the official SDKs send),
// which compares to the instant, except for the equality filter, which means "the same GMT day".
import { TWILIO_CODES, twilioError } from './errors.js';

const DAY_MS = 86_400_000;

export interface DateFilter {
  /** The filters as given, in canonical order, for echoing into page URIs. */
  echo: Array<readonly [string, string]>;
  matches(epochMs: number): boolean;
}

export function parseDateFilter(query: URLSearchParams, name: 'DateSent' | 'DateCreated'): DateFilter {
  const tests: Array<(t: number) => boolean> = [];
  const echo: Array<readonly [string, string]> = [];
  const variants = [
    { keys: [name], kind: 'on' },
    { keys: [`${name}<`, `${name}<=`], kind: 'before' },
    { keys: [`${name}>`, `${name}>=`], kind: 'after' },
  ] as const;
  for (const variant of variants) {
    for (const key of variant.keys) {
      const value = query.get(key);
      if (value === null) continue;
      const bound = parseBound(value, key);
      echo.push([variant.keys[0], value]);
      if (variant.kind === 'on') tests.push((t) => t >= bound.dayStart && t < bound.dayStart + DAY_MS);
      else if (variant.kind === 'before') tests.push(bound.instant === null ? (t) => t < bound.dayStart + DAY_MS : (t) => t <= bound.instant!);
      else tests.push(bound.instant === null ? (t) => t >= bound.dayStart : (t) => t >= bound.instant!);
    }
  }
  return { echo, matches: (t) => tests.every((test) => test(t)) };
}

function parseBound(value: string, key: string): { dayStart: number; instant: number | null } {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const dayStart = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    if (!Number.isNaN(dayStart) && new Date(dayStart).toISOString().startsWith(value)) return { dayStart, instant: null };
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
    const instant = Date.parse(value);
    if (!Number.isNaN(instant)) return { dayStart: instant - (instant % DAY_MS), instant };
  }
  throw twilioError(400, TWILIO_CODES.invalidParameter, `Invalid ${key}: "${value.slice(0, 40)}" is not a date (YYYY-MM-DD) or an ISO 8601 date-time.`);
}
