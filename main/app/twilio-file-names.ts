// The name a downloaded Twilio media gets, by the pattern chosen in Settings (main/common/file-name-pattern.ts); by
// default when the message was sent, who sent it and the media SID, so that a folder of downloads sorts by date and
// says whose photo each is ("2026-12-05_1503_+15551234567_ME5c5d….jpg"). Decided in main, both for the name the window
// shows and checks for conflicts and for the name saved, so the two agree.
import { inEnglish } from '../common/i18n/phrase.js';
import { addressForFileName, checkFileNamePattern, DEFAULT_TWILIO_FILE_NAME_PATTERN, fileNameFromPattern, type FileNamePart } from '../common/file-name-pattern.js';
import { extensionFor } from '../providers/twilio/index.js';

/** What the name is made of; the message's facts may be unknown (a message not sent yet has no date). */
export interface MediaNameFacts {
  mediaSid: string;
  contentType: string | null;
  /** ISO 8601, the message's date_sent (or date_created when it was not sent). */
  messageDate: string | null;
  /** The sender and recipient as Twilio gives them: "+15551234567", "whatsapp:+1…", "sip:alice@example.com". */
  from: string | null;
  to?: string | null;
  messageSid?: string | null;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2026-12-05" and "1503" in this computer's time zone, as the app shows dates; empty for a missing or bad date. */
function dateParts(iso: string | null): { date: string; time: string } {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) return { date: '', time: '' };
  return { date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, time: `${pad(date.getHours())}${pad(date.getMinutes())}` };
}

function partsOf(pattern: string): FileNamePart[] {
  const checked = checkFileNamePattern(pattern);
  if (checked.ok) return checked.parts;
  const fallback = checkFileNamePattern(DEFAULT_TWILIO_FILE_NAME_PATTERN);
  if (!fallback.ok) throw new Error(`The default file name pattern is refused: ${inEnglish(fallback.problem)}`);
  return fallback.parts;
}

const SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;

/** The media's file name by `pattern`; a pattern that does not pass the check (a hand-edited settings file) gives the default name. */
export function twilioMediaFileName(facts: MediaNameFacts, pattern: string = DEFAULT_TWILIO_FILE_NAME_PATTERN): string {
  return fileNameFromPattern(partsOf(pattern), {
    ...dateParts(facts.messageDate),
    from: addressForFileName(facts.from ?? ''),
    to: addressForFileName(facts.to ?? ''),
    // SIDs come from the server too: only a well-formed one is used as it is.
    messageSid: facts.messageSid && SID.test(facts.messageSid) ? facts.messageSid : '',
    mediaSid: facts.mediaSid.replace(/[^A-Za-z0-9]/g, '_').slice(0, 64),
    ext: extensionFor(facts.contentType ?? undefined),
  });
}
