// Sending one request along one entry of its route (directly or through one proxy): the socket's events turned into
// the answer or an AppError, the body streamed with its timeouts, and a proxy that could not be connected to said as
// ProxyUnreachable so the route's next entry may carry the request (proxy-fallback.ts), and a proxy's 407 said as
// ProxyAsked so that it may be answered (proxy-auth.ts).
// A streamed body sent with `expect: 100-continue` waits for the 100, an early answer or a short timer (auth-send.ts).
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { AppError, sayable } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { PiecedBody, pumpBody, type BodyPump } from './file-body.js';
import { DEFAULT_ANSWER_TIMEOUT_MS, DEFAULT_CONTINUE_TIMEOUT_MS, type HttpRequest, type HttpResponse } from './http-request.js';
import { networkError } from './network-error.js';
import { ProxyUnreachable } from './proxy-fallback.js';
import { ProxyAsked, type ProxyAuthorization } from './proxy-auth.js';
import { agentFor, isProxyUnreachable, noAnswerThroughProxyError, proxyConnectError, proxyNetworkError, proxyTimeoutError, type ProxyRoute } from './proxy-route.js';
import { readEarlyAnswer } from './read-body.js';
import { defaultRoots } from './trusted-roots.js';
import { publicLookup } from './internal-address.js';

// Connections are kept open between requests: a bulk job's thousands of small calls otherwise pay a TCP (and TLS)
// handshake each. Idle sockets are unreferenced by Node, so they never keep a process alive, and they close after
// a short idle time, before a typical server drops them (Node's default is 5 s). Agents key their pools by host,
// port and TLS options (an account's own `ca` included), so accounts never share a connection they should not.
const KEEP_ALIVE = { keepAlive: true, timeout: 4_000 } as const;
const httpAgent = new http.Agent(KEEP_ALIVE);
const httpsAgent = new https.Agent(KEEP_ALIVE);
// Their own pools: a socket the public-only lookup did not check is never handed to a public-only request.
const publicHttpAgent = new http.Agent({ ...KEEP_ALIVE, lookup: publicLookup });
const publicHttpsAgent = new https.Agent({ ...KEEP_ALIVE, lookup: publicLookup });

/**
 * Resolves with the answer once its headers arrive, with ProxyUnreachable when the route's proxy could not be
 * connected to (no byte of the request gone), or with ProxyAsked on the proxy's 407 (the body stopped); rejects with
 * the request's AppError otherwise. `authorization`: what goes to the route's proxy as Proxy-Authorization.
 */
