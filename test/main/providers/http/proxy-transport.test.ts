// The transport through a real proxy on loopback (TooTallNate's `proxy`): https goes through a CONNECT tunnel with
// the origin's certificate still checked, http as an absolute-form request; proxy credentials as Basic; a 407 and an
// unreachable proxy said in words that name the proxy and never its password; a proxy of a list passed over for the
// next entry said in the activity log (one that refuses and one whose connection never completes, but never one that
// took the connection and is slow to answer), and a list whose every entry failed said as such.
import diagnostics from 'node:diagnostics_channel';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { proxyFromEnv } from '../../../../main/providers/http/proxy-env';
import { routeFromPac } from '../../../../main/providers/http/proxy-pac';
import { offeringCredentials } from '../../../../main/providers/http/proxy-auth';
import { useRoutePicker, type ProxyRoute } from '../../../../main/providers/http/proxy-route';
import { readBody, send } from '../../../../main/providers/http/transport';
import { startDroppingListener } from '../../../helpers/dropping-listener';
import { logged, passedOver } from '../../../helpers/logged-requests';
import { startTestProxy, type TestProxy } from '../../../helpers/test-proxy';
import { selfSignedCertificate, type TestCertificate } from '../../../reliability/support/cert';

const PASSWORD = `p%41@:+"' ä€ "x`;
let cert: TestCertificate;
let plain: http.Server;
let secure: https.Server;
let plainHost: string;
let secureHost: string;
let open: TestProxy;
let guarded: TestProxy;

const answer = (req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`hello ${req.url}`);

