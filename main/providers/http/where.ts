// Where a request goes, as messages and logs may say it (never a secret of its URL), and the rule that secrets go
// only over https or to loopback.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import type { HttpRequest } from './http-request.js';
import { proxyName, type ProxyServer } from './proxy-route.js';

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

/** The server's host as messages name it: from the display URL when the request has one. */
export function hostOf(req: HttpRequest): string {
  return req.displayUrl !== undefined ? displayHost(req.displayUrl) : req.url.host;
}

/** What the activity log names of a request: origin and path, never a query. */
export function whereOf(req: HttpRequest): string {
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

/**
 * Throws 'insecure' when a secret bound for `host` over plain http would pass through a proxy that is not on this
 * machine. "Allow insecure http" is the user's consent for the account's own server only: a proxy (which Settings or
 * the system names, and the window can change) reads every byte of a plain-http request, so it is never covered.
 */
export function assertSecretThroughProxy(proxy: ProxyServer, host: string): void {
  if (isLoopbackHost(proxy.url.hostname)) return;
  throw new AppError('insecure', phrase('errors:http.insecureProxy', { host, proxy: proxyName(proxy), source: proxy.source }));
}
