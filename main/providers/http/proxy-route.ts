// The one place that picks how a request reaches its server: directly or through an HTTP proxy. The app sets the
// process's route picker once (Settings, the OS's proxy, the environment); the transport asks it for every request.
// The proxy protocol itself is TooTallNate's agents: CONNECT for https (TLS to the origin inside the tunnel, its
// certificate checked as without a proxy), absolute-form requests for http. What they send as Proxy-Authorization,
// and when, is proxy-auth.ts's.
import type http from 'node:http';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { AppError, sayable } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { tlsToProxy, withConnectDeadline, type ProxyConnectOptions, type TlsToProxy } from './proxy-connect.js';
import type { ProxyAuthorization } from './proxy-auth.js';
import { isCertificateRefusal, isTlsFailure } from './network-error.js';

export interface ProxyCredentials {
  username: string;
  password: string;
}

export interface ProxyServer {
  /** http: or https: and the proxy's host and port only (credentials travel separately, never in a URL). */
  url: URL;
  /** Given with the proxy's own address (user:password@ in HTTPS_PROXY), for it alone: sent with every request to it. */
  credentials?: ProxyCredentials;
  /** Settings' user name and password: sent only once this proxy asked for them (proxy-auth.ts). */
  whenAsked?: ProxyCredentials;
  /**
   * Settings has a user name and password, for another proxy (`boundTo`, scheme://host:port) or for none named yet:
   * never sent to this one; its 407 says so, and where to name the proxy.
   */
  heldBack?: { boundTo?: string };
  /** Where the proxy came from, for messages: an environment variable's name ('HTTPS_PROXY') or a phrase (Settings, the system's proxy settings). */
  source: string | Phrase;
}

/**
 * `next`: where to go when this proxy cannot be connected to (refused, unreachable, its name unknown, no connection
 * within the connect timeout), as Chromium falls back along a PAC answer's list ("PROXY a:1; PROXY b:2; DIRECT").
 * An HTTP answer from the proxy (a 407, a 502), or its silence once connected, is the proxy speaking and is never
 * passed over. Without `next`, the proxy's failure is the request's.
 */
export type ProxyRoute = { kind: 'direct' } | { kind: 'proxy'; proxy: ProxyServer; next?: ProxyRoute };
export type RoutePicker = (url: URL) => Promise<ProxyRoute>;

export const DIRECT: ProxyRoute = { kind: 'direct' };

/**
 * How long opening the connection to a proxy (its name looked up, the TCP handshake, and for an https:// proxy the TLS
 * handshake) may take before the proxy is passed over as if it had refused, as browsers pass over a proxy behind a
 * firewall that drops connection attempts (the OS would otherwise retry for minutes). Only the connection: once it is open, the proxy's answer is waited for
 * under the request's own timeout and never passed over.
 */
export const DEFAULT_PROXY_CONNECT_TIMEOUT_MS = 10_000;

let picker: RoutePicker = () => Promise.resolve(DIRECT);

/** One picker for the whole process (set by the app at start-up); undefined goes back to direct connections. */
export function useRoutePicker(next: RoutePicker | undefined): void {
  picker = next ?? (() => Promise.resolve(DIRECT));
}

/** The route for one request; a picker that fails (an unusable system proxy) fails the request in words. */
export async function routeFor(url: URL): Promise<ProxyRoute> {
  try {
    return await picker(url);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('config', phrase('errors:proxy.unresolved', { host: url.host, reason: sayable(err) }));
  }
}

/** host:port of a proxy, as messages name it (never its credentials). */
export function proxyName(proxy: ProxyServer): string {
  return proxy.url.host;
}

/**
 * The agent that carries one request along its route; false: Node's own direct connection, never pooled.
 * `connectTimeoutMs`: the deadline for the connection to the proxy, TCP and for an https:// proxy its TLS handshake
 * (DEFAULT_PROXY_CONNECT_TIMEOUT_MS).
 */
export function agentFor(route: ProxyRoute, target: URL, authorization: ProxyAuthorization | undefined, connectTimeoutMs = DEFAULT_PROXY_CONNECT_TIMEOUT_MS): http.Agent | false {
  if (route.kind === 'direct') return false;
  // A proxy's route always comes with what to send it (answeringProxy makes it); without it the request would go direct.
  if (authorization === undefined) throw new Error(`a request through the proxy ${proxyName(route.proxy)} came without its authorization`);
  // Without user-info in the URL, the agents add no credentials of their own: only what `authorization` gives, asked
  // for each CONNECT and each request head.
  const proxyUrl = new URL(route.proxy.url.origin);
  const headers = (): Record<string, string> => authorization.headers();
  return target.protocol === 'https:' ? new TunnelAgent(proxyUrl, connectTimeoutMs, authorization, { headers }) : new AbsoluteFormAgent(proxyUrl, connectTimeoutMs, { headers });
}

