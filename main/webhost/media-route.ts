// The browser host's side of the media stream: /media/<token>, with Range passed through.
import { pipeline } from 'node:stream/promises';
import { mediaFailed, watchMediaBody, type MediaFailureNotes } from '../app/media-failures.js';
import { MEDIA_REFUSALS, mediaHeaders, type MediaStreams } from '../app/media-streams.js';
import type { RouteHandler } from './server.js';

export const MEDIA_PATH = '/media/';

export function mediaRoute(streams: MediaStreams, failures: MediaFailureNotes): RouteHandler {
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
    // The page stops a video or moves on: stop fetching from the server too. (Registered before the pipeline's own
    // listener, so a body cut by the viewer finds the signal aborted; one that breaks first finds it not.)
    res.on('close', () => controller.abort());
    try {
      const media = await source.open(req.headers.range, controller.signal);
      res.writeHead(media.status, mediaHeaders(media));
      if (req.method === 'HEAD' || !media.body) {
        media.body?.destroy();
        res.end();
        return true;
      }
      watchMediaBody(media.body, source, failures, () => controller.signal.aborted);
      await pipeline(media.body, res);
    } catch (err) {
      if (!res.headersSent) refuse(req, res, 502, mediaFailed(err, source, failures));
      else res.destroy(); // watchMediaBody has noted why
    }
    return true;
  };
}
