// What Twilio answers, as zod schemas derived from its OpenAPI description (twilio_api_v2010, the media subset).
// Every property there is nullable and none is required, so absent and null both become null here. SIDs keep
// their patterns: they are used to build later URLs, so a malformed one must not get through. Enumerations
// (status, direction) are read as plain strings: Twilio adds values over time and a new status must not make
// a whole page unreadable. Dates stay as Twilio wrote them (RFC 2822) and are also given as ISO 8601.
import { z } from 'zod';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { issuePhrase } from '../../common/validation-messages.js';
import { rfc2822ToIso } from './dates.js';

export const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
export const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;
export const MESSAGE_SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
export const MEDIA_SID = /^ME[0-9a-fA-F]{32}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
/** A media type is at most 127 + 1 + 127 characters (RFC 6838), with room for parameters. */
const MAX_CONTENT_TYPE_LENGTH = 255;
/** As long as a page link may be (see the client's nextPageUri). */
const MAX_URI_LENGTH = 4096;

const nullableString = z.string().nullish().transform((v) => v ?? null);
const nullableSid = (pattern: RegExp, what: string) =>
  z
    .string()
    .regex(pattern, `is not a valid ${what} SID`)
    .nullish()
    .transform((v) => v ?? null);
const rfc2822 = z
  .string()
  .nullish()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v === '') return { raw: null, iso: null };
    const iso = rfc2822ToIso(v);
    if (iso === undefined) {
      ctx.addIssue({ code: 'custom', message: `is not an RFC 2822 date ("${v.slice(0, 40)}")` });
      return z.NEVER;
    }
    return { raw: v, iso };
  });

export const mediaSchema = z
  .object({
    sid: nullableSid(MEDIA_SID, 'media'),
    account_sid: nullableSid(ACCOUNT_SID, 'account'),
    parent_sid: nullableSid(MESSAGE_SID, 'message'),
    content_type: z.string().max(MAX_CONTENT_TYPE_LENGTH).nullish().transform((v) => v ?? null),
    date_created: rfc2822,
    date_updated: rfc2822,
    uri: z.string().max(MAX_URI_LENGTH).nullish().transform((v) => v ?? null),
  })
  .transform(({ date_created, date_updated, ...rest }) => ({
    ...rest,
    date_created: date_created.raw,
    date_updated: date_updated.raw,
    date_created_iso: date_created.iso,
    date_updated_iso: date_updated.iso,
  }));

/** A Media resource: Twilio's own fields (snake_case, as in its JSON) plus the dates in ISO 8601. */
export type TwilioMedia = z.output<typeof mediaSchema>;

export const messageSchema = z
  .object({
    sid: nullableSid(MESSAGE_SID, 'message'),
    account_sid: nullableSid(ACCOUNT_SID, 'account'),
    messaging_service_sid: nullableSid(MESSAGING_SERVICE_SID, 'messaging service'),
    api_version: nullableString,
    body: nullableString,
    from: nullableString,
    to: nullableString,
    direction: nullableString,
    status: nullableString,
    // A string in Twilio's answers ("3"), not a number.
    num_media: nullableString,
    num_segments: nullableString,
    price: nullableString,
    price_unit: nullableString,
    error_code: z.number().int().nullish().transform((v) => v ?? null),
    error_message: nullableString,
    uri: nullableString,
    subresource_uris: z.record(z.string(), z.string()).nullish().transform((v) => v ?? null),
    date_created: rfc2822,
    date_updated: rfc2822,
    date_sent: rfc2822,
  })
  .transform(({ date_created, date_updated, date_sent, ...rest }) => ({
    ...rest,
    date_created: date_created.raw,
    date_updated: date_updated.raw,
    date_sent: date_sent.raw,
    date_created_iso: date_created.iso,
    date_updated_iso: date_updated.iso,
    date_sent_iso: date_sent.iso,
  }));

/** A Message resource: Twilio's own fields plus the dates in ISO 8601. */
export type TwilioMessage = z.output<typeof messageSchema>;

const pageFields = {
  page: z.number().int().nullish(),
  page_size: z.number().int().nullish(),
  start: z.number().int().nullish(),
  end: z.number().int().nullish(),
  uri: z.string().nullish(),
  first_page_uri: z.string().nullish(),
  next_page_uri: z.string().nullish().transform((v) => (v === '' ? null : (v ?? null))),
  previous_page_uri: z.string().nullish(),
};

