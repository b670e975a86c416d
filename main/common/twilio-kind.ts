// A Twilio media's kind from its content type: one rule for main's views and the window's lists (the clean-up's
// rows carry only the content type).
import type { TwilioMediaKind } from './methods/twilio.js';

export function mediaKind(contentType: string | null): TwilioMediaKind {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'other';
}
