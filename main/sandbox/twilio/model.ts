// The Twilio space's records, and the journal lines that persist them (validated when read back).
import { z } from 'zod';

export const blobRefSchema = z.discriminatedUnion('kind', [
  /** One of the committed demo files in assets/demo. */
  z.object({ kind: z.literal('asset'), name: z.string().regex(/^[a-z0-9-]+\.(jpg|mp4|mp3)$/) }),
  /** A file uploaded through the generic upload service (sent on by its media reference send). */
  z.object({ kind: z.literal('generic'), name: z.string().regex(/^[0-9a-f]{32}\.(jpg|mp4)$/) }),
]);
export type BlobRef = z.infer<typeof blobRefSchema>;

export const messageRecordSchema = z.object({
  sid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/),
  to: z.string(),
  from: z.string(),
  body: z.string(),
  direction: z.enum(['inbound', 'outbound-api', 'outbound-call', 'outbound-reply']),
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'delivered', 'undelivered', 'receiving', 'received', 'accepted', 'scheduled', 'read', 'partially_delivered', 'canceled']),
  dateCreated: z.number().int(),
  dateSent: z.number().int(),
  dateUpdated: z.number().int(),
  messagingServiceSid: z.string().regex(/^MG[0-9a-f]{32}$/).nullable(),
  price: z.string().nullable(),
  priceUnit: z.string(),
  numSegments: z.string(),
});
export type MessageRecord = z.infer<typeof messageRecordSchema>;

export const mediaRecordSchema = z.object({
  sid: z.string().regex(/^ME[0-9a-f]{32}$/),
  messageSid: z.string().regex(/^(SM|MM)[0-9a-f]{32}$/),
  contentType: z.string(),
  blob: blobRefSchema,
  dateCreated: z.number().int(),
  dateUpdated: z.number().int(),
});
export type MediaRecord = z.infer<typeof mediaRecordSchema> & { deleted: boolean };

export const journalLineSchema = z.discriminatedUnion('t', [
  /** The deterministic demo data set (twilio/demo.ts) was added. */
  z.object({ t: z.literal('demo'), messages: z.number().int().positive() }),
  z.object({ t: z.literal('message'), message: messageRecordSchema }),
  z.object({ t: z.literal('media'), media: mediaRecordSchema }),
  /** `count` generated media (twilio/demo.ts seededMedia) for one message, numbered from `start`. */
  z.object({ t: z.literal('seed'), messageSid: z.string(), start: z.number().int().nonnegative(), count: z.number().int().positive(), baseTime: z.number().int() }),
  z.object({ t: z.literal('delete'), sid: z.string() }),
]);
export type JournalLine = z.infer<typeof journalLineSchema>;

/** A message the sandbox sends now (a reference send, a test's message): delivered at once, dated to the second. */
export function outboundMessage(fields: { to: string; from: string; body: string; price: string | null }): Omit<MessageRecord, 'sid'> {
  const now = Math.floor(Date.now() / 1000) * 1000;
  return {
    ...fields,
    direction: 'outbound-api',
    status: 'delivered',
    dateCreated: now,
    dateSent: now,
    dateUpdated: now,
    messagingServiceSid: null,
    priceUnit: 'USD',
    numSegments: '1',
  };
}
