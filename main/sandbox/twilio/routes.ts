// HTTP surface of the Twilio-compatible API under {base}/2010-04-01/Accounts/{AccountSid}/…: messages list and
// fetch, media list / fetch (.json, .xml) / delete, and the suffix-less media URL that redirects to the CDN.
import type { RequestContext } from '../http/context.js';
import { parseBasicAuth, secretsEqual } from '../http/basic-auth.js';
import { HttpError } from '../http/http-error.js';
import { sendEmpty, sendJson, sendXml } from '../http/respond.js';
import { TWILIO_CODES, notFound, sendTwilioError, twilioError } from './errors.js';
import { parseDateFilter } from './filters.js';
import { SID_PATTERNS } from './format.js';
import { pageUris, parsePageRequest, slicePage } from './paging.js';
import { accountPath, mediaJson, mediaXml, messageJson, redirectXml } from './render.js';
import { MEDIA_URL_TTL_MS, type MediaUrlSigner } from './signer.js';
import { compareMedia, compareMessages, type TwilioStore } from './store.js';

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
}

export interface TwilioRouteDeps {
  store: TwilioStore;
  credentials: TwilioCredentials;
  signer: MediaUrlSigner;
}

type Endpoint =
  | { kind: 'messages' }
  | { kind: 'message'; sid: string }
  | { kind: 'mediaList'; messageSid: string }
  | { kind: 'media'; messageSid: string; sid: string; format: 'json' | 'xml' | 'bytes' };

/** `segments` are the decoded path segments after /2010-04-01. */
export async function handleTwilio(ctx: RequestContext, segments: string[], deps: TwilioRouteDeps): Promise<void> {
  const asXml = ctx.target.rawPath.endsWith('.xml');
  try {
    await route(ctx, segments, deps);
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (ctx.res.headersSent) ctx.res.destroy();
    else sendTwilioError(ctx.res, err, asXml);
  }
}

async function route(ctx: RequestContext, segments: string[], deps: TwilioRouteDeps): Promise<void> {
  // Credentials are checked before anything else, as on the real API: a bad login never learns what exists.
  authenticate(ctx, deps.credentials);
  const [accounts, accountSid, ...rest] = segments;
  if (accounts !== 'Accounts' || accountSid !== deps.credentials.accountSid) throw notFound(ctx.target.rawPath);
  const endpoint = classify(rest);
  if (endpoint === null) throw notFound(ctx.target.rawPath);
  const method = ctx.req.method === 'HEAD' ? 'GET' : (ctx.req.method ?? 'GET');
  const allowed = endpoint.kind === 'media' && endpoint.format === 'json' ? ['GET', 'HEAD', 'DELETE'] : ['GET', 'HEAD'];
  if (!allowed.includes(method)) {
    throw twilioError(405, TWILIO_CODES.methodNotAllowed, `Method not allowed: ${ctx.req.method ?? ''} is not supported here by the sandbox.`, {
      Allow: allowed.join(', '),
    });
  }
  const { store } = deps;
  const account = deps.credentials.accountSid;
  switch (endpoint.kind) {
    case 'messages':
      return listMessages(ctx, deps);
    case 'message': {
      const message = store.getMessage(endpoint.sid);
      if (!message) throw notFound(ctx.target.rawPath);
      return sendJson(ctx.res, 200, messageJson(account, message, store.liveMediaCount(message.sid)));
    }
    case 'mediaList':
      if (!store.getMessage(endpoint.messageSid)) throw notFound(ctx.target.rawPath);
      return listMedia(ctx, deps, endpoint.messageSid);
    case 'media': {
      const media = store.findMedia(endpoint.sid);
      if (!media || media.deleted || media.messageSid !== endpoint.messageSid) throw notFound(ctx.target.rawPath);
      if (method === 'DELETE') {
        await store.deleteMedia(media);
        return sendEmpty(ctx.res, 204);
      }
      if (endpoint.format === 'json') return sendJson(ctx.res, 200, mediaJson(account, media));
      if (endpoint.format === 'xml') return sendXml(ctx.res, 200, mediaXml(account, media));
      const location = deps.signer.sign(media.sid, Date.now() + MEDIA_URL_TTL_MS);
      return sendXml(ctx.res, 307, redirectXml(location), { Location: location, 'Cache-Control': 'no-store' });
    }
  }
}

