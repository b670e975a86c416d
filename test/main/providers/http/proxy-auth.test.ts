// Settings' proxy user name and password, through real proxies on loopback: a proxy gets them only after its own 407
// (Proxy-Authenticate: Basic), then at once on every later request; a proxy that never asks, or the next entry of a
// list whose first is down, never sees them; a wrong password is a refusal, never a loop; an http request's body is
// sent again (file pieces, a buffer), a stream's is not; the activity log says which proxy asked, never the password.
import { promises as fs } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors';
import { PiecedBody } from '../../../../main/providers/http/file-body';
import { forgetProxyChallenges, offeringCredentials } from '../../../../main/providers/http/proxy-auth';
import { routeFromPac } from '../../../../main/providers/http/proxy-pac';
import { agentFor, useRoutePicker, type ProxyCredentials, type ProxyRoute } from '../../../../main/providers/http/proxy-route';
import { readBody, send } from '../../../../main/providers/http/transport';
import { logged } from '../../../helpers/logged-requests';
import { startTestProxy, type TestProxy } from '../../../helpers/test-proxy';
import { hostOf, useProxyTargets } from './proxy-targets';

const targets = useProxyTargets();
const ALICE: ProxyCredentials = { username: 'alice', password: `s3cret "ä€" :x` };
const SENT = `${ALICE.username}:${ALICE.password}`;
const started: TestProxy[] = [];

async function proxy(options: Parameters<typeof startTestProxy>[0] = {}): Promise<TestProxy> {
  const p = await startTestProxy(options);
  started.push(p);
  return p;
}
const asking = (): Promise<TestProxy> => proxy({ credentials: ALICE });

afterEach(async () => {
  forgetProxyChallenges();
  await Promise.all(started.splice(0).map((p) => p.close()));
});

/** Settings' credentials offered along a route to the proxy named for them, as the app's picker does (main/app/proxy.ts). */
function offered(route: (url: URL) => ProxyRoute, boundTo: TestProxy, credentials = ALICE): void {
  useRoutePicker((url) => Promise.resolve(offeringCredentials(route(url), credentials, new URL(boundTo.url).origin)));
}
const via = (p: TestProxy) => () => ({ kind: 'proxy', proxy: { url: new URL(p.url), source: 'Settings' } }) as const;

const targetOf = (scheme: string): string => hostOf(scheme === 'http' ? targets.plain : targets.secure);

async function get(scheme: string, pathname: string): Promise<string> {
  const res = await send({ method: 'GET', url: new URL(`${scheme}://${targetOf(scheme)}${pathname}`), tls: { ca: targets.cert.cert }, timeoutMs: 5000 });
  return `${res.status} ${(await readBody(res)).toString()}`;
}

/** What the proxy saw as Proxy-Authorization, request after request ('-': none). */
const credentialsSeen = (p: TestProxy): string[] => p.seen.map((s) => s.credentials ?? '-');

describe.each(['http', 'https'])('Settings\' proxy credentials (%s target)', (scheme) => {
  it('never go to a proxy that does not ask', async () => {
    const open = await proxy();
    offered(via(open), open);
    expect(await get(scheme, '/a')).toBe('200 hello /a');
    expect(await get(scheme, '/b')).toBe('200 hello /b');
    expect(credentialsSeen(open)).toEqual(['-', '-']);
  });

  it("go to a proxy after its 407, then at once on the next request, and the log says it asked", async () => {
    const guarded = await asking();
    offered(via(guarded), guarded);
    const lines = await logged(async () => expect(await get(scheme, '/first')).toBe('200 hello /first'));
    expect(credentialsSeen(guarded)).toEqual(['-', SENT]);
    expect(await get(scheme, '/second')).toBe('200 hello /second');
    expect(credentialsSeen(guarded)).toEqual(['-', SENT, SENT]);
    const plain = scheme === 'http' ? ' (on a plain http:// request, so it may have come from the server through the proxy; the proxy is the one named in Settings)' : '';
    expect(lines[0]).toBe(`info http GET ${scheme}://${targetOf(scheme)}/first: the proxy 127.0.0.1:${guarded.port} (from Settings) asked for a user name and password (407)${plain}; it is sent the ones in Settings from now on.`);
    const text = lines.join('\n');
    for (const secret of [ALICE.password, Buffer.from(SENT).toString('base64')]) expect(text).not.toContain(secret);
  });

  it('never go to the next proxy of a list whose first is down, when that one does not ask', async () => {
    const down = await proxy();
    await down.close();
    const open = await proxy();
    offered((url) => routeFromPac(`PROXY 127.0.0.1:${down.port}; PROXY 127.0.0.1:${open.port}`, url), open);
    expect(await get(scheme, '/next')).toBe('200 hello /next');
    expect(credentialsSeen(open)).toEqual(['-']);
  });

  it('refused after its 407 fail in the words of a refusal, once, never asking again', async () => {
    const guarded = await asking();
    offered(via(guarded), guarded, { username: 'alice', password: 'wrong' });
    const refused = `The proxy 127.0.0.1:${guarded.port} (from Settings) refused the user name "alice" and its password (407).`;
    await expect(get(scheme, '/')).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining(refused) });
    expect(credentialsSeen(guarded)).toEqual(['-', 'alice:wrong']);
    // Remembered as a proxy that asks: the next request sends them at once, and is refused at once.
    await expect(get(scheme, '/')).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining(refused) });
    expect(credentialsSeen(guarded)).toEqual(['-', 'alice:wrong', 'alice:wrong']);
  });

  it('are not sent to a proxy whose 407 offers no Basic (Negotiate): its 407 is the answer', async () => {
    const negotiate = await proxy({ negotiate: true });
    offered(via(negotiate), negotiate);
    await expect(get(scheme, '/')).rejects.toThrow(/asks for a user name and password \(407\)/);
    expect(credentialsSeen(negotiate)).toEqual(['-']);
  });
});

