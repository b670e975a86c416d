// The bytes of a media item. Twilio's suffix-less media URL answers with a redirect (302/307, sometimes two hops)
// to a short-lived signed URL on a media CDN. The transport never follows redirects; this file does, deciding per
// hop what goes along: the Basic credentials only to the API's own origin and never again once the chain has
// left it, the Range header everywhere. Content type, length and file name come from the final answer; the 3xx
// bodies (XML) are thrown away.
import type { Readable } from 'node:stream';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { isInternalHost, isLoopbackHost, parseRetryAfter, readBody, send, type HttpResponse } from '../http/transport.js';
import { retryDelay, type RetryPolicy, type Sleep, type TwilioApi } from './api.js';
import { mediaFileName } from './file-names.js';
import { twilioError } from './twilio-errors.js';

export const MAX_MEDIA_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RANGE = /^bytes=(\d+-\d*|-\d+)(\s*,\s*(\d+-\d*|-\d+))*$/;

export interface MediaContentOptions {
  /** An HTTP Range header value, e.g. "bytes=0-1023", forwarded on every hop. */
  range?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface MediaContent {
  /** 200 for the whole media, 206 for the requested range. */
  status: 200 | 206;
  contentType: string;
  contentLength?: number;
  contentRange?: string;
  fileName: string;
  /** The media bytes; the caller consumes it or destroys it. */
  body: Readable;
}

export function assertRange(range: string | undefined): void {
  if (range !== undefined && !RANGE.test(range.trim())) {
    throw new AppError('validation', phrase('errors:twilio.badRange', { range: range.slice(0, 40) }), { field: 'range' });
  }
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function discard(res: HttpResponse): void {
  res.body.resume();
  res.body.destroy();
}

/** An error answer from a host other than Twilio's API (the CDN), which speaks no Twilio error format. */
function mediaHostError(status: number, host: string, retryAfter: number | undefined): AppError {
  if (status === 401 || status === 403) {
    return new AppError('forbidden', phrase('errors:twilio.hostRefused', { host, status }), { status });
  }
  if (status === 404 || status === 410) return new AppError('not_found', phrase('errors:twilio.hostNoFile', { host, status }), { status });
  if (status === 429) {
    return new AppError('rate_limited', phrase('errors:twilio.hostLimiting', { host }), retryAfter === undefined ? { status } : { status, retryAfter });
  }
  return new AppError('remote', phrase('errors:twilio.hostStatus', { host, status }), { status });
}

/**
 * Refuses a hop to this machine or a private network: the API server (or whoever set the account's address) must
 * not make main fetch an internal URL and hand its answer to the window. Only the embedded sandbox's API, whose CDN
 * is another loopback port, may send us to loopback (sandboxApi): an API's address on loopback says nothing, anyone
 * can listen there. Names are checked again on what they resolve to when connecting (the transport's publicOnly).
 */
export function assertHopTarget(sandboxApi: boolean, next: URL): void {
  if (!isInternalHost(next.hostname)) return;
  if (sandboxApi && isLoopbackHost(next.hostname)) return;
  throw new AppError('insecure', phrase('errors:twilio.redirectInternal', { host: next.host }));
}

/** The account is main's embedded sandbox's (its mark, which main alone sets) and its API is still on loopback. */
function isSandboxApi(api: TwilioApi): boolean {
  return api.connection.sandbox === true && isLoopbackHost(new URL(api.origin).hostname);
}

function nextHop(sandboxApi: boolean, current: URL, res: HttpResponse, visited: Set<string>): URL {
  const location = header(res, 'location');
  if (!location) throw new AppError('protocol', phrase('errors:twilio.redirectNoLocation', { host: current.host, status: res.status }), { status: res.status });
  let next: URL;
  try {
    next = new URL(location, current);
  } catch {
    throw new AppError('protocol', phrase('errors:twilio.redirectInvalid', { host: current.host }), { status: res.status });
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    throw new AppError('protocol', phrase('errors:twilio.redirectScheme', { scheme: next.protocol }));
  }
  assertHopTarget(sandboxApi, next);
  // A signed CDN URL is itself a credential for the media: never let it fall from https to plain http.
  if (current.protocol === 'https:' && next.protocol === 'http:' && !isLoopbackHost(next.hostname)) {
    throw new AppError('insecure', phrase('errors:twilio.redirectInsecure', { from: current.host, to: next.host }));
  }
  next.hash = '';
  if (visited.has(next.href)) throw new AppError('protocol', phrase('errors:twilio.redirectLoop', { host: next.host }));
  return next;
}

async function followChain(api: TwilioApi, start: URL, opts: MediaContentOptions, mediaSid: string): Promise<MediaContent> {
  let url = start;
  let leftApiOrigin = false;
  const visited = new Set<string>();
  const sandboxApi = isSandboxApi(api);
  for (let redirects = 0; ; redirects += 1) {
    visited.add(url.href);
    leftApiOrigin ||= url.origin !== api.origin;
    const onApi = !leftApiOrigin;
    const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'MediaDesk/0.1 (twilio-client)' };
    if (onApi) headers.authorization = api.authorization();
    if (opts.range !== undefined) headers.range = opts.range.trim();
    const res = await send({
      method: 'GET',
      url,
      headers,
      carriesSecret: onApi,
      allowInsecure: api.connection.allowInsecure === true,
      tls: onApi && api.connection.ca ? { ca: api.connection.ca } : {},
      // Where a redirect points was the server's choice: it must not resolve into this machine or its network.
      publicOnly: redirects > 0 && !sandboxApi,
      signal: opts.signal,
    });

    if (REDIRECTS.has(res.status)) {
      discard(res);
      if (redirects >= MAX_MEDIA_REDIRECTS) {
        throw new AppError('protocol', phrase('errors:twilio.redirectTooMany', { max: MAX_MEDIA_REDIRECTS }));
      }
      url = nextHop(sandboxApi, url, res, visited);
      continue;
    }
    if (res.status === 200 || res.status === 206) {
      const contentType = header(res, 'content-type') ?? 'application/octet-stream';
      const content: MediaContent = {
        status: res.status,
        contentType,
        fileName: mediaFileName(header(res, 'content-disposition'), mediaSid, contentType),
        body: res.body,
      };
      const length = header(res, 'content-length');
      if (length !== undefined && /^\d+$/.test(length)) content.contentLength = Number(length);
      const contentRange = header(res, 'content-range');
      if (contentRange !== undefined) content.contentRange = contentRange;
      return content;
    }
    if (res.status === 416) {
      discard(res);
      throw new AppError('validation', phrase('errors:twilio.rangeOutside'), { status: 416 });
    }
    if (res.status >= 200 && res.status < 300) {
      discard(res);
      throw new AppError('protocol', phrase('errors:twilio.noMedia', { status: res.status }), { status: res.status });

    }
    if (!onApi) {
      discard(res);
      throw mediaHostError(res.status, url.host, parseRetryAfter(res.headers['retry-after']));
    }
    const text = await readBody(res, 64 * 1024).then(
      (b) => b.toString('utf8'),
      () => '',
    );
    throw twilioError(res.status, text, api.secrets(), parseRetryAfter(res.headers['retry-after']));
  }
}

/**
 * Opens the media bytes, following redirects itself. A 429 (from the API or the media host) is retried like any
 * other call; the whole chain starts again since signed URLs are short-lived.
 */
export async function openMediaContent(
  api: TwilioApi,
  retry: RetryPolicy,
  sleep: Sleep,
  ids: { messageSid: string; mediaSid: string },
  opts: MediaContentOptions = {},
): Promise<MediaContent> {
  assertRange(opts.range);
  const start = api.url(`/Messages/${ids.messageSid}/Media/${ids.mediaSid}`);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await followChain(api, start, opts, ids.mediaSid);
    } catch (err) {
      const wait = err instanceof AppError && err.code === 'rate_limited' ? retryDelay(retry, attempt, err.details?.retryAfter) : undefined;
      if (wait === undefined) throw err;
      await sleep(wait, opts.signal);
    }
  }
}
