// Electron's side of the media stream: media-desk-media://media/<token>, with Range passed through.
import { Readable } from 'node:stream';
import type { Protocol } from 'electron';
import { MEDIA_SCHEME } from '../common/channels.js';
import { toAppError } from '../common/errors.js';
import { mediaHeaders, type MediaStreams } from '../app/media-streams.js';

export const MEDIA_HOST = 'media';

export function mediaUrlFor(token: string): string {
  return `${MEDIA_SCHEME}://${MEDIA_HOST}/${token}`;
}

export async function serveMediaRequest(streams: MediaStreams, request: { url: string; method: string; headers: Headers; signal?: AbortSignal }): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== MEDIA_HOST) return new Response('Not found', { status: 404 });
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
  const source = streams.get(url.pathname.slice(1));
  if (!source) return new Response('This preview has expired; open it again.', { status: 404 });
  const controller = new AbortController();
  request.signal?.addEventListener('abort', () => controller.abort());
  try {
    const media = await source.open(request.headers.get('range') ?? undefined, controller.signal);
    const body = request.method === 'HEAD' || !media.body ? null : (Readable.toWeb(media.body) as ReadableStream<Uint8Array>);
    if (!body) media.body?.destroy();
    return new Response(body, { status: media.status, headers: mediaHeaders(media) });
  } catch (err) {
    return new Response(toAppError(err).message, { status: 502 });
  }
}

export function registerMediaProtocol(protocol: Protocol, streams: MediaStreams): void {
  protocol.handle(MEDIA_SCHEME, (request) => serveMediaRequest(streams, request));
}
