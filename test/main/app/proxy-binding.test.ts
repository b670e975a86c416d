// Settings' proxy credentials are bound to one named proxy (scheme://host:port), through the app's own route picker
// and real proxies on loopback: with the system's proxy, a PAC answer naming another proxy that answers 407 gets
// nothing, nor does any proxy while none is named (a settings file from before); the named one gets them after its
// 407, non-ASCII and ':' intact. A server's own 407 is never taken for its proxy asking: inside a CONNECT tunnel it
// is the server's answer; for plain http through a proxy not named, nothing is sent, even through a proxy that
// relays every header (the one case left: a plain-http 407 through the named proxy, answered and said in the log).
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProxyPicker } from '../../../main/app/proxy';
import { DEFAULT_PROXY_SETTING, type ProxySetting } from '../../../main/common/proxy';
import { forgetProxyChallenges } from '../../../main/providers/http/proxy-auth';
import { routeFromPac } from '../../../main/providers/http/proxy-pac';
import { useRoutePicker } from '../../../main/providers/http/proxy-route';
import { readBody, send } from '../../../main/providers/http/transport';
import { logged } from '../../helpers/logged-requests';
import { startRelayProxy, type RelayProxy } from '../../helpers/relay-proxy';
import { startTestProxy, type TestProxy } from '../../helpers/test-proxy';
import { selfSignedCertificate, type TestCertificate } from '../../reliability/support/cert';
import { hostOf } from '../providers/http/proxy-targets';

const USER = 'アリス';
const PASSWORD = `pä:ss "€" :x`;
const SENT = `${USER}:${PASSWORD}`;
const SYSTEM = 'the system proxy settings';

let cert: TestCertificate;
/** Servers that answer 407 with a Basic challenge of their own (200 for /ok), recording any credentials they got. */
let plainOrigin: http.Server;
let secureOrigin: https.Server;
const originSaw: string[] = [];
const started: Array<{ close(): Promise<void> }> = [];

const origin407 = (req: http.IncomingMessage, res: http.ServerResponse): void => {
  originSaw.push(String(req.headers['proxy-authorization'] ?? req.headers.authorization ?? '-'));
  if (req.url === '/ok') return void res.end('hello');
  res.writeHead(407, { 'proxy-authenticate': 'Basic realm="not-a-proxy"' }).end('origin says 407');
};

beforeAll(async () => {
  cert = await selfSignedCertificate();
  plainOrigin = http.createServer(origin407).listen(0, '127.0.0.1');
  secureOrigin = https.createServer({ cert: cert.cert, key: cert.key }, origin407).listen(0, '127.0.0.1');
  await Promise.all([once(plainOrigin, 'listening'), once(secureOrigin, 'listening')]);
});
afterAll(() => {
  for (const server of [plainOrigin, secureOrigin]) {
    server.closeAllConnections();
    server.close();
  }
});
afterEach(async () => {
  forgetProxyChallenges();
  useRoutePicker(undefined);
  originSaw.length = 0;
  await Promise.all(started.splice(0).map((p) => p.close()));
});

async function asking(): Promise<TestProxy> {
  const p = await startTestProxy({ credentials: { username: USER, password: PASSWORD } });
  started.push(p);
  return p;
}
async function open(): Promise<TestProxy> {
  const p = await startTestProxy();
  started.push(p);
  return p;
}
async function relay(): Promise<RelayProxy> {
  const p = await startRelayProxy();
  started.push(p);
  return p;
}

/** The app's picker with the system's proxy answering `pac`, Settings' user name, the vault's password. */
function system(pac: string, setting: Partial<ProxySetting>): void {
  const proxy: ProxySetting = { ...DEFAULT_PROXY_SETTING, mode: 'system', username: USER, ...setting };
  useRoutePicker(createProxyPicker({ setting: () => proxy, password: () => PASSWORD, system: (url) => Promise.resolve(routeFromPac(pac, url)) }));
}

/** A GET to a target that answers 200 (through the proxy under test), or to one of the 407 origins. */
async function get(url: string): Promise<string> {
  const res = await send({ method: 'GET', url: new URL(url), tls: { ca: cert.cert }, timeoutMs: 5000 });
  return `${res.status} ${(await readBody(res)).toString()}`;
}
const seenBy = (p: TestProxy): string[] => p.seen.map((s) => s.credentials ?? '-');
const target = (scheme: string): string => `${scheme}://${hostOf(scheme === 'http' ? plainOrigin : secureOrigin)}/`;

