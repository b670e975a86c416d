// Electron's side of the media stream: media-desk-media://media/<token>, with Range passed through.
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { MEDIA_SCHEME } from '../common/channels.js';
import { mediaFailed, watchMediaBody, type MediaFailureNotes } from '../app/media-failures.js';
import { MEDIA_REFUSALS, mediaHeaders, type MediaStreams } from '../app/media-streams.js';
import { refusal, type CurrentLanguage } from './refusal.js';

export const MEDIA_HOST = 'media';

export function mediaUrlFor(token: string): string {
  return `${MEDIA_SCHEME}://${MEDIA_HOST}/${token}`;
}

export async function serveMediaRequest(
  streams: MediaStreams,
  request: { url: string; method: string; headers: Headers; signal?: AbortSignal },
  language: CurrentLanguage,
  failures: MediaFailureNotes,
): Promise<Response> {
  const url = new URL(request.url);
  // An address the app never makes reads as one whose preview is gone, as an unknown token does.
  if (url.host !== MEDIA_HOST) return refusal(404, MEDIA_REFUSALS.expired, language);
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, MEDIA_REFUSALS.getOnly, language, { allow: 'GET, HEAD' });
  const source = streams.get(url.pathname.slice(1));
  if (!source) return refusal(404, MEDIA_REFUSALS.expired, language);
  const controller = new AbortController();
  request.signal?.addEventListener('abort', () => controller.abort());
  try {
    const media = await source.open(request.headers.get('range') ?? undefined, controller.signal);
    if (request.method === 'HEAD' || !media.body) {
      media.body?.destroy();
      return new Response(null, { status: media.status, headers: mediaHeaders(media) });
    }
    watchMediaBody(media.body, source, failures, () => controller.signal.aborted);
    return new Response(pageStream(media.body, controller), { status: media.status, headers: mediaHeaders(media) });
  } catch (err) {
    return refusal(502, mediaFailed(err, source, failures), language);
  }
}

/**
 * The body as the page reads it. The page cancelling it (a video closed, a list scrolled away) is the viewer leaving,
 * said through the controller before the source is destroyed, so that it is not noted as the source breaking.
 */
function pageStream(body: Readable, controller: AbortController): ReadableStream<Uint8Array> {
  const reader = (Readable.toWeb(body) as ReadableStream<Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>({
    async pull(page) {
      const next = await reader.read();
      if (next.done) page.close();
      else page.enqueue(next.value);
    },
    cancel(reason) {
      controller.abort();
      return reader.cancel(reason);
    },
  });
}

export function registerMediaProtocol(protocol: Protocol, streams: MediaStreams, language: CurrentLanguage, failures: MediaFailureNotes): void {
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaRequest(streams, request, language, failures));
}
