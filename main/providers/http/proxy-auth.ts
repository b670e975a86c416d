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

/** Forgets which proxies asked (tests; a process otherwise keeps them to its end, as Chromium keeps its cache). */
export function forgetProxyChallenges(): void {
  asked.clear();
}

/** A route whose proxies that bring no credentials of their own are offered these, sent once a proxy asks. */
export function offeringCredentials(route: ProxyRoute, credentials: ProxyCredentials): ProxyRoute {
  if (route.kind === 'direct') return route;
  const proxy = route.proxy.credentials === undefined ? { ...route.proxy, whenAsked: credentials } : route.proxy;
  return { kind: 'proxy', proxy, ...(route.next ? { next: offeringCredentials(route.next, credentials) } : {}) };
}

/** The proxy answered 407 (to a CONNECT or a request): its challenges. The request's body, if any, was stopped. */
export class ProxyAsked {
  constructor(readonly challenges: string | string[] | undefined) {}
}

/** A proxy that asked, and had the Settings' credentials sent to it again: heard when it happens. */
export interface ProxyAskRecord {
  method: string;
  where: string;
  /** host:port of the proxy: never its credentials. */
  proxy: string;
  source: string | Phrase;
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
    this.onAsked();
    return true;
  }
}

export interface AskingRequest {
  method: string;
  where: string;
  /** The body can be sent again (none, a buffer, file pieces), as a server's 401 sends it again; a stream cannot. */
  remade: boolean;
}

/**
 * Sends a request along one entry of its route, answering the proxy's 407 once: a CONNECT's in the tunnel agent, an
 * absolute-form request's here by sending it again. A 407 after credentials were sent, or one that cannot be
 * answered, fails in words that name the proxy (proxyAuthError).
 */
export async function answeringProxy<T>(route: ProxyRoute, request: AskingRequest, send: (authorization: ProxyAuthorization | undefined) => Promise<T | ProxyUnreachable | ProxyAsked>): Promise<T | ProxyUnreachable> {
  if (route.kind === 'direct') return noAsk(await send(undefined));
  const { proxy } = route;
  const authorization = new ProxyAuthorization(proxy, () => proxyAskObserver?.({ method: request.method, where: request.where, proxy: proxyName(proxy), source: proxy.source }));
  const first = await send(authorization);
  if (!(first instanceof ProxyAsked)) return first;
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
  return new AppError('unauthorized', sent ? phrase('errors:proxy.refusedCredentials', { ...values, username: sent.username }) : phrase('errors:proxy.asksCredentials', values));
}
