// Chromium's answer to "which proxy for this URL" (Electron's session.resolveProxy): a PAC-style list such as
// "DIRECT", "PROXY host:port; DIRECT", "HTTPS host:port", "SOCKS5 host:port". The first entry Media Desk can use
// wins; SOCKS (and QUIC) entries are skipped, and a list of nothing else fails in words. Chromium would fall back
// to the next entry when a proxy does not answer; here the first usable one is used, and its failure is reported.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { DIRECT, type ProxyRoute } from './proxy-route.js';
import { proxyServerFromUrl } from './proxy-env.js';

const SOURCE = phrase('errors:proxy.source.system');

export function routeFromPac(answer: string, url: URL): ProxyRoute {
  const skipped: string[] = [];
  for (const entry of answer.split(';').map((e) => e.trim()).filter((e) => e !== '')) {
    const [kind = '', address = ''] = entry.split(/\s+/, 2);
    switch (kind.toUpperCase()) {
      case 'DIRECT':
        return DIRECT;
      case 'PROXY':
        return { kind: 'proxy', proxy: proxyServerFromUrl(`http://${address}`, SOURCE) };
      case 'HTTPS':
        return { kind: 'proxy', proxy: proxyServerFromUrl(`https://${address}`, SOURCE) };
      default:
        skipped.push(entry);
    }
  }
  if (skipped.length === 0) return DIRECT;
  const socks = skipped.some((e) => /^SOCKS/i.test(e));
  throw new AppError(
    'config',
    phrase(socks ? 'errors:proxy.systemSocks' : 'errors:proxy.systemUnsupported', { host: url.host, proxies: skipped.join(', ') }),

  );
}