type AbsoluteFormConnect = Parameters<HttpProxyAgent<string>['connect']>;
type AbsoluteFormAgentOptions = ConstructorParameters<typeof HttpProxyAgent<string>>[1];
class AbsoluteFormAgent extends HttpProxyAgent<string> {
  constructor(
    proxy: URL,
    private readonly connectTimeoutMs: number,
    options: AbsoluteFormAgentOptions,
  ) {
    super(proxy, options);
  }

  override async connect(req: AbsoluteFormConnect[0], opts: AbsoluteFormConnect[1]): ReturnType<HttpProxyAgent<string>['connect']> {
    if (this.proxy.protocol !== 'https:') return withConnectDeadline(() => super.connect(req, opts), this.connectTimeoutMs);
    const { connecting, secured } = overTlsToProxy(this, this.connectTimeoutMs, () => super.connect(req, opts));
    const socket = await connecting;
    // The agent hands over its TLS socket once TCP is up, before the handshake: a proxy that never completed it would
    // fail a request that already has its socket, as one that went silent, never passed over. So the request gets
    // the socket only once the handshake is done. The agent no longer listens for the socket's errors: `secured` says
    // how the connection ended, and a TLS failure heard on the socket says why (the TCP socket only sees it close).
    let heard: NodeJS.ErrnoException | undefined;
    const hear = (err: NodeJS.ErrnoException): void => void (heard ??= err);
    socket.on('error', hear);
    const failure = await secured;
    socket.off('error', hear);
    if (failure !== undefined) throw heard !== undefined && isTlsFailure(heard) ? new ProxyTlsError(heard) : failure;
    return socket;
  }
}

/**
 * https-proxy-agent checks the server's certificate against the name it sends as SNI, and sends none for an IP
 * address, so a server reached by its IP would be checked against "localhost". Checked against its own host here.
 */
type AgentConnectOpts = Parameters<HttpsProxyAgent<string>['connect']>[1];
/** The proxy's answer to a CONNECT, as the agent emits it ('proxyConnect'). */
interface ConnectResponse {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
}
type TunnelAgentOptions = ConstructorParameters<typeof HttpsProxyAgent<string>>[1];
class TunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: URL,
    private readonly connectTimeoutMs: number,
    private readonly authorization: ProxyAuthorization,
    options: TunnelAgentOptions,
  ) {
    super(proxy, options);
  }

  /**
   * A 407 to the CONNECT that the Settings' credentials may answer is answered with a second CONNECT, on a new
   * connection, with them: nothing of the request has gone yet. Any other answer is the request's.
   */
  override async connect(req: http.ClientRequest, opts: AgentConnectOpts): ReturnType<HttpsProxyAgent<string>['connect']> {
    const host = (opts.host ?? '').replace(/^\[|\]$/g, '');
    const checked = !opts.secureEndpoint || opts.checkServerIdentity !== undefined ? opts : { ...opts, checkServerIdentity: (_name: string, cert: PeerCertificate) => checkServerIdentity(host, cert) };
    let answer: ConnectResponse | undefined;
    const hear = (connect: ConnectResponse): void => void (answer = connect);
    const before = new Set(req.listeners('socket'));
    req.on('proxyConnect', hear);
    try {
      const socket = await this.connectOnce(req, checked);
      if (answer?.statusCode !== 407 || !this.authorization.answer(answer.headers['proxy-authenticate'])) return socket;
      // The agent replays a refused CONNECT's answer onto the request's socket when it gets one: not this one's now.
      for (const listener of req.listeners('socket')) if (!before.has(listener)) req.removeListener('socket', listener as (...args: unknown[]) => void);
      socket.destroy();
      return await this.connectOnce(req, checked);
    } finally {
      req.off('proxyConnect', hear);
    }
  }

  private connectOnce(req: http.ClientRequest, checked: AgentConnectOpts): ReturnType<HttpsProxyAgent<string>['connect']> {
    if (this.proxy.protocol !== 'https:') return withConnectDeadline(() => super.connect(req, checked), this.connectTimeoutMs);
    // The handshake's failure reaches connect() through the socket (it waits for the CONNECT answer on it). A TLS
    // failure before the proxy's handshake was done is the proxy's: the server's own TLS starts only after it.
    const { connecting, secured } = overTlsToProxy(this, this.connectTimeoutMs, () => super.connect(req, checked));
    return connecting.catch(async (err: NodeJS.ErrnoException) => {
      throw isTlsFailure(err) && (await secured) !== undefined ? new ProxyTlsError(err) : err;
    });
  }
}

/**
 * The TLS of the connection to an https:// proxy failed (its certificate not trusted, or no TLS spoken there). Told
 * apart from the server's TLS inside the tunnel, so that the message names the proxy, not the server: the remedy
 * for each is different. Its code is the TLS error's. Nothing of the request has gone (not even the proxy's
 * credentials), so it is passed over for the next entry of a PAC list, as Chromium passes over
 * ERR_PROXY_CERTIFICATE_INVALID and ERR_SSL_PROTOCOL_ERROR (a captive portal on the proxy's port): the activity log
 * says which proxy and why.
 */
