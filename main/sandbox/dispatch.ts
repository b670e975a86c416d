// The sandbox's two origins: the main one (generic upload, media library, Twilio API) and the media CDN. Each
// request is parsed once into a RequestContext, checked for a loopback Host, and handed to its protocol.
import type http from 'node:http';
import type { RouteHandler, RequestContext } from './http/context.js';
import { sendJson } from './http/respond.js';
import { parseRequestTarget } from './http/request-target.js';
import { UploadAbortedError } from './http/stream-to-file.js';
import { handleGeneric, type GenericRouteDeps } from './generic/routes.js';
import { handleLibrary, type LibraryRouteDeps } from './library/routes.js';
import { handleTwilio, type TwilioRouteDeps } from './twilio/routes.js';

export interface ApiDeps {
  generic: GenericRouteDeps;
  library: LibraryRouteDeps;
  twilio: TwilioRouteDeps;
}

export function apiHandler(deps: ApiDeps): RouteHandler {
  return async (ctx) => {
    const [first, ...rest] = ctx.target.segments;
    if (first === 'generic') return handleGeneric(ctx, rest, deps.generic);
    if (first === 'rest' && rest[0] === '1.0' && rest[1] === 'media') return handleLibrary(ctx, rest.slice(2), deps.library);
    if (first === '2010-04-01') return handleTwilio(ctx, rest, deps.twilio);
    if (ctx.target.rawPath === '/' && (ctx.req.method === 'GET' || ctx.req.method === 'HEAD')) {
      return sendJson(ctx.res, 200, {
        name: 'Media Desk sandbox',
        generic: `${ctx.baseUrl}/generic/upload`,
        library: `${ctx.baseUrl}/rest/1.0/media/{domain}`,
        twilio: `${ctx.baseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
      });
    }
    sendJson(ctx.res, 404, { message: `Nothing here: ${ctx.target.rawPath.slice(0, 200)}` });
  };
}

/**
 * Turns a handler into a Node request listener. Requests must name this loopback origin in Host (a page in a
 * browser that rebinds a DNS name to 127.0.0.1 cannot reach the sandbox), and any unexpected error becomes a 500
 * without details.
 */
export function toListener(origin: () => string, handler: RouteHandler, onError: (err: unknown) => void): http.RequestListener {
  return (req, res) => {
    const target = parseRequestTarget(req.url ?? '/');
    if (target === null) {
      sendJson(res, 400, { message: 'Malformed request target (bad percent-encoding?).' });
      return;
    }
    const baseUrl = origin();
    const port = new URL(baseUrl).port;
    const host = req.headers.host;
    if (host !== undefined && host !== `127.0.0.1:${port}` && host !== `localhost:${port}` && host !== `[::1]:${port}`) {
      sendJson(res, 421, { message: `This sandbox answers only to ${baseUrl}.` });
      return;
    }
    const ctx: RequestContext = { req, res, target, body: req, baseUrl };
    handler(ctx).catch((err: unknown) => {
      if (err instanceof UploadAbortedError) {
        res.destroy(); // the client went away mid-upload: nobody to answer, nothing to report
        return;
      }
      onError(err);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal sandbox error.' });
      else res.destroy();
    });
  };
}
