// Proxy authentication as Chromium does it (HttpProxyClientSocket, HttpAuthCache): the user name and password from
// Settings go to a proxy only after that proxy asked for them (407 with Proxy-Authenticate: Basic), then to that
// proxy (scheme, host and port) at once, for the life of the process. Why not ahead of time: a route names proxies
// the user never chose (a PAC answer, which may come from the network; the next entry an attacker on the path reaches
// by making the first fail), and a plain http:// proxy reads the header in clear. Credentials a proxy's own URL
// carries (HTTPS_PROXY=http://user:pass@host) were given for that proxy alone and go with every request to it.
// A CONNECT's 407 is answered by the tunnel agent with a second CONNECT (proxy-route.ts); an absolute-form request's
// by sending the request again (answeringProxy), its body made again as for a server's 401 (auth-send.ts).
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { basicAuth, parseChallenges } from './http-auth.js';
import type { ProxyUnreachable } from './proxy-fallback.js';
import { proxyName, type ProxyCredentials, type ProxyRoute, type ProxyServer } from './proxy-route.js';

/** Proxies (URL origin: scheme, host, port) that asked for credentials with a Basic challenge. */
const asked = new Set<string>();
/** Proxies that asked and were told the Settings' credentials are not theirs, said to the log once. */
const heldBackSaid = new Set<string>();

/** Forgets which proxies asked (tests; a process otherwise keeps them to its end, as Chromium keeps its cache). */
export function forgetProxyChallenges(): void {
  asked.clear();
  heldBackSaid.clear();
}

/**
 * A route whose proxy named `boundTo` (URL origin: scheme://host:port), if it brings no credentials of its own, is
 * offered these, sent once it asks; every other proxy of it is told they are held back (a PAC answer may name any
 * proxy, and any of them could answer 407). `boundTo` undefined: no proxy is named, so none is offered them.
 */
export function offeringCredentials(route: ProxyRoute, credentials: ProxyCredentials, boundTo: string | undefined): ProxyRoute {
  if (route.kind === 'direct') return route;
  const { proxy: given } = route;
  const bound = boundTo !== undefined && given.url.origin === boundTo;
  const proxy = given.credentials !== undefined ? given : bound ? { ...given, whenAsked: credentials } : { ...given, heldBack: boundTo !== undefined ? { boundTo } : {} };
  return { kind: 'proxy', proxy, ...(route.next ? { next: offeringCredentials(route.next, credentials, boundTo) } : {}) };
}

/** The proxy answered 407 (to a CONNECT or a request): its challenges. The request's body, if any, was stopped. */
export class ProxyAsked {
  constructor(readonly challenges: string | string[] | undefined) {}
}

/**
 * A proxy that asked, and had the Settings' credentials sent to it again, or (`heldBack`) was not sent them, as they
 * are for another proxy or for none named yet: heard when it happens.
 */
export interface ProxyAskRecord {
  method: string;
  where: string;
  /** host:port of the proxy: never its credentials. */
  proxy: string;
  /** scheme://host:port of the proxy, as Settings names one. */
  origin: string;
  source: string | Phrase;
  /** A plain http:// request: its 407 could be the server's, passed on by the proxy (indistinguishable from here). */
  plain: boolean;
  heldBack?: { boundTo?: string };
}
let proxyAskObserver: ((record: ProxyAskRecord) => void) | undefined;

/** One observer for the whole process (the app's activity log), as for observeProxySkips. */
export function observeProxyAsks(observer: ((record: ProxyAskRecord) => void) | undefined): void {
  proxyAskObserver = observer;
}

/**
 * What one request sends one proxy as Proxy-Authorization (the agents ask for each CONNECT or request head), and
 * what it sent last, so that a 407 after credentials is said as a refusal and never answered again.
 */
export class ProxyAuthorization {
  sent: ProxyCredentials | undefined;
  /** A 407 was answered with the Settings' credentials (the proxy test says so). */
  answered = false;

