// The one HTTP transport the three protocol clients share: streaming bodies with a known length, a timeout,
// cancellation, a cap on API bodies, and the rule that secrets go only over https or to loopback.
// Redirects are never followed here: a client that wants them follows them itself, deciding per hop which
// headers may go along (see the Twilio media download).
// A streamed body sent with `expect: 100-continue` waits for the 100, an early answer or a short timer (auth-send.ts).
import { isAscii, isUtf8 } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';
import { Readable } from 'node:stream';
import { AppError, sayable } from '../../common/errors.js';
import { phrase, type PhraseValue } from '../../common/i18n/phrase.js';
import { PiecedBody, pumpBody, type BodyPump } from './file-body.js';
import { alongRoute, ProxyUnreachable } from './proxy-fallback.js';
import { agentFor, isProxyUnreachable, proxyAuthError, proxyConnectError, proxyNetworkError, proxyTimeoutError, routeFor, type ProxyRoute } from './proxy-route.js';

export { observeProxySkips, type ProxySkipRecord } from './proxy-fallback.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

// Connections are kept open between requests: a bulk job's thousands of small calls otherwise pay a TCP (and TLS)
// handshake each. Idle sockets are unreferenced by Node, so they never keep a process alive, and they close after
// a short idle time, before a typical server drops them (Node's default is 5 s). Agents key their pools by host,
// port and TLS options (an account's own `ca` included), so accounts never share a connection they should not.
const KEEP_ALIVE = { keepAlive: true, timeout: 4_000 } as const;
const httpAgent = new http.Agent(KEEP_ALIVE);
const httpsAgent = new https.Agent(KEEP_ALIVE);
/** After a streamed body is sent, the server may store or transcode it before answering: its own, longer wait. */
export const DEFAULT_ANSWER_TIMEOUT_MS = 5 * 60_000;
/** API answers (JSON, XML) are small; anything larger is refused rather than buffered. */
export const DEFAULT_BODY_CAP = 4 * 1024 * 1024;
/** How long a request with `Expect: 100-continue` waits for the server's 100 before sending its body anyway. */
export const DEFAULT_CONTINUE_TIMEOUT_MS = 1_500;

export interface TlsOptions {
  /** Extra PEM certificate(s) trusted for this account only (a self-signed server). */
  ca?: string;
}

export interface HttpRequest {
  method: string;
  url: URL;
  /**
   * The URL as logs and messages may show it, when the URL itself may carry a secret (a template's shape with its
   * secrets masked). Without it they show the URL's origin and path; the real URL is never logged when it is given.
   */
  displayUrl?: string;
  headers?: Record<string, string>;
  /**
   * A buffer; pieces and file ranges (the fast way to send a file); or a stream whose exact length is given in
   * bodyLength. Never chunked.
   */
  body?: Buffer | PiecedBody | Readable;
  bodyLength?: number;
  signal?: AbortSignal;
  /** Idle timeout: no byte moved for this long fails the request. */
  timeoutMs?: number;
  /** With a streamed body: how long the server may take to answer once the whole body is sent. */
  answerTimeoutMs?: number;
  /** With a streamed body: called once the whole body is sent and the answer is awaited. */
  onBodySent?: () => void;
  /** The request carries a credential (in a header, the URL or the body). */
  carriesSecret?: boolean;
  /** The account allows secrets over plain http to a non-loopback host. */
  allowInsecure?: boolean;
  tls?: TlsOptions;
  /** Called as body bytes are handed to the socket. */
  onUploadProgress?: (bytesSent: number) => void;
  /**
   * With a streamed body and `expect: 100-continue`: how long to wait for the server's 100 (or its early answer, such
   * as a 401) before sending the body anyway, for servers that ignore Expect.
   */
  continueTimeoutMs?: number;
  /** Through a proxy: how long connecting to it may take before the route's next entry is tried (DEFAULT_PROXY_CONNECT_TIMEOUT_MS). */
  proxyConnectTimeoutMs?: number;
  /** Said beside the request in the activity log (how it was authenticated). Never a secret. */
  note?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  url: URL;
  /** The server's host as messages may name it (from the display URL when the request had one). */
  host: string;
  /** The answer's body; an answer that came while the request body was still being sent is already read in full. */
  body: Readable;
  /** The request's signal: reading the body after it fired is a cancellation, not a network error. */
  signal?: AbortSignal;
}

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

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The host part of a (display) URL, without user-info. */
export function displayHost(displayUrl: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(displayUrl)?.[1] ?? '';
}

