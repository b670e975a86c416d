// Electron's side of the media stream: media-desk-media://media/<token>, with Range passed through.
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { MEDIA_SCHEME } from '../common/channels.js';
import { MEDIA_REFUSALS, mediaFailed, mediaHeaders, type MediaFailureLog, type MediaStreams } from '../app/media-streams.js';
import { refusal, type CurrentLanguage } from './refusal.js';

export const MEDIA_HOST = 'media';

export function mediaUrlFor(token: string): string {
  return `${MEDIA_SCHEME}://${MEDIA_HOST}/${token}`;
}

export async function serveMediaRequest(
  streams: MediaStreams,
  request: { url: string; method: string; headers: Headers; signal?: AbortSignal },
  language: CurrentLanguage,
  log: MediaFailureLog,
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
    const body = request.method === 'HEAD' || !media.body ? null : (Readable.toWeb(media.body) as ReadableStream<Uint8Array>);
    if (!body) media.body?.destroy();
    return new Response(body, { status: media.status, headers: mediaHeaders(media) });
  } catch (err) {
    return refusal(502, mediaFailed(err, source, log), language);
  }
}

export function registerMediaProtocol(protocol: Protocol, streams: MediaStreams, language: CurrentLanguage, log: MediaFailureLog): void {
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaRequest(streams, request, language, log));
}
