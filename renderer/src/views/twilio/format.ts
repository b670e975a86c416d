// Small pure helpers the Twilio views share: dates, labels, saving a text file.
import type { TwilioMediaKind, TwilioMediaView } from '../../../../main/common/methods/twilio';

/** Local date and time, short; a dash when Twilio gave no date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const KIND_NAME: Record<TwilioMediaKind, string> = { image: 'Image', video: 'Video', audio: 'Audio', other: 'File' };

export function describeMedia(media: TwilioMediaView, index: number, count: number): string {
  return `${KIND_NAME[media.kind]} ${index + 1} of ${count}, ${media.contentType ?? 'unknown type'}, added ${formatDateTime(media.dateCreated)}`;
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
