// Chromium's answer to "which proxy for this URL" (Electron's session.resolveProxy): a PAC-style list such as
// "DIRECT", "PROXY host:port; DIRECT", "HTTPS host:port", "SOCKS5 host:port". The entries Media Desk can use are
// tried in order, as Chromium tries them: a proxy that cannot be connected to hands over to the next (proxy-fallback.ts
// does that), and DIRECT is only taken when the list names it. SOCKS (and QUIC) entries are skipped, and a list of
// nothing else fails in words.
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { DIRECT, type ProxyRoute } from './proxy-route.js';
import { proxyServerFromUrl } from './proxy-env.js';

const SOURCE = phrase('errors:proxy.source.system');

export function routeFromPac(answer: string, url: URL): ProxyRoute {
  const skipped: string[] = [];
  const usable: ProxyRoute[] = [];
  for (const entry of answer.split(';').map((e) => e.trim()).filter((e) => e !== '')) {
    const [kind = '', address = ''] = entry.split(/\s+/, 2);
    const upper = kind.toUpperCase();
    if (upper === 'DIRECT') {
      usable.push(DIRECT);
      // A failure to reach the server directly is the server's: nothing after DIRECT is ever tried.
      break;
    }
    if (upper === 'PROXY' || upper === 'HTTPS') {
      usable.push({ kind: 'proxy', proxy: proxyServerFromUrl(`${upper === 'PROXY' ? 'http' : 'https'}://${address}`, SOURCE) });
    } else {
      skipped.push(entry);
    }
  }
  // Each entry falls back to the one after it.
  const chained = usable.reduceRight<ProxyRoute | undefined>((next, route) => (route.kind === 'proxy' && next ? { ...route, next } : route), undefined);
  if (chained) return chained;
  if (skipped.length === 0) return DIRECT;
  const socks = skipped.some((e) => /^SOCKS/i.test(e));
  throw new AppError(
    'config',
    phrase(socks ? 'errors:proxy.systemSocks' : 'errors:proxy.systemUnsupported', { host: url.host, proxies: skipped.join(', ') }),

  );
}