export class ProxyTlsError extends Error {
  readonly code: string | undefined;
  constructor(readonly tlsError: NodeJS.ErrnoException) {
    super(tlsError.message);
    this.name = 'ProxyTlsError';
    this.code = tlsError.code;
  }
}

/**
 * Runs an agent's connect() to an https:// proxy over a TCP socket made for it, with the connect deadline
 * (proxy-connect.ts). The agents read their options when they call tls.connect, synchronously in connect(): the
 * options with that socket are theirs only meanwhile, so a second connect() makes its own.
 */
function overTlsToProxy<T>(agent: { connectOpts: ProxyConnectOptions }, timeoutMs: number, connect: () => T): { connecting: T; secured: TlsToProxy['secured'] } {
  const shared = agent.connectOpts;
  const { options, secured } = tlsToProxy(shared, timeoutMs);
  agent.connectOpts = options;
  try {
    return { connecting: connect(), secured };
  } finally {
    agent.connectOpts = shared;
  }
}

/**
 * A proxy that could not be connected to at all, or whose TLS failed before anything was sent through it: the next
 * entry of its route, if there is one, is tried.
 */
export function isProxyUnreachable(err: NodeJS.ErrnoException): boolean {
  return err instanceof ProxyTlsError || ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT'].includes(err.code ?? '');
}

/** Why a proxy was passed over, for the activity log: no connection, a certificate not trusted, or TLS that failed. */
export type PassedOverBecause = 'unreachable' | 'untrusted' | 'tlsFailed';
export function whyPassedOver(err: NodeJS.ErrnoException): PassedOverBecause {
  if (!(err instanceof ProxyTlsError)) return 'unreachable';
  return isCertificateRefusal(err) ? 'untrusted' : 'tlsFailed';
}

/** A proxy of a route that could not be connected to, and why: the error's code (ECONNREFUSED, ENOTFOUND…). */
export interface UnreachableProxy {
  proxy: ProxyServer;
  code: string;
}

/**
 * Every entry of a route with several failed: one sentence naming each proxy (host:port) and its code, so the last
 * one's failure is not taken for the only one. `direct`: how the route's final DIRECT failed, when it had one.
 */
export function noProxyReachableError(failed: readonly UnreachableProxy[], direct?: AppError): AppError {
  const proxies = failed.map(({ proxy, code }) => `${proxyName(proxy)} (${code})`);
  const source = failed[0]?.proxy.source ?? '';
  if (direct === undefined) return new AppError('network', phrase('errors:proxy.noneReachable', { source, proxies }));
  return new AppError(direct.code, phrase('errors:proxy.noneReachableNorDirect', { source, proxies, reason: sayable(direct) }), direct.details);
}

/**
 * A socket failure on a proxied request, when it is about the proxy: through it, a server's own failures come as
 * answers (502) or as TLS errors (undefined here: the transport says those as without a proxy).
 */
export function proxyNetworkError(proxy: ProxyServer, host: string, err: NodeJS.ErrnoException): AppError | undefined {
  const via = { proxy: proxyName(proxy), source: proxy.source };
  if (err instanceof ProxyTlsError) {
    const code = err.code ?? 'TLS';
    return new AppError('network', phrase(isCertificateRefusal(err) ? 'errors:proxy.untrusted' : 'errors:proxy.tlsFailed', { ...via, code }));
  }
  switch (err.code) {
    case 'ECONNREFUSED':
      return new AppError('network', phrase('errors:proxy.connectionRefused', via));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AppError('network', phrase('errors:proxy.nameNotFound', via));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return new AppError('network', phrase('errors:proxy.unreachable', { ...via, code: err.code }));
    case 'ECONNRESET':
    case 'EPIPE':
      return new AppError('network', phrase('errors:proxy.dropped', { ...via, host }));
    default:
      return undefined;
  }
}

/** The proxy would not open a tunnel to the server (502 when it cannot reach it, 403 when its rules forbid it). */
export function proxyConnectError(proxy: ProxyServer, host: string, status: number): AppError {
  return new AppError('network', phrase('errors:proxy.noTunnel', { proxy: proxyName(proxy), source: proxy.source, host, status }));
}

/**
 * No answer came through a proxy in time. The proxy is named beside the server: from here the two cannot be told
 * apart (a proxy that takes requests and never passes on an answer looks like a slow server), and the proxy is what
 * the user can check.
 */
export function noAnswerThroughProxyError(proxy: ProxyServer, host: string, seconds: number, afterUpload: boolean): AppError {
  const values = { host, seconds, proxy: proxyName(proxy), source: proxy.source };
  return new AppError('timeout', phrase(afterUpload ? 'errors:proxy.noAnswerAfterUpload' : 'errors:proxy.noAnswer', values));
}

export function proxyTimeoutError(proxy: ProxyServer, timeoutMs: number): AppError {
  return new AppError('timeout', phrase('errors:proxy.timeout', { proxy: proxyName(proxy), source: proxy.source, seconds: Math.round(timeoutMs / 1000) }));

}
