// Previews (images, video, voicemail) stream through the app: the UI gets an opaque, short-lived URL, and main
// fetches the bytes with the account's credentials, forwarding Range so that seeking works. The renderer never
// sees a credential or the remote URL.
import { randomBytes } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';

export interface MediaStreamResponse {
  /** 200, 206, or 416 for a range that cannot be satisfied. */
  status: number;
  contentType: string;
  contentLength?: number;
  contentRange?: string;
  /** Whether the source honours Range requests. */
  acceptRanges?: boolean;
  body: Readable | null;
}

/** Which media a source gives, as the activity log names it when the media cannot be opened. */
export interface MediaSubject {
  kind: 'library file' | 'voicemail' | 'Twilio media';
  /** The account it is read with: the Activity view's account filter finds the line. */
  accountId: string;
  /** Where it is in the account's own terms (folder/file, messageSid/mediaSid): never an address or a credential. */
  name: string;
}

export interface MediaStreamSource {
  readonly subject: MediaSubject;
  open(range: string | undefined, signal: AbortSignal): Promise<MediaStreamResponse>;
}

const TOKEN_PATTERN = /^m_[a-f0-9]{32}$/;

export class MediaStreams {
  private readonly entries = new Map<string, { source: MediaStreamSource; expires: number }>();

  constructor(
    private readonly ttlMs = 30 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  register(source: MediaStreamSource): string {
    this.sweep();
    const token = `m_${randomBytes(16).toString('hex')}`;
    this.entries.set(token, { source, expires: this.now() + this.ttlMs });
    return token;
  }

  get(token: string): MediaStreamSource | undefined {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const entry = this.entries.get(token);
    if (!entry || entry.expires < this.now()) return undefined;
    return entry.source;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, entry] of this.entries) if (entry.expires < now) this.entries.delete(token);
  }
}

/**
 * What a preview's address says in both hosts when it has no media to give, as phrases: the request's own words are
 * never said back. The browser host said them first, hence the keys' names. app:// refuses a write with getOnly too.
 */
export const MEDIA_REFUSALS = {
  getOnly: phrase('desktop:webhost.page.getOnly'),
  expired: phrase('desktop:webhost.page.previewExpired'),
} as const;

/** The response headers both hosts send for a media stream. */
export function mediaHeaders(response: MediaStreamResponse): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': response.contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Media is shown inline, never run: no script may come from here.
    'content-security-policy': "default-src 'none'; sandbox",
  };
  if (response.contentLength !== undefined) headers['content-length'] = String(response.contentLength);
  if (response.contentRange) headers['content-range'] = response.contentRange;
  if (response.acceptRanges) headers['accept-ranges'] = 'bytes';
  return headers;
}

/**
 * A source that gives at most maxBytes: a list's thumbnail never pulls a video or a 50 MB photo through the app. An
 * announced length over the cap is refused before any byte is read; a source that sends more than it announced (or
 * announces nothing) is cut when the cap is passed, and the page shows its fallback.
 */
export function cappedSource(source: MediaStreamSource, maxBytes: number): MediaStreamSource {
  const tooLarge = () => new AppError('too_large', phrase('errors:media.thumbnailTooLarge', { max: maxBytes }));
  return {
    subject: source.subject,
    async open(range, signal) {
      const response = await source.open(range, signal);
      if (response.contentLength !== undefined && response.contentLength > maxBytes) {
        response.body?.destroy();
        throw tooLarge();
      }
      const body = response.body;
      if (!body) return response;
      let seen = 0;
      const limited = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          seen += chunk.length;
          if (seen > maxBytes) done(tooLarge());
          else done(null, chunk);
        },
      });
      body.on('error', (err) => limited.destroy(err));
      limited.on('close', () => body.destroy());
      return { ...response, body: body.pipe(limited) };
    },
  };
}
