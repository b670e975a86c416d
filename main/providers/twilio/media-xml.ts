// The .xml form of a Media resource: <TwilioResponse><Media><Sid>…</Sid>…</Media></TwilioResponse>. The raw text is
// kept for the XML view; the fields are read into the same validated shape as the JSON form.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { describeIssue, mediaSchema, type TwilioMedia } from './schemas.js';

const XML_TO_JSON_FIELDS: Record<string, string> = {
  Sid: 'sid',
  AccountSid: 'account_sid',
  ParentSid: 'parent_sid',
  ContentType: 'content_type',
  DateCreated: 'date_created',
  DateUpdated: 'date_updated',
  Uri: 'uri',
};

export function parseMediaXml(xml: string): TwilioMedia {
  // A DOCTYPE is the door to entity expansion; Twilio never sends one.
  if (/<!DOCTYPE/i.test(xml)) throw new AppError('protocol', phrase('errors:twilio.xmlDoctype'));
  if (XMLValidator.validate(xml) !== true) throw new AppError('protocol', phrase('errors:twilio.xmlMalformed'));
  const doc: unknown = new XMLParser({ parseTagValue: false, ignoreAttributes: true, processEntities: true, trimValues: true }).parse(xml);
  const media = (doc as { TwilioResponse?: { Media?: unknown } } | null)?.TwilioResponse?.Media;
  if (typeof media !== 'object' || media === null || Array.isArray(media)) {
    throw new AppError('protocol', phrase('errors:twilio.xmlNoMedia'));
  }
  const fields: Record<string, string | null> = {};
  for (const [tag, value] of Object.entries(media)) {
    const key = XML_TO_JSON_FIELDS[tag];
    if (key === undefined) continue;
    if (typeof value !== 'string') throw new AppError('protocol', phrase('errors:twilio.xmlUnexpected', { tag }));
    // An empty element is how the XML form writes null.
    fields[key] = value === '' ? null : value;
  }
  const parsed = mediaSchema.safeParse(fields);
  if (!parsed.success) throw new AppError('protocol', phrase('errors:twilio.xmlBadShape', { issue: describeIssue(parsed.error) }));

  return parsed.data;
}