async function listen(server: http.Server | https.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function through(proxy: TestProxy, credentials?: { username: string; password: string }): void {
  const route: ProxyRoute = { kind: 'proxy', proxy: { url: new URL(proxy.url), source: 'Settings', ...(credentials ? { credentials } : {}) } };
  useRoutePicker(() => Promise.resolve(route));
}

async function get(url: string, ca?: string): Promise<string> {
  const res = await send({ method: 'GET', url: new URL(url), ...(ca ? { tls: { ca } } : {}) });
  return `${res.status} ${(await readBody(res)).toString('utf8')}`;
}

beforeAll(async () => {
  cert = await selfSignedCertificate();
  plain = http.createServer(answer);
  secure = https.createServer({ cert: cert.cert, key: cert.key }, answer);
  plainHost = await listen(plain);
  secureHost = await listen(secure);
  open = await startTestProxy();
  guarded = await startTestProxy({ credentials: { username: 'proxy-üser', password: PASSWORD } });
});
afterEach(() => useRoutePicker(undefined));
afterAll(async () => {
  for (const server of [plain, secure]) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  await open.close();
  await guarded.close();
});

describe('requests through an HTTP proxy', () => {
  it('sends http as an absolute-form request to the proxy', async () => {
    through(open);
    expect(await get(`http://${plainHost}/a?b=1`)).toBe('200 hello /a?b=1');
    expect(open.seenFor(plainHost).map((s) => `${s.method} ${s.target}`)).toEqual([`GET http://${plainHost}/a?b=1`]);
  });

  it('tunnels https with CONNECT, TLS to the server inside, whose certificate is still checked', async () => {
    through(open);
    expect(await get(`https://${secureHost}/tls`, cert.cert)).toBe('200 hello /tls');
    expect(open.seenFor(secureHost).map((s) => s.method)).toEqual(['CONNECT']);
    // Without the account's certificate, the self-signed server is not trusted, proxy or not.
    await expect(get(`https://${secureHost}/tls`)).rejects.toMatchObject({ code: 'network', message: expect.stringContaining('not trusted') });
  });

  it('sends the proxy credentials as Basic (UTF-8), over http and in the CONNECT', async () => {
    through(guarded, { username: 'proxy-üser', password: PASSWORD });
    expect(await get(`http://${plainHost}/p`)).toBe('200 hello /p');
    expect(await get(`https://${secureHost}/s`, cert.cert)).toBe('200 hello /s');
    expect(guarded.seen.map((s) => s.credentials)).toEqual([`proxy-üser:${PASSWORD}`, `proxy-üser:${PASSWORD}`]);
  });

  it.each(['http', 'https'])('says a 407 names the proxy and where it came from, never the password (%s)', async (scheme) => {
    through(guarded, { username: 'proxy-üser', password: `${PASSWORD}-wrong` });
    const failure = get(`${scheme}://${scheme === 'http' ? plainHost : secureHost}/`, cert.cert);
    await expect(failure).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining(`The proxy 127.0.0.1:${guarded.port} (from Settings) refused the user name "proxy-üser"`) });
    const message = await failure.catch((err: Error) => err.message);
    expect(message).not.toContain(PASSWORD);
    through(guarded);
    await expect(get(`${scheme}://${scheme === 'http' ? plainHost : secureHost}/`, cert.cert)).rejects.toThrow(/asks for a user name and password \(407\)/);
  });

  it('says the proxy cannot be reached, naming the proxy rather than the server', async () => {
    const closed = await startTestProxy();
    await closed.close();
    through(closed);
    await expect(get(`https://${secureHost}/`, cert.cert)).rejects.toMatchObject({ code: 'network', message: `Could not reach the proxy 127.0.0.1:${closed.port} (from Settings): the connection was refused.` });
  });

  it('says when the proxy will not open a tunnel to the server', async () => {
    const gone = http.createServer();
    const goneHost = await listen(gone);
    await new Promise((r) => gone.close(r));
    through(open);
    await expect(get(`https://${goneHost}/`)).rejects.toMatchObject({ code: 'network', message: expect.stringContaining(`did not open a connection to ${goneHost}`) });
  });

  it.each(['http', 'https'])('gives up on a proxy that takes the connection and never answers (%s)', async (scheme) => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    useRoutePicker(() => Promise.resolve({ kind: 'proxy', proxy: { url: new URL(`http://127.0.0.1:${port}`), source: 'HTTPS_PROXY' } }));
    const started = Date.now();
    const failure = send({ method: 'GET', url: new URL(`${scheme}://${scheme === 'http' ? plainHost : secureHost}/`), timeoutMs: 1000 });
    // https waits for the tunnel; http's request is already sent, so its wait is the answer's. Both name the proxy:
    // a server that is not answering and a proxy that is not passing an answer on look the same from here.
    const noAnswer = `${plainHost} did not answer within 1 s through the proxy 127.0.0.1:${port} (from HTTPS_PROXY). The proxy, or the server behind it, is not passing on an answer: check the proxy, and whether ${plainHost} is meant to be reached through it.`;
    await expect(failure).rejects.toMatchObject({ code: 'timeout', message: scheme === 'https' ? `The proxy 127.0.0.1:${port} (from HTTPS_PROXY) did not answer within 1 s.` : noAnswer });
    expect(Date.now() - started).toBeLessThan(5000);
    silent.close();
  });

  it('names the proxy when no answer comes through it after an upload', async () => {
    // The server reads the whole body and never answers; the request went through a real proxy.
    const mute = http.createServer((req) => req.resume());
    const muteHost = await listen(mute);
    through(open);
    const body = Readable.from([Buffer.alloc(64 * 1024, 1)]);
    const failure = send({ method: 'POST', url: new URL(`http://${muteHost}/upload`), body, bodyLength: 64 * 1024, timeoutMs: 1000, answerTimeoutMs: 1000 });
    await expect(failure).rejects.toMatchObject({
      code: 'timeout',
      message: `${muteHost} did not answer after the upload through the proxy ${new URL(open.url).host} (from Settings; waited 1 s). The proxy, or the server behind it, did not pass on an answer.`,
    });
    mute.closeAllConnections();
    mute.close();
  });

  it.each(['http', 'https'])('lets a slow answer that keeps moving outlast the timeout once the tunnel is up (%s)', async (scheme) => {
    const drip = (_req: http.IncomingMessage, res: http.ServerResponse) => {
      res.writeHead(200);
      let left = 8;
      const timer = setInterval(() => {
        res.write('.');
        if (--left === 0) {
          clearInterval(timer);
          res.end();
        }
      }, 150);
    };
    const slow = scheme === 'https' ? https.createServer({ cert: cert.cert, key: cert.key }, drip) : http.createServer(drip);
    const slowHost = await listen(slow);
    through(open);
    const res = await send({ method: 'GET', url: new URL(`${scheme}://${slowHost}/`), timeoutMs: 500, tls: { ca: cert.cert } });
    expect((await readBody(res)).toString()).toBe('........');
    slow.closeAllConnections();
    slow.close();
  });

  it('refuses to put a secret on the network in clear text through a proxy elsewhere, even to a server on this machine', async () => {
    useRoutePicker(() => Promise.resolve({ kind: 'proxy', proxy: { url: new URL('http://proxy.example:3128'), source: 'HTTP_PROXY' } }));
    await expect(send({ method: 'GET', url: new URL(`http://${plainHost}/`), carriesSecret: true })).rejects.toMatchObject({ code: 'insecure' });
  });
});

