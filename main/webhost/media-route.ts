// The browser host's side of the media stream: /media/<token>, with Range passed through.
import { pipeline } from 'node:stream/promises';
import { MEDIA_REFUSALS, mediaFailed, mediaHeaders, type MediaFailureLog, type MediaStreams } from '../app/media-streams.js';
import type { RouteHandler } from './server.js';

export const MEDIA_PATH = '/media/';

export function mediaRoute(streams: MediaStreams, log: MediaFailureLog): RouteHandler {
  return async (req, res, url, refuse) => {
    if (!url.pathname.startsWith(MEDIA_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(req, res, 405, MEDIA_REFUSALS.getOnly, { allow: 'GET, HEAD' });
      return true;
    }
    const source = streams.get(url.pathname.slice(MEDIA_PATH.length));
    if (!source) {
      refuse(req, res, 404, MEDIA_REFUSALS.expired);
      return true;
    }
    const controller = new AbortController();
    // The page stops a video or moves on: stop fetching from the server too.
    res.on('close', () => controller.abort());
    try {
      const media = await source.open(req.headers.range, controller.signal);
      res.writeHead(media.status, mediaHeaders(media));
      if (req.method === 'HEAD' || !media.body) {
        media.body?.destroy();
        res.end();
        return true;
      }
      await pipeline(media.body, res);
    } catch (err) {
      if (!res.headersSent) refuse(req, res, 502, mediaFailed(err, source, log));
      else res.destroy();
    }
    return true;
  };
}
