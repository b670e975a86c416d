// Walking a route's list of entries ("PROXY a:1; PROXY b:2; DIRECT"), as Chromium falls back along a PAC answer: a
// proxy that could not be connected to, or whose TLS failed (nothing of the request had gone), hands over to the
// next entry, and each one passed over is said to the activity log; a list whose every entry failed is said as such.
// Sending along one entry is the transport's (transport.ts); which failures allow the next entry is proxy-route.ts's.
import { AppError } from '../../common/errors.js';
import type { Phrase } from '../../common/i18n/phrase.js';
import { noProxyReachableError, proxyName, whyPassedOver, type PassedOverBecause, type ProxyRoute, type ProxyServer, type UnreachableProxy } from './proxy-route.js';

/** The route's proxy could not be connected to (nothing of the request has gone): its next entry may carry it. */
export class ProxyUnreachable {
  constructor(
    readonly proxy: ProxyServer,
    readonly next: ProxyRoute | undefined,
    readonly err: NodeJS.ErrnoException,
  ) {}
}

/**
 * A proxy of the request's route passed over for the next entry, because it could not be connected to or its TLS
 * failed (nothing of the request had gone). Heard when it happens, before the request's own outcome.
 */
export interface ProxySkipRecord {
  method: string;
  where: string;
  /** host:port of the proxy passed over: never its credentials. */
  proxy: string;
  /** Where that proxy came from: an environment variable's name or a phrase (Settings, the system's proxy settings). */
  source: string | Phrase;
  /** The connection's error code: ECONNREFUSED, EHOSTUNREACH, ENOTFOUND, or the TLS error's (DEPTH_ZERO_SELF_SIGNED_CERT…) */
  code: string;
  because: PassedOverBecause;
  /** host:port of the proxy tried next; undefined: a direct connection, which the route's list allows. */
  nextProxy?: string;
}
let proxySkipObserver: ((record: ProxySkipRecord) => void) | undefined;

/** One observer for the whole process (the app's activity log), as for observeRequests. */
export function observeProxySkips(observer: ((record: ProxySkipRecord) => void) | undefined): void {
  proxySkipObserver = observer;
}

export interface RouteWalk<T> {
  /** The request as the activity log names it (method in capitals; origin and path, never a secret). */
  method: string;
  where: string;
  /** Sends the request along one entry: its answer, or ProxyUnreachable when that entry's proxy could not be connected to. */
  attempt: (route: ProxyRoute) => Promise<T | ProxyUnreachable>;
  /** The request's error when the only proxy tried could not be connected to (and the list has nothing after it). */
  unreachable: (proxy: ProxyServer, err: NodeJS.ErrnoException) => AppError;
}

/** Tries the route's entries in order until one carries the request; fails in words that name every entry that failed. */
export async function alongRoute<T>(first: ProxyRoute, walk: RouteWalk<T>): Promise<T> {
  const skipped: UnreachableProxy[] = [];
  for (let route = first; ; ) {
    let outcome: T | ProxyUnreachable;
    try {
      outcome = await walk.attempt(route);
    } catch (err) {
      // The list's final DIRECT failed after its proxies: the error says every entry failed, not only the last.
      if (route.kind === 'direct' && skipped.length > 0 && err instanceof AppError && (err.code === 'network' || err.code === 'timeout')) throw noProxyReachableError(skipped, err);
      throw err;
    }
    if (!(outcome instanceof ProxyUnreachable)) return outcome;
    const { proxy, next, err } = outcome;
    skipped.push({ proxy, code: err.code ?? '' });
    if (next === undefined) throw skipped.length > 1 ? noProxyReachableError(skipped) : walk.unreachable(proxy, err);
    const nextProxy = next.kind === 'proxy' ? { nextProxy: proxyName(next.proxy) } : {};
    proxySkipObserver?.({ method: walk.method, where: walk.where, proxy: proxyName(proxy), source: proxy.source, code: err.code ?? '', because: whyPassedOver(err), ...nextProxy });
    route = next;
  }
}
