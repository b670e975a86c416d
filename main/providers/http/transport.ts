// The one HTTP transport the three protocol clients share: streaming bodies with a known length, a timeout,
// cancellation, a cap on API bodies, and the rule that secrets go only over https or to loopback.
// Redirects are never followed here: a client that wants them follows them itself, deciding per hop which
// headers may go along (see the Twilio media download).
// The protocol clients import it all from here; each part has its own file: the request's shape (http-request.ts),
// where it goes and the secret rule (where.ts), one entry of its route (send-along.ts), the route's entries in turn
// (proxy-fallback.ts), a proxy's 407 (proxy-auth.ts), reading the answer (read-body.ts).
import { Readable } from 'node:stream';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { PiecedBody } from './file-body.js';
import { DEFAULT_TIMEOUT_MS, type HttpRequest, type HttpResponse } from './http-request.js';
import { networkError } from './network-error.js';
import { answeringProxy } from './proxy-auth.js';
import { alongRoute, ProxyUnreachable } from './proxy-fallback.js';
import { proxyName, proxyNetworkError, routeFor } from './proxy-route.js';
import { sendAlong } from './send-along.js';
import { isInternalAddress } from './internal-address.js';
import { assertSecretThroughProxy, assertSecretTransport, hostOf, whereOf } from './where.js';

export { basicAuth } from './http-auth.js';
export { DEFAULT_ANSWER_TIMEOUT_MS, DEFAULT_BODY_CAP, DEFAULT_CONTINUE_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, type HttpRequest, type HttpResponse, type RouteTrace, type TlsOptions } from './http-request.js';
export { observeProxySkips, type ProxySkipRecord } from './proxy-fallback.js';
export { observeProxyAsks, type ProxyAskRecord } from './proxy-auth.js';
export { decodeUtf8, parseRetryAfter, readBody, readBodyText } from './read-body.js';
export { assertSecretTransport, displayHost, displayWhere, isLoopbackHost } from './where.js';
export { isInternalAddress, isInternalHost } from './internal-address.js';

/**
 * What the activity log hears of each request: method, where (origin and path, from the display URL when there is
 * one, never a query), outcome. The log's redactor still runs over it, as a second line of defence.
 */
export interface RequestRecord {
  method: string;
  where: string;
  status?: number;
  error?: AppError;
  durationMs: number;
  note?: string;
}
let requestObserver: ((record: RequestRecord) => void) | undefined;

/** One observer for the whole process (the app's activity log); the protocol clients need not know about it. */
export function observeRequests(observer: ((record: RequestRecord) => void) | undefined): void {
  requestObserver = observer;
}

/**
 * Sends a request and resolves once the response headers arrive; the body is left to the caller as a stream.
 * Rejects with AppError: 'cancelled', 'timeout', 'network', 'insecure'.
 */
export async function send(req: HttpRequest): Promise<HttpResponse> {
  const started = Date.now();
  const note = req.note !== undefined ? { note: req.note } : {};
  try {
    const response = await sendOnce(req);
    requestObserver?.({ method: req.method.toUpperCase(), where: whereOf(req), status: response.status, durationMs: Date.now() - started, ...note });
    return response;
  } catch (err) {
    if (err instanceof AppError) requestObserver?.({ method: req.method.toUpperCase(), where: whereOf(req), error: err, durationMs: Date.now() - started, ...note });
    throw err;
  }
}

async function sendOnce(req: HttpRequest): Promise<HttpResponse> {
  const host = hostOf(req);
  if (req.carriesSecret) assertSecretTransport(req.url, req.allowInsecure, host);
  if (req.url.protocol !== 'http:' && req.url.protocol !== 'https:') {
    throw new AppError('config', phrase('errors:http.unsupportedScheme', { scheme: req.url.protocol }));
  }
  // A name is checked on what it resolves to (send-along's lookup); an address, which is never looked up, here.
  if (req.publicOnly === true && isInternalAddress(req.url.hostname)) {
    throw new AppError('insecure', phrase('errors:http.internalAddress', { host, address: req.url.hostname.replace(/^\[|\]$/g, '') }));
  }
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) {
    const length = Buffer.isBuffer(req.body) || req.body instanceof PiecedBody ? req.body.length : req.bodyLength;
    if (length === undefined) throw new AppError('internal', phrase('errors:http.streamLength'));
    headers['content-length'] = String(length);
  }
  // A proxy that cannot be connected to hands over to the next entry of its route (nothing of the request left yet).
  const method = req.method.toUpperCase();
  const where = whereOf(req);
  // A proxy's 407 to an absolute-form request is answered by sending it again: a stream cannot be sent twice.
  const asking = { method, where, remade: !(req.body instanceof Readable), plain: req.url.protocol === 'http:' };
  return alongRoute(await routeFor(req.url), {
    method,
    where,
    attempt: async (route) => {
      // Plain http through a proxy elsewhere hands the secret to that proxy, whatever the server and its consent.
      if (req.carriesSecret && route.kind === 'proxy' && req.url.protocol === 'http:') assertSecretThroughProxy(route.proxy, host);
      const { trace } = req;
      if (trace) trace.route = route;
      const outcome = await answeringProxy(route, asking, (authorization) => {
        if (trace && authorization) trace.authorization = authorization;
        return sendAlong(req, route, authorization, host, headers, timeoutMs);
      });
      if (trace && outcome instanceof ProxyUnreachable) trace.passedOver.push({ proxy: proxyName(outcome.proxy), code: outcome.err.code ?? '' });
      return outcome;
    },
    unreachable: (proxy, err) => proxyNetworkError(proxy, host, err) ?? networkError(err, host),
  });
}