describe("a system proxy answer with several entries ('PROXY a; PROXY b; DIRECT')", () => {
  async function deadPort(): Promise<number> {
    const closed = await startTestProxy();
    await closed.close();
    return closed.port;
  }
  const pac = (answer: string) => useRoutePicker((url) => Promise.resolve(routeFromPac(answer, url)));
  const SYSTEM = 'from the system proxy settings';

  it.each(['http', 'https'])('passes over a proxy that refuses the connection to the next one, as Chromium does, and says so in the log (%s)', async (scheme) => {
    const dead = await deadPort();
    pac(`PROXY 127.0.0.1:${dead}; PROXY 127.0.0.1:${open.port}; DIRECT`);
    const target = scheme === 'http' ? plainHost : secureHost;
    const before = open.seenFor(target).length;
    const lines = await logged(async () => expect(await get(`${scheme}://${target}/fallback`, cert.cert)).toBe('200 hello /fallback'));
    expect(open.seenFor(target).length).toBe(before + 1);
    // The proxy passed over, why, and the one tried next, before the request's own outcome.
    expect(lines).toEqual([passedOver(`GET ${scheme}://${target}/fallback`, `127.0.0.1:${dead}`, 'ECONNREFUSED', `the proxy 127.0.0.1:${open.port}`), expect.stringMatching(/^info http GET .*\/fallback → 200 \(\d+ ms\)$/)]);
  });

  it("goes direct only when the list says DIRECT, saying each proxy passed over: without it, every proxy's failure is the answer", async () => {
    const [first, second] = [await deadPort(), await deadPort()];
    pac(`PROXY 127.0.0.1:${first}; PROXY 127.0.0.1:${second}; DIRECT`);
    const direct = await logged(async () => expect(await get(`http://${plainHost}/direct`)).toBe('200 hello /direct'));
    expect(direct.slice(0, 2)).toEqual([
      passedOver(`GET http://${plainHost}/direct`, `127.0.0.1:${first}`, 'ECONNREFUSED', `the proxy 127.0.0.1:${second}`),
      passedOver(`GET http://${plainHost}/direct`, `127.0.0.1:${second}`, 'ECONNREFUSED', 'a direct connection, as the proxy list allows'),
    ]);
    expect(direct).toHaveLength(3);

    pac(`PROXY 127.0.0.1:${first}; PROXY 127.0.0.1:${second}`);
    const everyFailed = `No proxy ${SYSTEM} could be reached: 127.0.0.1:${first} (ECONNREFUSED) and 127.0.0.1:${second} (ECONNREFUSED). The proxy list does not allow a direct connection, so the request was not sent.`;
    const failed = await logged(() => expect(get(`http://${plainHost}/`)).rejects.toMatchObject({ code: 'network', message: everyFailed }));
    expect(failed).toEqual([passedOver(`GET http://${plainHost}/`, `127.0.0.1:${first}`, 'ECONNREFUSED', `the proxy 127.0.0.1:${second}`), `warn http GET http://${plainHost}/ failed: ${everyFailed}`]);
  });

  it('says when the direct connection the list allows failed too, after every proxy', async () => {
    const [proxyPort, serverPort] = [await deadPort(), await deadPort()];
    pac(`PROXY 127.0.0.1:${proxyPort}; DIRECT`);
    const failure = get(`http://127.0.0.1:${serverPort}/`);
    await expect(failure).rejects.toMatchObject({
      code: 'network',
      message: `No proxy ${SYSTEM} could be reached: 127.0.0.1:${proxyPort} (ECONNREFUSED). Going direct, which the proxy list allows, failed too: Could not connect to 127.0.0.1:${serverPort}: the connection was refused.`,
    });
  });

  it("names a proxy passed over by its host and port only, never the user name and password it was given", async () => {
    const credentials = { username: 'proxy-admin', password: PASSWORD };
    useRoutePicker((url) => Promise.resolve(offeringCredentials(routeFromPac(`PROXY proxy.invalid:3128; PROXY 127.0.0.1:${open.port}`, url), credentials, 'http://proxy.invalid:3128')));
    const lines = await logged(async () => expect(await get(`http://${plainHost}/named`)).toBe('200 hello /named'));
    // A name that is not found: ENOTFOUND, or EAI_AGAIN where there is no resolver to say so.
    expect(lines[0]).toMatch(new RegExp(`^warn http GET http://${plainHost}/named: passed over the proxy proxy\\.invalid:3128 \\(${SYSTEM}\\), which could not be connected to \\((ENOTFOUND|EAI_AGAIN)\\); trying the proxy 127\\.0\\.0\\.1:${open.port} next\\.$`));
    const text = lines.join('\n');
    for (const secret of ['proxy-admin', PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`proxy-admin:${PASSWORD}`).toString('base64')]) expect(text).not.toContain(secret);
  });

  it.each(['http', 'https'])('passes over a proxy whose connection never completes (a firewall dropping it) once its connect timeout runs out (%s)', async (scheme) => {
    const dropping = await startDroppingListener();
    pac(`PROXY 127.0.0.1:${dropping.port}; PROXY 127.0.0.1:${open.port}; DIRECT`);
    const target = scheme === 'http' ? plainHost : secureHost;
    const before = open.seenFor(target).length;
    const started = Date.now();
    try {
      const lines = await logged(async () => {
        const res = await send({ method: 'GET', url: new URL(`${scheme}://${target}/dropped`), tls: { ca: cert.cert }, proxyConnectTimeoutMs: 300, timeoutMs: 3000 });
        expect(`${res.status} ${(await readBody(res)).toString()}`).toBe('200 hello /dropped');
      });
      expect(lines[0]).toBe(passedOver(`GET ${scheme}://${target}/dropped`, `127.0.0.1:${dropping.port}`, 'ETIMEDOUT', `the proxy 127.0.0.1:${open.port}`));
      expect(open.seenFor(target).length).toBe(before + 1);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      dropping.close();
    }
  });

  it('holds only the proxy\'s own socket to the connect timeout: a connection the app opens meanwhile is left alone', async () => {
    const dropping = await startDroppingListener();
    pac(`PROXY 127.0.0.1:${dropping.port}; PROXY 127.0.0.1:${open.port}`);
    try {
      const request = send({ method: 'GET', url: new URL(`http://${plainHost}/meanwhile`), proxyConnectTimeoutMs: 200, timeoutMs: 3000 });
      // Another connection, still connecting when the proxy's deadline runs out (to the same dropping port).
      await new Promise((resolve) => setTimeout(resolve, 50));
      const other = net.connect(dropping.port, '127.0.0.1');
      let otherFailure: unknown;
      other.on('error', (err) => (otherFailure = err));
      const res = await request;
      expect(`${res.status} ${(await readBody(res)).toString()}`).toBe('200 hello /meanwhile');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([other.connecting, other.destroyed, otherFailure]).toEqual([true, false, undefined]);
      other.destroy();
      // The watch for new sockets lasts only while an agent makes its own.
      expect(diagnostics.hasSubscribers('net.client.socket')).toBe(false);
    } finally {
      dropping.close();
    }
  });

  it.each(['http', 'https'])('does not pass over a proxy that took the connection and is slow to answer, however short the connect timeout (%s)', async (scheme) => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    pac(`PROXY 127.0.0.1:${port}; PROXY 127.0.0.1:${open.port}; DIRECT`);
    const target = scheme === 'http' ? plainHost : secureHost;
    const before = open.seenFor(target).length;
    const failure = send({ method: 'GET', url: new URL(`${scheme}://${target}/`), tls: { ca: cert.cert }, proxyConnectTimeoutMs: 100, timeoutMs: 1000 });
    await expect(failure).rejects.toMatchObject({ code: 'timeout' });
    expect(open.seenFor(target).length).toBe(before);
    silent.close();
  });

  it('does not pass over a proxy that answers: its 407 is the answer, even with another proxy after it', async () => {
    pac(`PROXY 127.0.0.1:${guarded.port}; PROXY 127.0.0.1:${open.port}`);
    const before = open.seen.length;
    await expect(get(`https://${secureHost}/`, cert.cert)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(open.seen.length).toBe(before);
  });

  it('sends a streamed body once, through the proxy that answered', async () => {
    const echo = http.createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => res.end(String(bytes)));
    });
    const echoHost = await listen(echo);
    pac(`PROXY 127.0.0.1:${await deadPort()}; PROXY 127.0.0.1:${open.port}`);
    const body = Readable.from([Buffer.alloc(70_000, 1)]);
    const res = await send({ method: 'POST', url: new URL(`http://${echoHost}/`), body, bodyLength: 70_000 });
    expect((await readBody(res)).toString()).toBe('70000');
    echo.close();
  });
});