/** Origin and path of a (display) URL: no user-info, query or fragment, which may carry values. */
export function displayWhere(displayUrl: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(displayUrl)?.[0] ?? '';
  const rest = displayUrl.slice(scheme.length).replace(/^[^@/?#]*@/, '');
  return scheme + rest.replace(/[?#].*$/s, '');
}

function hostOf(req: HttpRequest): string {
  return req.displayUrl !== undefined ? displayHost(req.displayUrl) : req.url.host;
}

function whereOf(req: HttpRequest): string {
  return req.displayUrl !== undefined ? displayWhere(req.displayUrl) : `${req.url.origin}${req.url.pathname}`;
}

/** Throws 'insecure' when a secret would travel in clear text to a host other than this machine. */
export function assertSecretTransport(url: URL, allowInsecure = false, host = url.host): void {
  if (url.protocol === 'https:') return;
  if (url.protocol !== 'http:') throw new AppError('config', phrase('errors:http.badScheme', { scheme: url.protocol }));
  if (isLoopbackHost(url.hostname) || allowInsecure) return;
  throw new AppError(
    'insecure',
    phrase('errors:http.insecure', { host }),
  );
}

function networkError(err: NodeJS.ErrnoException, where: string): AppError {
  switch (err.code) {
    case 'ECONNREFUSED':
      return new AppError('network', phrase('errors:http.refused', { host: where }));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('network', phrase('errors:http.notFound', { host: where.replace(/:\d+$/, '') }));
    case 'ECONNRESET':
    case 'EPIPE':
      return new AppError('network', phrase('errors:http.dropped', { host: where }));
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new AppError(
        'network',
        phrase('errors:http.untrusted', { host: where, code: err.code }),
      );
    default:
      return new AppError('network', err.code ? phrase('errors:http.networkCode', { host: where, code: err.code }) : phrase('errors:http.network', { host: where }));
  }
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
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { ...req.headers };
  if (req.body !== undefined) {
    const length = Buffer.isBuffer(req.body) || req.body instanceof PiecedBody ? req.body.length : req.bodyLength;
    if (length === undefined) throw new AppError('internal', phrase('errors:http.streamLength'));
    headers['content-length'] = String(length);
  }
  // A proxy that cannot be connected to hands over to the next entry of its route (nothing of the request left yet).
  return alongRoute(await routeFor(req.url), {
    method: req.method.toUpperCase(),
    where: whereOf(req),
    attempt: (route) => {
      // Plain http through a proxy elsewhere puts the secret on the network even when the server is this machine.
      if (req.carriesSecret && route.kind === 'proxy' && req.url.protocol === 'http:') assertSecretTransport(route.proxy.url, req.allowInsecure, host);
      return sendAlong(req, route, host, headers, timeoutMs);
    },
    unreachable: (proxy, err) => proxyNetworkError(proxy, host, err) ?? networkError(err, host),
  });
}

function sendAlong(req: HttpRequest, route: ProxyRoute, host: string, headers: Record<string, string>, timeoutMs: number): Promise<HttpResponse | ProxyUnreachable> {
  return new Promise<HttpResponse | ProxyUnreachable>((resolve, reject) => {
    if (req.signal?.aborted) {
      reject(new AppError('cancelled', phrase('errors:generic.cancelled')));
      return;
    }
    const lib = req.url.protocol === 'https:' ? https : http;
    // Direct requests share the keep-alive agents; a proxy's agent is made for its route.
    const keepAlive = req.url.protocol === 'https:' ? httpsAgent : httpAgent;
    const options: https.RequestOptions = { method: req.method.toUpperCase(), headers, agent: agentFor(route, req.url, req.proxyConnectTimeoutMs) || keepAlive };
    // Node's `ca` replaces the trusted roots: keep the public ones and add the account's own certificate.
    if (req.tls?.ca) options.ca = [...rootCertificates, req.tls.ca];
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
    outgoing.setTimeout(timeoutMs, () =>
      fail(
        bodySent && streamedBody
          ? new AppError('timeout', phrase('errors:http.noAnswerAfterUpload', { host, seconds: Math.round(answerTimeoutMs / 1000) }))
          : new AppError('timeout', phrase('errors:http.timeout', { host, seconds: Math.round(timeoutMs / 1000) })),
      ),
    );
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
    outgoing.on('proxyConnect', ({ statusCode }: { statusCode: number }) => {
      if (statusCode !== 200 && statusCode !== 407 && route.kind === 'proxy') fail(proxyConnectError(route.proxy, host, statusCode));
    });
    outgoing.on('response', (incoming) => {
      clearTimeout(continueTimer);
      if (incoming.statusCode === 407 && route.kind === 'proxy') {
        incoming.resume();
        fail(proxyAuthError(route.proxy));
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

/**
 * The bytes of an answer that came while the request was still being sent, up to the API body cap. The connection
 * may be dropped by then (the server refuses to read the rest): what arrived before is kept.
 */
function readEarlyAnswer(incoming: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (): void => resolve(Buffer.concat(chunks, total));
    incoming.on('data', (chunk: Buffer) => {
      if (total + chunk.length > DEFAULT_BODY_CAP) {
        incoming.destroy();
        return;
      }
      total += chunk.length;
      chunks.push(chunk);
    });
    incoming.once('end', done);
    incoming.once('error', done);
    incoming.once('close', done);
  });
}

/** Reads a whole (small) body, refusing more than capBytes. */
export async function readBody(res: HttpResponse, capBytes = DEFAULT_BODY_CAP): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const total = await readChunks(res, capBytes, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks, total);
}

/**
 * Reads a whole (small) body as text, as decodeUtf8 would decode it, refusing more than capBytes. An answer that is
 * all ASCII (an API's JSON mostly is) is decoded a chunk at a time as it arrives, without joining the bytes first:
 * for a listing of hundreds of kB that is a third of the time readBody and decodeUtf8 take. `onAsciiText` sees the
 * text so far after each such chunk.
 */
export async function readBodyText(res: HttpResponse, capBytes = DEFAULT_BODY_CAP, what = 'The server', onAsciiText?: (textSoFar: string) => void): Promise<string> {
  const chunks: Buffer[] = [];
  let text = '';
  let ascii = true;
  const total = await readChunks(res, capBytes, (chunk) => {
    chunks.push(chunk);
    ascii &&= isAscii(chunk);
    if (!ascii) return;
    text += chunk.toString('latin1');
    // A caller may act on the start of an answer while the rest is on its way (the next page of a list).
    onAsciiText?.(text);
  });
  return ascii ? text : decodeUtf8(Buffer.concat(chunks, total), what);
}

/** Hands each chunk of a body to `take`, refusing more than capBytes; resolves with the byte count. */
async function readChunks(res: HttpResponse, capBytes: number, take: (chunk: Buffer) => void): Promise<number> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > capBytes) {
    res.body.destroy();
    throw new AppError('too_large', phrase('errors:http.answerTooLargeDeclared', { host: res.host, declared, limit: capBytes }), { status: res.status });
  }
  let total = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > capBytes) {
        res.body.destroy();
        throw new AppError('too_large', phrase('errors:http.answerTooLarge', { host: res.host, limit: capBytes }), { status: res.status });
      }
      take(chunk);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (res.signal?.aborted) throw new AppError('cancelled', phrase('errors:generic.cancelled'));
    throw networkError(err as NodeJS.ErrnoException, res.host);
  }
  return total;
}

/** Decodes a body as UTF-8, refusing bytes that are not valid UTF-8 instead of showing mojibake. */
export function decodeUtf8(body: Buffer, what: PhraseValue = phrase('errors:http.theServer')): string {
  // isUtf8 + toString take about half the time of a fatal TextDecoder on a listing of megabytes; the BOM is dropped
  // as TextDecoder drops it.
  if (!isUtf8(body)) throw new AppError('protocol', phrase('errors:http.notUtf8', { what }));

  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
