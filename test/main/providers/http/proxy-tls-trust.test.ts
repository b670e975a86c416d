// An `HTTPS host:port` proxy (TLS to the proxy itself) whose certificate the app does not trust, or which speaks no
// TLS at all, fails the request with words that name the proxy, for http and https servers alike; in a PAC list it
// is passed over for the next entry, as Chromium does, and the activity log says why. Before, an http
// request said the connection to the server "was dropped", and an https one blamed the server's certificate and
// told the user to add it to the account: the wrong remedy, for a certificate that was the proxy's. One that asks
// for credentials gets Settings' on its 407 only once its certificate was verified.
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetProxyChallenges, offeringCredentials } from '../../../../main/providers/http/proxy-auth';
import { routeFromPac } from '../../../../main/providers/http/proxy-pac';
import { useRoutePicker } from '../../../../main/providers/http/proxy-route';
import { readBody, send } from '../../../../main/providers/http/transport';
import { logged } from '../../../helpers/logged-requests';
import { startTestProxy, type TestProxy } from '../../../helpers/test-proxy';
import { hostOf, useProxyTargets } from './proxy-targets';

const targets = useProxyTargets();
const PROXY_SETTINGS = 'the system proxy settings';

/** The https:// proxy under test: the same real proxy as the others, behind TLS with the test certificate. */
let secureProxy: TestProxy;
/** A plain http:// proxy, listed as an `HTTPS` entry: it answers a TLS hello with HTTP. */
let plainProxy: TestProxy;
/** An https:// proxy that asks for ALICE. */
let askingProxy: TestProxy;
const ALICE = { username: 'alice', password: 'tls-only' };
beforeAll(async () => {
  secureProxy = await startTestProxy({ tls: { cert: targets.cert.cert, key: targets.cert.key } });
  plainProxy = await startTestProxy();
  askingProxy = await startTestProxy({ tls: { cert: targets.cert.cert, key: targets.cert.key }, credentials: ALICE });
});
afterAll(async () => {
  await secureProxy.close();
  await plainProxy.close();
  await askingProxy.close();
});

// Trusting the proxy's certificate for one test, as a certificate from a public CA would be: the agents' tls.connect
// to the proxy takes no `ca` of the request's (that one is for the server), and Node's roots are fixed.
let trustProxy = false;
const connectTls = tls.connect.bind(tls) as (options: tls.ConnectionOptions) => tls.TLSSocket;
beforeAll(() => {
  vi.spyOn(tls, 'connect').mockImplementation(((options: tls.ConnectionOptions) =>
    connectTls(trustProxy && [secureProxy.port, askingProxy.port].includes(Number(options.port)) ? { ...options, ca: [...tls.rootCertificates, targets.cert.cert] } : options)) as typeof tls.connect);
});
afterAll(() => vi.restoreAllMocks());
afterEach(() => void (trustProxy = false));

/** A GET through `pac`; the server's own certificate (the same test certificate) is trusted for the server. */
async function through(pac: string, scheme: 'http' | 'https', offered?: typeof ALICE): Promise<{ answer?: string; error?: unknown; secureSaw: number; openSaw: number }> {
  useRoutePicker((url) => Promise.resolve(offered ? offeringCredentials(routeFromPac(pac, url), offered, `https://127.0.0.1:${askingProxy.port}`) : routeFromPac(pac, url)));
  const target = hostOf(scheme === 'http' ? targets.plain : targets.secure);
  const seen = { secure: secureProxy.seenFor(target).length, open: targets.open.seenFor(target).length };
  const outcome = await send({ method: 'GET', url: new URL(`${scheme}://${target}/trust`), tls: { ca: targets.cert.cert }, timeoutMs: 3000 }).then(
    async (res) => ({ answer: `${res.status} ${(await readBody(res)).toString()}` }),
    (error: unknown) => ({ error }),
  );
  return { ...outcome, secureSaw: secureProxy.seenFor(target).length - seen.secure, openSaw: targets.open.seenFor(target).length - seen.open };
}

const untrusted = (port: number, code: string) =>
  `The proxy 127.0.0.1:${port} (from ${PROXY_SETTINGS}) presented a certificate this app does not trust (${code}). Nothing was sent through it.`;