describe('the environment: HTTPS_PROXY, HTTP_PROXY, NO_PROXY', () => {
  it('uses each scheme its own proxy, with the credentials from the proxy URL, percent-decoded', async () => {
    const env = { HTTPS_PROXY: `http://proxy-%C3%BCser:${encodeURIComponent(PASSWORD)}@127.0.0.1:${guarded.port}`, http_proxy: `127.0.0.1:${open.port}` };
    useRoutePicker(proxyFromEnv(env));
    const before = { open: open.seen.length, guarded: guarded.seen.length };
    expect(await get(`https://${secureHost}/env`, cert.cert)).toBe('200 hello /env');
    expect(await get(`http://${plainHost}/env`)).toBe('200 hello /env');
    expect(guarded.seen.slice(before.guarded).map((s) => `${s.method} ${s.credentials ?? ''}`)).toEqual([`CONNECT proxy-üser:${PASSWORD}`]);
    expect(open.seen.slice(before.open).map((s) => s.target)).toEqual([`http://${plainHost}/env`]);
  });

  it('reaches a host NO_PROXY lists directly: the proxy never sees it', async () => {
    useRoutePicker(proxyFromEnv({ https_proxy: open.url, HTTP_PROXY: open.url, NO_PROXY: `example.com, 127.0.0.1:${plainHost.split(':')[1] ?? ''}` }));
    const before = open.seen.length;
    expect(await get(`http://${plainHost}/direct`)).toBe('200 hello /direct');
    expect(await get(`https://${secureHost}/proxied`, cert.cert)).toBe('200 hello /proxied');
    expect(open.seen.slice(before).map((s) => s.target)).toEqual([secureHost]);
  });
});