  constructor(
    private readonly proxy: ProxyServer,
    private readonly onAsked: () => void,
  ) {}

  headers(): Record<string, string> {
    const { credentials, whenAsked } = this.proxy;
    this.sent = credentials ?? (whenAsked !== undefined && asked.has(this.proxy.url.origin) ? whenAsked : undefined);
    return this.sent ? { 'Proxy-Authorization': basicAuth(this.sent.username, this.sent.password) } : {};
  }

  /**
   * A 407 to what was sent last: true when the Settings' credentials may answer it (none were sent, the proxy offers
   * Basic), and the proxy is remembered as one that asked; false: the 407 is the request's answer.
   */
  answer(challenges: string | string[] | undefined): boolean {
    if (this.sent !== undefined || this.proxy.whenAsked === undefined) return false;
    if (!parseChallenges(challenges).some((c) => c.scheme === 'basic')) return false;
    asked.add(this.proxy.url.origin);
    this.answered = true;
    this.onAsked();
    return true;
  }
}

export interface AskingRequest {
  method: string;
  where: string;
  /** The body can be sent again (none, a buffer, file pieces), as a server's 401 sends it again; a stream cannot. */
  remade: boolean;
  /** An http:// target: its 407 came on the request itself, so it may be the server's (said in the log). */
  plain: boolean;
}

/**
 * Sends a request along one entry of its route, answering the proxy's 407 once: a CONNECT's in the tunnel agent, an
 * absolute-form request's here by sending it again. A 407 after credentials were sent, or one that cannot be
 * answered, fails in words that name the proxy (proxyAuthError).
 */
export async function answeringProxy<T>(route: ProxyRoute, request: AskingRequest, send: (authorization: ProxyAuthorization | undefined) => Promise<T | ProxyUnreachable | ProxyAsked>): Promise<T | ProxyUnreachable> {
  if (route.kind === 'direct') return noAsk(await send(undefined));
  const { proxy } = route;
  const record = { method: request.method, where: request.where, proxy: proxyName(proxy), origin: proxy.url.origin, source: proxy.source, plain: request.plain };
  const authorization = new ProxyAuthorization(proxy, () => proxyAskObserver?.(record));
  const first = await send(authorization);
  if (!(first instanceof ProxyAsked)) return first;
  // Said once per proxy: each request it refuses says so again in its own failure.
  if (proxy.heldBack !== undefined && !heldBackSaid.has(proxy.url.origin)) {
    heldBackSaid.add(proxy.url.origin);
    proxyAskObserver?.({ ...record, heldBack: proxy.heldBack });
  }
  if (!authorization.answer(first.challenges) || !request.remade) throw proxyAuthError(proxy, authorization.sent);
  const second = await send(authorization);
  if (second instanceof ProxyAsked) throw proxyAuthError(proxy, authorization.sent);
  return second;
}

/** A direct request's 407 is its server's answer: send-along says ProxyAsked only on a proxy's route. */
function noAsk<T>(outcome: T | ProxyUnreachable | ProxyAsked): T | ProxyUnreachable {
  if (outcome instanceof ProxyAsked) throw new Error('a 407 without a proxy was taken for the proxy asking');
  return outcome;
}

/** A 407 from the proxy: the proxy's name and where it came from, the user name if one was sent, never the password. */
export function proxyAuthError(proxy: ProxyServer, sent: ProxyCredentials | undefined): AppError {
  const values = { proxy: proxyName(proxy), source: proxy.source };
  if (sent) return new AppError('unauthorized', phrase('errors:proxy.refusedCredentials', { ...values, username: sent.username }));
  const { heldBack } = proxy;
  if (heldBack === undefined) return new AppError('unauthorized', phrase('errors:proxy.asksCredentials', values));
  const origin = { ...values, origin: proxy.url.origin };
  return new AppError('unauthorized', heldBack.boundTo !== undefined ? phrase('errors:proxy.asksHeldBack', { ...origin, boundTo: heldBack.boundTo }) : phrase('errors:proxy.asksUnnamed', origin));
}
