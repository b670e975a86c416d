// Small pure helpers the Twilio views share: dates, labels, saving a text file.
import type { TwilioMediaKind, TwilioMediaView } from '../../../../main/common/methods/twilio';

/** Local date and time, short; a dash when Twilio gave no date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const KIND_NAME: Record<TwilioMediaKind, string> = { image: 'Image', video: 'Video', audio: 'Audio', other: 'File' };

/** "ME5c5d…9f3a": enough of a SID to tell media apart at a glance, and the same after others are deleted. */
export function shortSid(sid: string): string {
  return sid.length > 12 ? `${sid.slice(0, 6)}…${sid.slice(-4)}` : sid;
}

/** "JPEG", "MP4": the type's own name when it is a plain one, else the kind ("Image", "File"). */
function typeName(media: TwilioMediaView): string {
  const subtype = /^[a-z]+\/([a-z0-9.+-]+)/i.exec(media.contentType ?? '')?.[1];
  return subtype && subtype.length <= 8 && /^[a-z0-9]+$/i.test(subtype) ? subtype.toUpperCase() : KIND_NAME[media.kind];
}

/** A media's name in the views, stable across deletions (never its position): "JPEG ME5c5d…9f3a". */
export function mediaLabel(media: TwilioMediaView): string {
  return `${typeName(media)} ${shortSid(media.sid)}`;
}

export function describeMedia(media: TwilioMediaView, index: number, count: number): string {
  return `${mediaLabel(media)}, ${KIND_NAME[media.kind].toLowerCase()} ${index + 1} of ${count}, ${media.contentType ?? 'unknown type'}, added ${formatDateTime(media.dateCreated)}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Saves text as a file the way a web page can (a Blob download), in both hosts. */
export function saveText(fileName: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A GMT day, YYYY-MM-DD, `offset` days from today: Twilio's dates are GMT. */
export function gmtDay(offset = 0): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}
