// Small pure helpers the Twilio views share: kinds and labels in the reader's language, saving a text file, GMT days.
// They read the window's current language (i18n); the components that call them re-render when it changes because
// they use useTranslation.
import type { TwilioMediaKind, TwilioMediaView } from '../../../../main/common/methods/twilio';
import type { IconKind } from '../../components/KindIcon';
import { i18n, windowFormats } from '../../i18n';

/** The statuses Twilio documents for a message, each with its words in the catalogue ('twilio:status.<status>'). */
const MESSAGE_STATUS = ['queued', 'sending', 'sent', 'failed', 'delivered', 'undelivered', 'receiving', 'received', 'accepted', 'scheduled', 'read', 'partially_delivered', 'canceled'] as const;

/**
 * A message's status in the reader's language: Twilio's own word in English (it is what Twilio's console and
 * documentation say), translated where the catalogue knows it, and as Twilio sent it when it is a new one.
 */
export function messageStatusText(status: string): string {
  const known = MESSAGE_STATUS.find((s) => s === status.toLowerCase());
  return known ? i18n.t(`twilio:status.${known}`) : status;
}

/** "Image", "Video": a kind as a label. */
export function kindName(kind: TwilioMediaKind): string {
  return i18n.t(`twilio:kind.${kind}`);
}

/** "image", "video": a kind inside a sentence. */
export function kindNoun(kind: TwilioMediaKind): string {
  return i18n.t(`twilio:kindNoun.${kind}`);
}

/** The icon that stands for a kind where no thumbnail is shown (components/KindIcon: SVG, drawn in every font). */
export const KIND_ICON: Record<TwilioMediaKind, IconKind> = { image: 'image', video: 'video', audio: 'audio', other: 'file' };

/** "2 images", "1 video": how many media of a kind. */
export function kindCount(kind: TwilioMediaKind, count: number): string {
  return i18n.t(`twilio:kindCount.${kind}`, { count });
}

/** Counted phrases as one list: "2 images, 1 video" / 「画像 2 件、動画 1 件」. */
export function listOf(parts: string[]): string {
  return new Intl.ListFormat(windowFormats().language, { type: 'conjunction', style: 'narrow' }).format(parts);
}

/** "ME5c5d…9f3a": enough of a SID to tell media apart at a glance, and the same after others are deleted. */
export function shortSid(sid: string): string {
  return sid.length > 12 ? `${sid.slice(0, 6)}…${sid.slice(-4)}` : sid;
}

/** "JPEG", "MP4": the type's own name when it is a plain one, else the kind ("Image", "File"). */
function typeName(media: TwilioMediaView): string {
  const subtype = /^[a-z]+\/([a-z0-9.+-]+)/i.exec(media.contentType ?? '')?.[1];
  return subtype && subtype.length <= 8 && /^[a-z0-9]+$/i.test(subtype) ? subtype.toUpperCase() : kindName(media.kind);
}

/** A media's name in the views, stable across deletions (never its position): "JPEG ME5c5d…9f3a". */
export function mediaLabel(media: TwilioMediaView): string {
  return `${typeName(media)} ${shortSid(media.sid)}`;
}

/** What a screen reader says for a tile: its name, its place among the message's media, its type and date. */
export function describeMedia(media: TwilioMediaView, index: number, count: number): string {
  const f = windowFormats();
  return i18n.t('twilio:media.describe', {
    label: mediaLabel(media),
    kind: kindNoun(media.kind),
    position: f.number(index + 1),
    total: f.number(count),
    type: media.contentType ?? i18n.t('twilio:media.unknownType'),
    date: f.dateTime(media.dateCreated),
  });
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
