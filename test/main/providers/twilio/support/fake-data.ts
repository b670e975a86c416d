// Data for the fake Twilio server: SIDs, messages with media, and Twilio's JSON shapes for them.

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'b1a2c3d4e5f60718293a4b5c6d7e8f90';
export const API_KEY_SID = 'SKfedcba9876543210fedcba9876543210';
export const API_KEY_SECRET = 'SeCrEt0123456789abcdefghijklmnop';

export interface FakeMedia {
  sid: string;
  contentType: string;
  dateCreated: Date;
  bytes: Buffer;
  /** Sent in the CDN's Content-Disposition when set. */
  fileName?: string;
}

export interface FakeMessage {
  sid: string;
  from: string;
  to: string;
  dateCreated: Date;
  dateSent: Date | null;
  media: FakeMedia[];
}

export function sid(prefix: string, n: number): string {
  return `${prefix}${n.toString(16).padStart(32, '0')}`;
}

/** Twilio's RFC 2822 form: "Fri, 17 Jul 2009 01:52:49 +0000". */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}

export function day(text: string, time = '12:00:00'): Date {
  return new Date(`${text}T${time}Z`);
}

export function mediaJson(accountSid: string, message: FakeMessage, media: FakeMedia): Record<string, unknown> {
  return {
    sid: media.sid,
    account_sid: accountSid,
    parent_sid: message.sid,
    content_type: media.contentType,
    date_created: rfc2822(media.dateCreated),
    date_updated: rfc2822(media.dateCreated),
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media/${media.sid}.json`,
  };
}

export function mediaXml(accountSid: string, message: FakeMessage, media: FakeMedia): string {
  const j = mediaJson(accountSid, message, media);
  return (
    `<?xml version='1.0' encoding='UTF-8'?>\n<TwilioResponse><Media><Sid>${media.sid}</Sid><AccountSid>${accountSid}</AccountSid>` +
    `<ParentSid>${message.sid}</ParentSid><ContentType>${media.contentType}</ContentType><DateCreated>${String(j.date_created)}</DateCreated>` +
    `<DateUpdated>${String(j.date_updated)}</DateUpdated><Uri>${String(j.uri).replace('.json', '.xml')}</Uri></Media></TwilioResponse>`
  );
}

export function messageJson(accountSid: string, message: FakeMessage): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}`;
  return {
    sid: message.sid,
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: 'hello',
    from: message.from,
    to: message.to,
    direction: 'inbound',
    status: message.dateSent ? 'received' : 'receiving',
    num_media: String(message.media.length),
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    error_code: null,
    error_message: null,
    messaging_service_sid: null,
    date_created: rfc2822(message.dateCreated),
    date_updated: rfc2822(message.dateCreated),
    date_sent: message.dateSent ? rfc2822(message.dateSent) : null,
    uri: `${uri}.json`,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
  };
}

export function twilioErrorBody(code: number, message: string, status: number): string {
  return JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

/**
 * `count` messages, one per day from `firstDay` on (sent a minute after creation), each with `mediaPerMessage`
 * media created with the message. Senders alternate between two numbers.
 */
export function makeMessages(count: number, firstDay: string, mediaPerMessage = 1): FakeMessage[] {
  const start = day(firstDay).getTime();
  const messages: FakeMessage[] = [];
  let mediaNo = 1;
  for (let i = 0; i < count; i += 1) {
    const created = new Date(start + i * 86_400_000);
    const media: FakeMedia[] = [];
    for (let j = 0; j < mediaPerMessage; j += 1) {
      media.push({ sid: sid('ME', mediaNo), contentType: 'image/jpeg', dateCreated: created, bytes: Buffer.from(`jpeg bytes of media ${mediaNo}`) });
      mediaNo += 1;
    }
    messages.push({
      sid: sid('MM', i + 1),
      from: i % 2 === 0 ? '+15550000001' : '+15550000002',
      to: '+15559999999',
      dateCreated: created,
      dateSent: new Date(created.getTime() + 60_000),
      media,
    });
  }
  return messages;
}