describe.each(['http', 'https'])("with the system's proxy (%s target)", (scheme) => {
  it('a PAC answer naming another proxy that answers 407 gets nothing; the error and the log say whose they are', async () => {
    const [attacker, mine] = [await asking(), await asking()];
    system(`PROXY 127.0.0.1:${attacker.port}`, { credentialsProxy: `http://127.0.0.1:${mine.port}` });
    const lines = await logged(async () => {
      for (let i = 0; i < 2; i++) await expect(get(target(scheme))).rejects.toMatchObject({ code: 'unauthorized', message: expect.stringContaining(`The ones in Settings are for the proxy http://127.0.0.1:${mine.port} only, so they were not sent to it.`) });
    });
    expect(seenBy(attacker)).toEqual(['-', '-']);
    expect(seenBy(mine)).toEqual([]);
    const said = lines.filter((l) => l.includes('were not sent to it:'));
    expect(said).toEqual([
      `warn http GET ${target(scheme)}: the proxy 127.0.0.1:${attacker.port} (from ${SYSTEM}) asked for a user name and password (407); the ones in Settings were not sent to it: they are for the proxy http://127.0.0.1:${mine.port} only. If http://127.0.0.1:${attacker.port} is your proxy, name it in Settings, Network.`,
    ]);
  });

  it('an https:// proxy named does not make its http:// twin on the same host and port get them', async () => {
    const twin = await asking();
    system(`PROXY 127.0.0.1:${twin.port}`, { credentialsProxy: `https://127.0.0.1:${twin.port}` });
    await expect(get(target(scheme))).rejects.toMatchObject({ code: 'unauthorized' });
    expect(seenBy(twin)).toEqual(['-']);
  });

  it('none named (a settings file from before): no proxy gets them, and the 407 says to name it', async () => {
    const guarded = await asking();
    system(`PROXY 127.0.0.1:${guarded.port}`, { credentialsProxy: '' });
    const lines = await logged(async () => {
      await expect(get(target(scheme))).rejects.toMatchObject({ message: expect.stringContaining(`held back until you name the proxy they are for: if http://127.0.0.1:${guarded.port} is your proxy, enter it in Settings, Network.`) });
    });
    expect(seenBy(guarded)).toEqual(['-']);
    expect(lines.some((l) => l.startsWith('warn http') && l.includes('no proxy is named for them yet'))).toBe(true);
  });

  it("the named proxy, second in the PAC list after one that is down, gets them after its 407, non-ASCII and ':' intact", async () => {
    const down = await open();
    await down.close();
    const mine = await asking();
    system(`PROXY 127.0.0.1:${down.port}; PROXY 127.0.0.1:${mine.port}`, { credentialsProxy: `http://127.0.0.1:${mine.port}` });
    expect(await get(`${target(scheme)}ok`)).toBe('200 hello');
    expect(seenBy(mine)).toEqual(['-', SENT]);
  });
});

describe("a server's own 407", () => {
  it('inside a CONNECT tunnel (https) is its answer: the named proxy that never asked gets nothing, nor does the server', async () => {
    const mine = await open();
    system(`PROXY 127.0.0.1:${mine.port}`, { credentialsProxy: `http://127.0.0.1:${mine.port}` });
    expect(await get(target('https'))).toBe('407 origin says 407');
    expect(seenBy(mine)).toEqual(['-']);
    expect(originSaw).toEqual(['-']);
  });

  it('for plain http through a proxy not named, relayed with its challenge, gets nothing sent anywhere', async () => {
    const careless = await relay();
    const mine = await asking();
    system(`PROXY 127.0.0.1:${careless.port}`, { credentialsProxy: `http://127.0.0.1:${mine.port}` });
    await expect(get(target('http'))).rejects.toMatchObject({ code: 'unauthorized' });
    expect(careless.seen).toEqual(['-']);
    expect(originSaw).toEqual(['-']);
  });

  it('for plain http through the named proxy cannot be told from the proxy asking: answered, and the log says so', async () => {
    const careless = await relay();
    system(`PROXY 127.0.0.1:${careless.port}`, { credentialsProxy: `http://127.0.0.1:${careless.port}` });
    const lines = await logged(async () => void (await get(target('http')).catch(() => undefined)));
    expect(lines[0]).toContain(`the proxy 127.0.0.1:${careless.port} (from ${SYSTEM}) asked for a user name and password (407) (on a plain http:// request, so it may have come from the server through the proxy; the proxy is the one named in Settings)`);
    expect(careless.seen.length).toBe(2);
  });
});