export const messagePageSchema = z.object({ ...pageFields, messages: z.array(messageSchema) });
/** The paging fields of a list page alone: read first, so the next page can be asked for before the entries are. */
export const pagingSchema = z.object(pageFields);
export const messageEntriesSchema = z.object({ messages: z.array(messageSchema) });
/** True for a string of `prefix` (two letters) then 32 hexadecimal characters: the SID patterns, without a regex. */
function isSid(value: string, prefix: string): boolean {
  if (value.length !== 34 || value.charCodeAt(0) !== prefix.charCodeAt(0) || value.charCodeAt(1) !== prefix.charCodeAt(1)) return false;
  for (let i = 2; i < 34; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) return false;
  }
  return true;
}

/** A short string field as the schemas read it: null when absent; undefined when it is not a string or too long. */
function quickString(value: unknown, maxLength: number): string | null | undefined {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' && value.length <= maxLength ? value : undefined;
}

// The entries of one page share their account and message, and a media's two dates are usually one: the last value
// that passed is remembered so that a repeat costs one comparison.
let lastAccount = '';
let lastParent = '';
let lastDate: { raw: string; iso: string } | undefined;

function quickAccount(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return undefined;
  if (value === lastAccount) return value;
  if (!isSid(value, 'AC')) return undefined;
  lastAccount = value;
  return value;
}

function quickParent(value: unknown): string | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return undefined;
  if (value === lastParent) return value;
  if (!isSid(value, 'MM') && !isSid(value, 'SM')) return undefined;
  lastParent = value;
  return value;
}

/** An RFC 2822 field: {raw, iso}, or undefined when it is not one. */
function quickDate(value: unknown): { raw: string | null; iso: string | null } | undefined {
  if (value === undefined || value === null || value === '') return NO_DATE;
  if (typeof value !== 'string') return undefined;
  if (lastDate?.raw === value) return lastDate;
  const iso = rfc2822ToIso(value);
  if (iso === undefined) return undefined;
  lastDate = { raw: value, iso };
  return lastDate;
}
const NO_DATE = { raw: null, iso: null } as const;

/** The usual media entry read by hand (the same output as mediaSchema); undefined sends it through the schema. */
function quickMedia(raw: unknown): TwilioMedia | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const o = raw as Record<string, unknown>;
  const sidValue = o.sid;
  const sid = sidValue === undefined || sidValue === null ? null : typeof sidValue === 'string' && isSid(sidValue, 'ME') ? sidValue : undefined;
  const accountSid = quickAccount(o.account_sid);
  const parentSid = quickParent(o.parent_sid);
  const contentType = quickString(o.content_type, MAX_CONTENT_TYPE_LENGTH);
  const uri = quickString(o.uri, MAX_URI_LENGTH);
  const created = quickDate(o.date_created);
  const updated = quickDate(o.date_updated);
  if (sid === undefined || accountSid === undefined || parentSid === undefined || contentType === undefined || uri === undefined || !created || !updated) return undefined;
  return {
    sid,
    account_sid: accountSid,
    parent_sid: parentSid,
    content_type: contentType,
    uri,
    date_created: created.raw,
    date_updated: updated.raw,
    date_created_iso: created.iso,
    date_updated_iso: updated.iso,
  };
}

/**
 * A page's media_list (up to 1,000): zod per entry costs 7-25 ms a page, so each entry is read by hand, and only
 * one that does not pass goes through mediaSchema, whose issues (media_list.N.field) say what is wrong.
 */
const mediaList = z.array(z.unknown()).transform((items, ctx) => {
  const out: TwilioMedia[] = [];
  for (let i = 0; i < items.length; i++) {
    const quick = quickMedia(items[i]);
    if (quick) {
      out.push(quick);
      continue;
    }
    const parsed = mediaSchema.safeParse(items[i]);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [i, ...issue.path] });
      return z.NEVER;
    }
    out.push(parsed.data);
  }
  return out;
});

export const mediaPageSchema = z.object({ ...pageFields, media_list: mediaList });
export const mediaEntriesSchema = z.object({ media_list: mediaList });

/** Twilio's error body: {"code": 20404, "message": "…", "more_info": "https://…", "status": 404}. */
export const twilioErrorSchema = z.object({
  code: z.number().int().nullish(),
  message: z.string().nullish(),
  more_info: z.string().nullish(),
  status: z.number().int().nullish(),
});

/** Describes the first problem of a failed parse in words a user can pass on ("media_list.2.sid is not…"). */
export function describeIssue(error: z.ZodError): Phrase {
  const issue = error.issues[0];
  if (!issue) return phrase('errors:twilio.shape.unexpected');
  const where = issue.path.length > 0 ? issue.path.join('.') : phrase('errors:twilio.shape.theBody');
  return phrase('errors:twilio.shape.issue', { where, reason: issuePhrase(issue) });
}

