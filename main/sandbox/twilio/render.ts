// Twilio's representations of messages and media, field for field as in twilio_api_v2010 (dates RFC 2822,
// num_media and num_segments strings, URIs relative to the API origin ending in .json).
import { xmlFields } from '../http/respond.js';
import { rfc2822 } from './format.js';
import type { MediaRecord, MessageRecord } from './model.js';

export const API_VERSION = '2010-04-01';

export function accountPath(accountSid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}`;
}

export function messageJson(accountSid: string, message: MessageRecord, liveMediaCount: number): Record<string, unknown> {
  const base = `${accountPath(accountSid)}/Messages/${message.sid}`;
  return {
    account_sid: accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: rfc2822(message.dateCreated),
    date_sent: rfc2822(message.dateSent),
    date_updated: rfc2822(message.dateUpdated),
    direction: message.direction,
    error_code: null,
    error_message: null,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: String(liveMediaCount),
    num_segments: message.numSegments,
    price: message.price,
    price_unit: message.priceUnit,
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${base}/Media.json` },
    to: message.to,
    uri: `${base}.json`,
  };
}

function mediaPath(accountSid: string, media: MediaRecord): string {
  return `${accountPath(accountSid)}/Messages/${media.messageSid}/Media/${media.sid}`;
}

export function mediaJson(accountSid: string, media: MediaRecord): Record<string, unknown> {
  return {
    account_sid: accountSid,
    content_type: media.contentType,
    date_created: rfc2822(media.dateCreated),
    date_updated: rfc2822(media.dateUpdated),
    parent_sid: media.messageSid,
    sid: media.sid,
    uri: `${mediaPath(accountSid, media)}.json`,
  };
}

/** The `.xml` representation, as the Media resource document shows it (its Uri ends in .xml there too). */
export function mediaXml(accountSid: string, media: MediaRecord): string {
  const fields = xmlFields([
    ['Sid', media.sid],
    ['AccountSid', accountSid],
    ['ParentSid', media.messageSid],
    ['ContentType', media.contentType],
    ['DateCreated', rfc2822(media.dateCreated)],
    ['DateUpdated', rfc2822(media.dateUpdated)],
    ['Uri', `${mediaPath(accountSid, media)}.xml`],
  ]);
  return `<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse><Media>${fields}</Media></TwilioResponse>`;
}

/** The body of the 307 from the suffix-less media URL: XML, never the media itself. */
export function redirectXml(location: string): string {
  return `<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse>${xmlFields([['RedirectTo', location]])}</TwilioResponse>`;
}