describe('an http request with a body through a proxy that asks', () => {
  function bodyServer(): Promise<{ host: string; bodies: number[]; close(): void }> {
    const bodies: number[] = [];
    const server = http.createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        bodies.push(bytes);
        res.end(String(bytes));
      });
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ host: hostOf(server), bodies, close: () => (server.closeAllConnections(), server.close()) })));
  }

  it('sends a file body again, whole, after the 407: the server gets it once', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-proxy-auth-'));
    const file = path.join(dir, 'video.bin');
    const size = 3 * 1024 * 1024 + 17;
    await fs.writeFile(file, Buffer.alloc(size, 7));
    const server = await bodyServer();
    const guarded = await asking();
    offered(via(guarded), guarded);
    const range = { path: file, length: size, shortError: () => new AppError('io', 'short'), readError: () => new AppError('io', 'unreadable') };
    try {
      const res = await send({ method: 'POST', url: new URL(`http://${server.host}/upload`), body: new PiecedBody([Buffer.from('head:'), range]), timeoutMs: 5000 });
      expect(`${res.status} ${(await readBody(res)).toString()}`).toBe(`200 ${size + 5}`);
      expect(server.bodies).toEqual([size + 5]);
      expect(credentialsSeen(guarded)).toEqual(['-', SENT]);
    } finally {
      server.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('fails a stream, which cannot be sent twice, in the words of a 407; the next request sends the credentials at once', async () => {
    const server = await bodyServer();
    const guarded = await asking();
    offered(via(guarded), guarded);
    const body = Readable.from([Buffer.alloc(70_000, 1)]);
    await expect(send({ method: 'POST', url: new URL(`http://${server.host}/`), body, bodyLength: 70_000, timeoutMs: 5000 })).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining(`The proxy 127.0.0.1:${guarded.port} (from Settings) asks for a user name and password (407).`),
    });
    const again = Readable.from([Buffer.alloc(70_000, 1)]);
    const res = await send({ method: 'POST', url: new URL(`http://${server.host}/`), body: again, bodyLength: 70_000, timeoutMs: 5000 });
    expect((await readBody(res)).toString()).toBe('70000');
    expect(credentialsSeen(guarded)).toEqual(['-', SENT]);
    expect(server.bodies).toEqual([70_000]);
    server.close();
  });
});

describe("credentials a proxy's own URL carries (HTTPS_PROXY=http://user:pass@host)", () => {
  it('go with the first request to it, as given for that proxy alone', async () => {
    const guarded = await asking();
    useRoutePicker(() => Promise.resolve({ kind: 'proxy', proxy: { url: new URL(guarded.url), source: 'HTTPS_PROXY', credentials: ALICE } }));
    expect(await get('https', '/own')).toBe('200 hello /own');
    expect(await get('http', '/own')).toBe('200 hello /own');
    expect(credentialsSeen(guarded)).toEqual([SENT, SENT]);
  });
});

describe('the agent for a proxy route', () => {
  it('refuses to be made without what to send the proxy, rather than letting the request go direct', () => {
    const route: ProxyRoute = { kind: 'proxy', proxy: { url: new URL('http://127.0.0.1:3128'), source: 'HTTPS_PROXY' } };
    expect(() => agentFor(route, new URL('https://example.com/'), undefined)).toThrow(/127\.0\.0\.1:3128 came without its authorization/);
    expect(agentFor({ kind: 'direct' }, new URL('https://example.com/'), undefined)).toBe(false);
  });
});