function authenticate(ctx: RequestContext, expected: TwilioCredentials): void {
  const given = parseBasicAuth(ctx.req);
  const ok =
    given !== null &&
    ((given.user === expected.accountSid && secretsEqual(given.password, expected.authToken)) ||
      (given.user === expected.apiKeySid && secretsEqual(given.password, expected.apiKeySecret)));
  if (!ok) throw twilioError(401, TWILIO_CODES.authenticate, 'Authenticate', { 'WWW-Authenticate': 'Basic realm="Twilio API"' });
}

function classify(rest: string[]): Endpoint | null {
  const [a, b, c, d, e, ...extra] = rest;
  if (extra.length > 0) return null;
  if (a === 'Messages.json' && b === undefined) return { kind: 'messages' };
  if (a !== 'Messages' || b === undefined) return null;
  if (c === undefined) {
    const sid = b.endsWith('.json') ? b.slice(0, -5) : null;
    return sid !== null && SID_PATTERNS.message.test(sid) ? { kind: 'message', sid } : null;
  }
  if (!SID_PATTERNS.message.test(b)) return null;
  if (c === 'Media.json' && d === undefined) return { kind: 'mediaList', messageSid: b };
  if (c !== 'Media' || d === undefined || e !== undefined) return null;
  const match = /^(ME[0-9a-fA-F]{32})(\.json|\.xml)?$/.exec(d);
  if (!match) return null;
  const format = match[2] === '.json' ? 'json' : match[2] === '.xml' ? 'xml' : 'bytes';
  return { kind: 'media', messageSid: b, sid: match[1]!, format };
}

function listMessages(ctx: RequestContext, deps: TwilioRouteDeps): void {
  const { query } = ctx.target;
  const request = parsePageRequest(query);
  const dates = parseDateFilter(query, 'DateSent');
  const to = query.get('To');
  const from = query.get('From');
  const filtered = deps.store
    .listMessages()
    .filter((m) => (to === null || m.to === to) && (from === null || m.from === from) && dates.matches(m.dateSent));
  const slice = slicePage(filtered, request, compareMessages, (sid) => deps.store.getMessage(sid));
  const echo: Array<readonly [string, string]> = [];
  if (to !== null) echo.push(['To', to]);
  if (from !== null) echo.push(['From', from]);
  echo.push(...dates.echo);
  const account = deps.credentials.accountSid;
  sendJson(ctx.res, 200, {
    ...pageFields(request, slice.items.length),
    ...pageUris(`${accountPath(account)}/Messages.json`, echo, request, slice),
    messages: slice.items.map((m) => messageJson(account, m, deps.store.liveMediaCount(m.sid))),
  });
}

function listMedia(ctx: RequestContext, deps: TwilioRouteDeps, messageSid: string): void {
  const { query } = ctx.target;
  const request = parsePageRequest(query);
  const dates = parseDateFilter(query, 'DateCreated');
  const filtered = deps.store.listMedia(messageSid).filter((m) => dates.matches(m.dateCreated));
  const slice = slicePage(filtered, request, compareMedia, (sid) => {
    const media = deps.store.findMedia(sid);
    return media?.messageSid === messageSid ? media : undefined;
  });
  const account = deps.credentials.accountSid;
  sendJson(ctx.res, 200, {
    ...pageFields(request, slice.items.length),
    ...pageUris(`${accountPath(account)}/Messages/${messageSid}/Media.json`, dates.echo, request, slice),
    media_list: slice.items.map((m) => mediaJson(account, m)),
  });
}

function pageFields(request: { page: number; pageSize: number }, count: number): Record<string, number> {
  const start = request.page * request.pageSize;
  return { page: request.page, page_size: request.pageSize, start, end: count > 0 ? start + count - 1 : start };
}
