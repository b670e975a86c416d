// HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY as curl reads them, for the browser host and the CLI:
// - the lower-case name wins over the upper-case one (curl reads only http_proxy in lower case; HTTP_PROXY is read
//   here too, as this is not a CGI program that could get it from a request's Proxy header);
// - a proxy URL without a scheme is http://; its user:password (percent-decoded) become Proxy-Authorization;
// - NO_PROXY: "*" bypasses everything; "example.com" and ".example.com" match the host and every subdomain; an IP
//   or a CIDR range matches addresses; an entry with ":port" only that port. As in curl, loopback (localhost,
//   127.0.0.1, ::1) goes through the proxy too unless NO_PROXY lists it.
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { bypassEntries } from '../../common/proxy.js';
import { DIRECT, type ProxyRoute, type ProxyServer, type RoutePicker } from './proxy-route.js';

type Env = Record<string, string | undefined>;

function envValue(env: Env, name: string): { name: string; value: string } | undefined {
  for (const key of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[key]?.trim();
    if (value) return { name: key, value };
  }
  return undefined;
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** Whether a bypass list (NO_PROXY, or the one in Settings) sends this URL straight to its server. */
export function isBypassed(list: string, url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  const port = defaultPort(url);
  const hostIsIp = isIP(host) !== 0;
  return bypassEntries(list.toLowerCase()).some((raw) => {
    if (raw === '*') return true;
    let entry = raw;
    let entryPort: number | undefined;
    // "host:port" and "[v6]:port"; a bare IPv6 address has colons but no port.
    const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
    if (withPort?.[1] !== undefined && withPort[2] !== undefined) {
      entry = withPort[1];
      entryPort = Number(withPort[2]);
    }
    if (entryPort !== undefined && entryPort !== port) return false;
    entry = entry.replace(/^\[|\]$/g, '');
    const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    if (cidr?.[1] !== undefined && cidr[2] !== undefined) return hostIsIp && inRange(host, cidr[1], Number(cidr[2]));
    if (isIP(entry) !== 0) return hostIsIp && inRange(host, entry, isIP(entry) === 4 ? 32 : 128);
    const domain = entry.replace(/^\*?\.?/, '').replace(/\.$/, '');
    return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
  });
}

function inRange(address: string, network: string, bits: number): boolean {
  const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
  if (isIP(network) === 0 || isIP(address) !== isIP(network) || bits > (family === 'ipv4' ? 32 : 128)) return false;
  const list = new BlockList();
  list.addSubnet(network, bits, family);
  return list.check(address, family);
}

/** A proxy URL from the environment or a PAC answer: http(s) only, host and port kept, user-info as credentials. */
export function proxyServerFromUrl(raw: string, source: string | Phrase): ProxyServer {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('config', phrase('errors:proxy.badAddress', { source }));
  }
  if (url.protocol.startsWith('socks')) {
    throw new AppError('config', phrase('errors:proxy.socks', { source, host: url.host }));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('config', phrase('errors:proxy.badScheme', { source, scheme: url.protocol }));
  }
  const server: ProxyServer = { url: new URL(url.origin), source };
  if (url.username !== '' || url.password !== '') {
    try {
      server.credentials = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
    } catch {
      throw new AppError('config', phrase('errors:proxy.badEncoding', { source }));

    }
  }
  return server;
}

/** The route picker of the environment's proxy variables (read once: a process's environment does not change). */
export function proxyFromEnv(env: Env): RoutePicker {
  const httpsProxy = envValue(env, 'https_proxy') ?? envValue(env, 'all_proxy');
  const httpProxy = envValue(env, 'http_proxy') ?? envValue(env, 'all_proxy');
  const noProxy = envValue(env, 'no_proxy')?.value ?? '';
  return (url) => {
    const chosen = url.protocol === 'https:' ? httpsProxy : httpProxy;
    if (chosen === undefined || isBypassed(noProxy, url)) return Promise.resolve(DIRECT);
    try {
      const route: ProxyRoute = { kind: 'proxy', proxy: proxyServerFromUrl(chosen.value, chosen.name) };
      return Promise.resolve(route);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  };
}