describe("an 'HTTPS host:port' proxy whose certificate is not trusted", () => {
  it.each(['http', 'https'] as const)('%s: fails naming the proxy and its certificate, and nothing reaches the server', async (scheme) => {
    const out = await through(`HTTPS 127.0.0.1:${secureProxy.port}`, scheme);
    expect(out.error).toMatchObject({ code: 'network', message: expect.stringMatching(/^The proxy 127\.0\.0\.1:\d+ \(from/) });
    const { message } = out.error as Error;
    const code = /does not trust \(([A-Z_]+)\)/.exec(message)?.[1] ?? '';
    expect(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN']).toContain(code);
    expect(message).toBe(untrusted(secureProxy.port, code));
    // The server's certificate was trusted all along: the words must not send the user to the account's certificate.
    expect(message).not.toContain(hostOf(targets.secure));
    expect(out.secureSaw).toBe(0);
  });

  it('is passed over for the next entry of a PAC list, as Chromium does, and the activity log says why', async () => {
    let out: Awaited<ReturnType<typeof through>> | undefined;
    const lines = await logged(async () => void (out = await through(`HTTPS 127.0.0.1:${secureProxy.port}; PROXY 127.0.0.1:${targets.open.port}; DIRECT`, 'https')));
    expect(out).toMatchObject({ answer: '200 hello /trust', secureSaw: 0, openSaw: 1 });
    expect(lines[0]).toMatch(
      new RegExp(
        `^warn http GET https://${hostOf(targets.secure)}/trust: passed over the proxy 127\\.0\\.0\\.1:${secureProxy.port} \\(from ${PROXY_SETTINGS}\\), whose certificate this app does not trust \\(nothing was sent through it\\) \\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\\); trying the proxy 127\\.0\\.0\\.1:${targets.open.port} next\\.$`,
      ),
    );
  });

  it('is named with its certificate error when no entry of the list could carry the request', async () => {
    const out = await through(`HTTPS 127.0.0.1:${secureProxy.port}; HTTPS 127.0.0.1:${plainProxy.port}`, 'http');
    expect((out.error as Error).message).toMatch(
      new RegExp(`^No proxy from ${PROXY_SETTINGS} could be reached: 127\\.0\\.0\\.1:${secureProxy.port} \\((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\\) and 127\\.0\\.0\\.1:${plainProxy.port} \\((ERR_SSL_[A-Z_]+|EPROTO)\\)\\.`),
    );
    expect(out.secureSaw).toBe(0);
  });

  it.each(['http', 'https'] as const)('%s: once its certificate is trusted, the same proxy carries the request', async (scheme) => {
    trustProxy = true;
    const out = await through(`HTTPS 127.0.0.1:${secureProxy.port}`, scheme);
    expect(out).toMatchObject({ answer: '200 hello /trust', secureSaw: 1 });
  });
});

describe("an 'HTTPS host:port' entry whose proxy speaks no TLS", () => {
  // OpenSSL's error comes as ERR_SSL_WRONG_VERSION_NUMBER when read, as EPROTO when it surfaces through a write.
  it.each(['http', 'https'] as const)('%s: fails saying the secure connection to the proxy failed, with the TLS error', async (scheme) => {
    const out = await through(`HTTPS 127.0.0.1:${plainProxy.port}`, scheme);
    const { message } = out.error as Error;
    expect(message).toMatch(new RegExp(`^The secure connection to the proxy 127\\.0\\.0\\.1:${plainProxy.port} \\(from ${PROXY_SETTINGS}\\) failed \\((?:ERR_SSL_[A-Z_]+|EPROTO)\\); it may not be an HTTPS proxy\\.`));
    expect(plainProxy.seenFor(hostOf(scheme === 'http' ? targets.plain : targets.secure))).toEqual([]);
  });

  it('is passed over for a direct connection when the list allows one, and the activity log says why', async () => {
    let out: Awaited<ReturnType<typeof through>> | undefined;
    const lines = await logged(async () => void (out = await through(`HTTPS 127.0.0.1:${plainProxy.port}; DIRECT`, 'http')));
    expect(out).toMatchObject({ answer: '200 hello /trust', openSaw: 0 });
    expect(lines[0]).toMatch(
      new RegExp(
        `^warn http GET http://${hostOf(targets.plain)}/trust: passed over the proxy 127\\.0\\.0\\.1:${plainProxy.port} \\(from ${PROXY_SETTINGS}\\), whose secure connection failed \\(nothing was sent through it; it may not be an HTTPS proxy\\) \\((ERR_SSL_[A-Z_]+|EPROTO)\\); trying a direct connection, as the proxy list allows next\\.$`,
      ),
    );
  });
});

describe("an 'HTTPS host:port' proxy that asks for credentials", () => {
  afterEach(() => forgetProxyChallenges());
  it.each(['http', 'https'] as const)("%s: never sees Settings' credentials while its certificate is not trusted; trusted, gets them after its 407", async (scheme) => {
    const target = hostOf(scheme === 'http' ? targets.plain : targets.secure);
    const untrustedOut = await through(`HTTPS 127.0.0.1:${askingProxy.port}`, scheme, ALICE);
    expect((untrustedOut.error as Error).message).toContain(`The proxy 127.0.0.1:${askingProxy.port} (from ${PROXY_SETTINGS}) presented a certificate this app does not trust`);
    expect(askingProxy.seenFor(target)).toEqual([]);
    trustProxy = true;
    expect(await through(`HTTPS 127.0.0.1:${askingProxy.port}`, scheme, ALICE)).toMatchObject({ answer: '200 hello /trust' });
    expect(askingProxy.seenFor(target).map((s) => s.credentials ?? '-')).toEqual(['-', 'alice:tls-only']);
  });
});
