// The Twilio space's demo data, generated deterministically (same sids, dates and media on every machine), and
// the generated media used to seed one message with thousands of media for benchmarks.
import type { BlobRef, MediaRecord, MessageRecord } from './model.js';
import { derivedSid } from './format.js';

export const SANDBOX_NUMBER = '+15005550006';
export const DEMO_MESSAGE_COUNT = 120;

const CONTACTS = ['+14155550101', '+14155550102', '+12125550199', '+13105550123', '+16175550142'];
const IMAGES = ['sunset-gradient.jpg', 'ocean-gradient.jpg', 'fractal.jpg', 'test-pattern-portrait.jpg'];
const VIDEO = 'clip-h264.mp4';
const BODIES = [
  'Here are the photos from the site visit.',
  'New product shots for the catalogue',
  'Video of the delivery, as promised',
  'Can you check these before Friday?',
  'Receipt and a picture of the damaged box',
  'Screens from the meeting room',
  'Quick clip of the demo',
  'Sending the rest tomorrow.',
];
// Media per message, cycling: 120 messages carry 348 media, and some carry none (SMS, sid prefix SM).
const MEDIA_PER_MESSAGE = [1, 2, 0, 3, 1, 5, 10, 2, 4, 1];
const NEWEST_DEMO_MESSAGE = Date.UTC(2025, 5, 2, 16, 30, 0);
const MESSAGE_SPACING_MS = (5 * 3600 + 13 * 60) * 1000;
const SERVICE_SID = derivedSid('MG', 'demo-messaging-service');

function asset(name: string): BlobRef {
  return { kind: 'asset', name };
}

function demoBlob(index: number): { contentType: string; blob: BlobRef } {
  return index % 6 === 5 ? { contentType: 'video/mp4', blob: asset(VIDEO) } : { contentType: 'image/jpeg', blob: asset(IMAGES[index % IMAGES.length]!) };
}

export function generateDemoData(count: number): { messages: MessageRecord[]; media: MediaRecord[] } {
  const messages: MessageRecord[] = [];
  const media: MediaRecord[] = [];
  for (let i = 0; i < count; i++) {
    const mediaCount = MEDIA_PER_MESSAGE[i % MEDIA_PER_MESSAGE.length]!;
    const outbound = i % 3 === 0;
    const contact = CONTACTS[i % CONTACTS.length]!;
    const sent = NEWEST_DEMO_MESSAGE - i * MESSAGE_SPACING_MS;
    const sid = derivedSid(mediaCount > 0 ? 'MM' : 'SM', 'demo-message', String(i));
    messages.push({
      sid,
      to: outbound ? contact : SANDBOX_NUMBER,
      from: outbound ? SANDBOX_NUMBER : contact,
      body: BODIES[i % BODIES.length]!,
      direction: outbound ? 'outbound-api' : 'inbound',
      status: outbound ? 'delivered' : 'received',
      dateCreated: sent - 2000,
      dateSent: sent,
      dateUpdated: sent + 1000,
      messagingServiceSid: outbound ? SERVICE_SID : null,
      price: outbound ? '-0.02000' : '-0.01000',
      priceUnit: 'USD',
      numSegments: '1',
    });
    for (let k = 0; k < mediaCount; k++) {
      media.push({
        sid: derivedSid('ME', 'demo-media', String(i), String(k)),
        messageSid: sid,
        ...demoBlob(i + k),
        dateCreated: sent - 2000 + k * 1000,
        dateUpdated: sent - 2000 + k * 1000,
        deleted: false,
      });
    }
  }
  return { messages, media };
}

/** Media number `index` (from 0) seeded onto a message; created one second apart, the last at baseTime. */
export function seededMedia(messageSid: string, index: number, start: number, count: number, baseTime: number): MediaRecord {
  const created = baseTime - (start + count - 1 - index) * 1000;
  return {
    sid: derivedSid('ME', 'seeded-media', messageSid, String(index)),
    messageSid,
    ...(index % 10 === 9 ? { contentType: 'video/mp4', blob: asset(VIDEO) } : { contentType: 'image/jpeg', blob: asset(IMAGES[index % IMAGES.length]!) }),
    dateCreated: created,
    dateUpdated: created,
    deleted: false,
  };
}
