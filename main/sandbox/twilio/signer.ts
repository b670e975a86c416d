// Signed, expiring media URLs on the sandbox's second origin (its "CDN"), like the short-lived signed URLs Twilio
// redirects media requests to. HMAC-SHA256 over the media sid and the expiry, with a key kept in the data dir.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const MEDIA_URL_TTL_MS = 4 * 3600 * 1000; // as Twilio's signed media URLs

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

export class MediaUrlSigner {
  constructor(
    private readonly key: Buffer,
    private readonly cdnOrigin: () => string,
  ) {}

  /** The CDN URL for a media, valid until expiresAtMs. */
  sign(mediaSid: string, expiresAtMs: number): string {
    const expires = Math.floor(expiresAtMs / 1000);
    return `${this.cdnOrigin()}/media/${mediaSid}?Expires=${expires}&Signature=${this.signature(mediaSid, expires)}`;
  }

  check(mediaSid: string, expiresText: string | null, signature: string | null, nowMs = Date.now()): SignatureCheck {
    if (expiresText === null || signature === null || !/^\d{1,12}$/.test(expiresText) || !/^[0-9a-f]{64}$/.test(signature)) return 'invalid';
    const expected = Buffer.from(this.signature(mediaSid, Number(expiresText)), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'invalid';
    return Number(expiresText) * 1000 <= nowMs ? 'expired' : 'valid';
  }

  private signature(mediaSid: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${mediaSid}\n${expires}`).digest('hex');
  }
}