export function sendAlong(
  req: HttpRequest,
  route: ProxyRoute,
  authorization: ProxyAuthorization | undefined,
  host: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<HttpResponse | ProxyUnreachable | ProxyAsked> {
  return new Promise<HttpResponse | ProxyUnreachable | ProxyAsked>((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(new AppError('cancelled', phrase('errors:generic.cancelled')));
      return;
    }
    const lib = req.url.protocol === 'https:' ? https : http;
    // Direct requests share the keep-alive agents; a proxy's agent is made for its route.
    const keepAlive = req.publicOnly === true ? (req.url.protocol === 'https:' ? publicHttpsAgent : publicHttpAgent) : req.url.protocol === 'https:' ? httpsAgent : httpAgent;
    const options: https.RequestOptions = { method: req.method.toUpperCase(), headers, agent: agentFor(route, req.url, authorization, req.proxyConnectTimeoutMs) || keepAlive };
    // Node's `ca` replaces the trusted roots: keep the default ones and add the account's own certificate.
    if (req.tls?.ca) options.ca = [...defaultRoots(), req.tls.ca];
    let settled = false;
    let failure: AppError | undefined;
    let incomingBody: http.IncomingMessage | undefined;
    let outgoing: http.ClientRequest;
    let pump: BodyPump | undefined;
    try {
      outgoing = lib.request(req.url, options);
    } catch (err) {
      // Node refuses to build a request whose header has a character HTTP does not allow (ERR_INVALID_CHAR…).
      const code = (err as NodeJS.ErrnoException).code;
      reject(new AppError('config', code ? phrase('errors:http.badHeaderCode', { host, code }) : phrase('errors:http.badHeader', { host })));
      return;
    }

    let continueTimer: NodeJS.Timeout | undefined;
    const fail = (error: AppError): void => {
      clearTimeout(continueTimer);
      failure ??= error;
      if (!settled) {
        settled = true;
        reject(failure);
      }
      outgoing.destroy(failure);
      // A body being read fails with the same reason (cancelled, timeout), not as a dropped connection.
      incomingBody?.destroy(failure);
      // A file stream would otherwise keep its file open until it is garbage-collected.
      stopBody();
    };
    const stopBody = (): void => {
      pump?.stop();
      if (req.body instanceof Readable) req.body.destroy();
    };
    const onAbort = (): void => fail(new AppError('cancelled', phrase('errors:generic.cancelled')));
    req.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => req.signal?.removeEventListener('abort', onAbort);

    const streamedBody = req.body !== undefined && !Buffer.isBuffer(req.body);
    const answerTimeoutMs = req.answerTimeoutMs ?? DEFAULT_ANSWER_TIMEOUT_MS;
    let bodySent = false;
    outgoing.setTimeout(timeoutMs, () => {
      const afterUpload = bodySent && streamedBody;
      const seconds = Math.round((afterUpload ? answerTimeoutMs : timeoutMs) / 1000);
      if (route.kind === 'proxy') return fail(noAnswerThroughProxyError(route.proxy, host, seconds, afterUpload));
      fail(new AppError('timeout', phrase(afterUpload ? 'errors:http.noAnswerAfterUpload' : 'errors:http.timeout', { host, seconds })));
    });
    outgoing.on('error', (err: NodeJS.ErrnoException) => {
      // Writing after the server's early answer fails (EPIPE, ECONNRESET): the answer being read is what counts.
      if (earlyAnswer && failure === undefined) return;
      cleanup();
      // The proxy's agent hands over the socket only once connected: before that, no byte of the request has gone.
      if (!settled && route.kind === 'proxy' && !outgoing.socket && isProxyUnreachable(err)) {
        settled = true;
        clearTimeout(continueTimer);
        resolve(new ProxyUnreachable(route.proxy, route.next, err));
        return;
      }
      if (!settled) {
        settled = true;
        reject(failure ?? (route.kind === 'proxy' ? (proxyNetworkError(route.proxy, host, err) ?? networkError(err, host)) : networkError(err, host)));
      }
    });
    let earlyAnswer = false;
    outgoing.on('finish', () => {
      bodySent = true;
      if (!streamedBody || settled) return;
      outgoing.setTimeout(answerTimeoutMs);
      req.onBodySent?.();
    });
    if (route.kind === 'proxy') {
      // The request's own timeout starts with its socket, which a proxy's agent hands over only once the tunnel is up.
      const connecting = setTimeout(() => fail(proxyTimeoutError(route.proxy, timeoutMs)), timeoutMs);
      outgoing.once('socket', () => clearTimeout(connecting));
      outgoing.once('close', () => clearTimeout(connecting));
    }
    // https through a proxy: the tunnel's own answer (CONNECT). Anything but 200 is the proxy speaking, not the server.
    let connectStatus: number | undefined;
    outgoing.on('proxyConnect', ({ statusCode }: { statusCode: number }) => {
      connectStatus = statusCode;
      if (statusCode !== 200 && statusCode !== 407 && route.kind === 'proxy') fail(proxyConnectError(route.proxy, host, statusCode));
    });
    // Only a CONNECT's 407 (which the agent replays as the request's answer) is surely the proxy's: inside the tunnel
    // a 407 is the server's own, whatever it says. For http://, a 407 cannot be told from one the proxy passed on.
    const proxyAsks = (status: number | undefined): boolean => status === 407 && route.kind === 'proxy' && (req.url.protocol === 'http:' || connectStatus === 407);
    outgoing.on('response', (incoming) => {
      clearTimeout(continueTimer);
      if (proxyAsks(incoming.statusCode)) {
        // The proxy's, not the server's: whether to send it again is proxy-auth.ts's. A body still going is stopped.
        incoming.resume();
        earlyAnswer = true;
        if (req.body instanceof Readable) req.body.unpipe(outgoing);
        stopBody();
        cleanup();
        settled = true;
        outgoing.destroy();
        resolve(new ProxyAsked(incoming.headers['proxy-authenticate']));
        return;
      }
      if (!bodySent && streamedBody) {
        // The server answered before taking the whole body (401, 402, 413, 429 for a large video): stop sending and
        // read its answer now, before it closes the connection on a body it will not read (nodejs/node#12339).
        earlyAnswer = true;
        if (req.body instanceof Readable) req.body.unpipe(outgoing);
        stopBody();
        void readEarlyAnswer(incoming).then((bytes) => {
          cleanup();
          if (settled) return;
          settled = true;
          outgoing.destroy();
          const response: HttpResponse = { status: incoming.statusCode ?? 0, headers: incoming.headers, url: req.url, host, body: Readable.from([bytes]) };
          if (req.signal) response.signal = req.signal;
          resolve(response);
        });
        return;
      }
      settled = true;
      incomingBody = incoming;
      incoming.on('close', cleanup);
      // The body stream inherits cancellation and the idle timeout.
      incoming.setTimeout?.(timeoutMs, () => incoming.destroy(new AppError('timeout', phrase('errors:http.stoppedSending', { host }))));
      const response: HttpResponse = { status: incoming.statusCode ?? 0, headers: incoming.headers, url: req.url, host, body: incoming };
      if (req.signal) response.signal = req.signal;
      resolve(response);
    });

    if (req.body === undefined) {
      outgoing.end();
    } else if (Buffer.isBuffer(req.body)) {
      outgoing.end(req.body);
      req.onUploadProgress?.(req.body.length);
    } else if (headers.expect?.toLowerCase() === '100-continue') {
      // The headers go alone; the body follows the server's 100, or its silence. An answer before either (a 401
      // challenge, a 413) is read by the early-answer path above without a byte of the body sent.
      const body = req.body;
      const startBody = (): void => {
        clearTimeout(continueTimer);
        outgoing.removeListener('continue', startBody);
        if (!settled && !earlyAnswer) sendBody(body);
      };
      outgoing.once('continue', startBody);
      continueTimer = setTimeout(startBody, req.continueTimeoutMs ?? DEFAULT_CONTINUE_TIMEOUT_MS);
      outgoing.flushHeaders();
    } else {
      sendBody(req.body);
    }

    function sendBody(body: Readable | PiecedBody): void {
      const start = (): void => {
        if (settled || earlyAnswer) return;
        if (body instanceof PiecedBody) pump = pumpBody(body, outgoing, { ...(req.onUploadProgress ? { onSent: req.onUploadProgress } : {}), onError: fail });
        else pipeBody(body);
      };
      // A proxy's agent writes the request's head anew (absolute-form) once it has the connection; a body written
      // before that would go out under a second head. So the body waits for the socket.
      if (route.kind === 'proxy' && !outgoing.socket) outgoing.once('socket', start);
      else start();
    }

    function pipeBody(body: Readable): void {
      let sent = 0;
      body.on('data', (chunk: Buffer | string) => {
        // Some bodies (form-data) emit strings for their headers: count bytes, not characters.
        sent += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        req.onUploadProgress?.(sent);
      });
      body.on('error', (err) => fail(new AppError('io', phrase('errors:http.readFailed', { reason: sayable(err) }))));
      body.pipe(outgoing);
    }
  });
}
