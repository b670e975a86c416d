// Settings → Network's "Test proxy": main sends one HEAD to the origin of the chosen account's server (its upload
// URL's, for a generic account) along the saved route, as every request goes, and says what happened in words:
// directly or through which proxy (and any passed over), whether the proxy asked for the Settings' user name and
// password (407) and got them, the answer or the failure (a refusal, a certificate not trusted), and the time taken.
// The window only names the account: what is contacted is main's to decide.
import type { AccountConfig } from '../common/accounts.js';
import type { ProxyTestResult } from '../common/methods/core.js';
import { sayable, toAppError, wordsOf } from '../common/errors.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import { send, type RouteTrace } from '../providers/http/transport.js';
import { proxyName } from '../providers/http/proxy-route.js';
import { uploadOrigin } from './connection-test.js';

const TEST_TIMEOUT_MS = 10_000;

/** The server a test reaches for an account: its origin only, never a path a template could fill. */
function serverOf(config: AccountConfig): URL | undefined {
  switch (config.kind) {
    case 'generic':
      return uploadOrigin(config);
    case 'library':
      return new URL(new URL(config.serverUrl).origin);
    case 'twilio':
      return new URL(new URL(config.baseUrl).origin);
  }
}

export async function testProxy(config: AccountConfig): Promise<ProxyTestResult> {
  const url = serverOf(config);
  if (!url) return { ok: false, lines: [wordsOf(phrase('errors:accounts.test.uploadUrl'))] };
  const trace: RouteTrace = { passedOver: [] };
  const started = Date.now();
  const ms = () => Date.now() - started;
  const tls = config.trustedCertificate ? { ca: config.trustedCertificate } : undefined;
  try {
    const res = await send({ method: 'HEAD', url, timeoutMs: TEST_TIMEOUT_MS, trace, ...(tls ? { tls } : {}) });
    res.body.resume();
    return { ok: true, lines: [...routeLines(trace, url.host), phrase('errors:proxy.test.answered', { host: url.host, status: res.status, ms: ms() })].map(wordsOf) };
  } catch (err) {
    return { ok: false, lines: [...routeLines(trace, url.host), phrase('errors:proxy.test.failed', { ms: ms(), reason: sayable(toAppError(err)) })].map(wordsOf) };
  }
}

function routeLines(trace: RouteTrace, host: string): Phrase[] {
  const lines = trace.passedOver.map(({ proxy, code }) => phrase('errors:proxy.test.passedOver', { proxy, code }));
  const { route, authorization } = trace;
  if (route === undefined) return lines;
  if (route.kind === 'direct') return [...lines, phrase('errors:proxy.test.direct', { host })];
  lines.push(phrase('errors:proxy.test.via', { proxy: proxyName(route.proxy), source: route.proxy.source, host }));
  if (authorization?.answered === true) lines.push(phrase('errors:proxy.test.answered407'));
  else if (authorization?.sent !== undefined) lines.push(phrase(route.proxy.credentials !== undefined ? 'errors:proxy.test.ownCredentials' : 'errors:proxy.test.sentAtOnce'));
  return lines;
}
