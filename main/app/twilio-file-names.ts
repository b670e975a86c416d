// The name a downloaded Twilio media gets: when the message was sent, who sent it and the media SID, so that a folder
// of downloads sorts by date and says whose photo each is ("2026-12-05_1503_+15551234567_ME5c5d….jpg"). Decided in
// main, both for the name the window shows and checks for conflicts and for the name saved, so the two agree.
import { fitFileName } from '../common/files.js';
import { extensionFor } from '../providers/twilio/index.js';

/** What the name is made of; the message's facts may be unknown (a message not sent yet has no date). */
export interface MediaNameFacts {
  mediaSid: string;
  contentType: string | null;
  /** ISO 8601, the message's date_sent (or date_created when it was not sent). */
  messageDate: string | null;
  /** The sender as Twilio gives it: "+15551234567", "whatsapp:+1…", "sip:alice@example.com". */
  from: string | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-12-05_1503" in this computer's time zone, as the app shows dates; undefined for a missing or bad date. */
function datePart(iso: string | null): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}_${pad(date.getHours())}${pad(date.getMinutes())}`;
}

/**
 * The sender reduced to characters every file system takes in a name: a remote party chooses it, so nothing that
 * could name a folder, a device or a hidden file survives ("whatsapp:+1555…" → "whatsapp_+1555…").
 */
function senderPart(from: string | null): string | undefined {
  if (!from) return undefined;
  const cleaned = from
    .replace(/[^A-Za-z0-9+@._-]/g, '_')
    .replace(/\.{2,}/g, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 64);
  return cleaned === '' ? undefined : cleaned;
}

export function twilioMediaFileName(facts: MediaNameFacts): string {
  const parts = [datePart(facts.messageDate), senderPart(facts.from), facts.mediaSid].filter((p): p is string => p !== undefined);
  return fitFileName(`${parts.join('_')}${extensionFor(facts.contentType ?? undefined)}`);
}
