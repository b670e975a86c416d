// The browser host opens its door while the app starts (main/webhost/cli.ts): the page's files are served at once,
// and the page's calls and events socket wait for the app, or are refused with 503 when it fails to start. The
// build's hashed files are cacheable for good; the page itself is asked for again.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Language } from '../../../main/common/i18n/languages';
import type { BrowserHost, HostApp } from '../../../main/webhost/server';
import { httpRequest, signIn } from './support/child-host';
import { useHostApp } from './support/host-app';

const fixture = useHostApp();

/** A host whose app is still starting: `start()` lets it finish, `fail()` makes it fail. */
async function startingHost(language?: Language): Promise<{ host: BrowserHost; cookie: string; start: () => void; fail: () => void }> {
  let start = (): void => undefined;
  let fail = (): void => undefined;
  const starting = new Promise<HostApp>((resolve, reject) => {
    start = () => resolve(fixture.served());
    fail = () => reject(new Error('the vault could not be read'));
  });
  const host = await fixture.startHost({ app: starting, ...(language ? { language } : {}) });
  return { host, cookie: await signIn(host.port, host.token), start, fail };
}

const invoke = (host: BrowserHost, cookie: string, headers: Record<string, string> = {}) =>
  httpRequest(host.port, '/api/invoke', { method: 'POST', headers: { cookie, origin: host.origin, 'content-type': 'application/json', ...headers }, body: '{"method":"app.info","args":{}}' });

const SEE_TERMINAL_EN = 'Media Desk could not start: see the terminal that runs the browser host.';
const SEE_TERMINAL_JA = 'Media Desk を起動できませんでした。ブラウザーホストを実行している端末を確認してください。';

function openEvents(host: BrowserHost, cookie: string): { ws: WebSocket; outcome: Promise<{ open: true } | { status: number }> } {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: { cookie, origin: host.origin } });
  const outcome = new Promise<{ open: true } | { status: number }>((resolve) => {
    ws.once('open', () => resolve({ open: true }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
  });
  return { ws, outcome };
}

const settledWithin = async <T>(promise: Promise<T>, ms: number): Promise<boolean> =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('the browser host while the app starts', () => {
  it('serves the page at once, and answers its calls and opens its events once the app has started', async () => {
    const { host, cookie, start } = await startingHost();
    expect((await httpRequest(host.port, '/', { headers: { cookie } })).status).toBe(200);
    const call = invoke(host, cookie);
    const events = openEvents(host, cookie);
    expect(await settledWithin(call, 200)).toBe(false);
    expect(await settledWithin(events.outcome, 50)).toBe(false);
    start();
    const answer = await call;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { host: 'browser' } });
    expect(await events.outcome).toEqual({ open: true });
    const pushed = new Promise<string>((resolve) => events.ws.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
    fixture.app().services.notices.add('info', 'Started while you waited.');
    expect(JSON.parse(await pushed)).toMatchObject({ event: 'notice', payload: { message: 'Started while you waited.' } });
    events.ws.close();
  });

  it('refuses calls, uploads and the events socket with 503 when the app fails to start, and still serves the page', async () => {
    const { host, cookie, fail } = await startingHost();
    const call = invoke(host, cookie);
    const events = openEvents(host, cookie);
    fail();
    expect((await call).status).toBe(503);
    expect((await call).body).toMatch(/could not start/);
    expect(await events.outcome).toEqual({ status: 503 });
    const upload = await httpRequest(host.port, '/api/stage?name=a.jpg', { method: 'POST', headers: { cookie, origin: host.origin }, body: Buffer.from([0xff, 0xd8]) });
    expect(upload.status).toBe(503);
    expect((await httpRequest(host.port, '/', { headers: { cookie } })).status).toBe(200);
  });

  it("says why in the browser's language, else in the terminal's, as short plain text", async () => {
    const english = await startingHost();
    english.fail();
    const plain = await invoke(english.host, english.cookie);
    expect(plain).toMatchObject({ status: 503, body: SEE_TERMINAL_EN });
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect((await invoke(english.host, english.cookie, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' })).body).toBe(SEE_TERMINAL_JA);
    expect((await invoke(english.host, english.cookie, { 'accept-language': 'fr-FR, de;q=0.5' })).body).toBe(SEE_TERMINAL_EN);

    const japanese = await startingHost('ja');
    japanese.fail();
    expect((await invoke(japanese.host, japanese.cookie)).body).toBe(SEE_TERMINAL_JA);
    expect((await invoke(japanese.host, japanese.cookie, { 'accept-language': 'fr, *;q=0.1' })).body).toBe(SEE_TERMINAL_JA);
    expect((await invoke(japanese.host, japanese.cookie, { 'accept-language': 'en-GB,en;q=0.9' })).body).toBe(SEE_TERMINAL_EN);
    const upload = await httpRequest(japanese.host.port, '/api/stage?name=a.jpg', { method: 'POST', headers: { cookie: japanese.cookie, origin: japanese.host.origin }, body: Buffer.from([0xff, 0xd8]) });
    expect(upload).toMatchObject({ status: 503, body: SEE_TERMINAL_JA });
  });

  it('still asks who is calling first: no session, no wait', async () => {
    const { host } = await startingHost();
    const stranger = await invoke(host, 'md_session_1=guess');
    expect(stranger.status).toBe(401);
  });

  it('asks at every door, before waiting: uploads, the events socket, a foreign origin or host', async () => {
    // The app never starts here: a door that waited before asking would never answer.
    const { host, cookie } = await startingHost();
    const doors: Array<[string, string]> = [
      ['POST', '/api/stage?name=a.jpg'],
      ['POST', '/api/invoke'],
    ];
    for (const [method, target] of doors) {
      const body = Buffer.from('{"method":"app.info","args":{}}');
      for (const [headers, status] of [
        [{ cookie: `${cookie.split('=')[0] ?? ''}=guess`, origin: host.origin }, 401],
        [{ cookie, origin: 'http://evil.example' }, 403],
        [{ cookie, origin: host.origin, host: `localhost:${host.port}` }, 403],
        [{ cookie, origin: host.origin, 'sec-fetch-site': 'cross-site' }, 403],
      ] as const) {
        const reply = httpRequest(host.port, target, { method, headers: { ...headers }, body });
        expect(await settledWithin(reply, 2000), `${method} ${target} ${JSON.stringify(headers)}`).toBe(true);
        expect((await reply).status, `${method} ${target} ${JSON.stringify(headers)}`).toBe(status);
      }
    }
    const stranger = openEvents(host, 'md_session_1=guess');
    expect(await settledWithin(stranger.outcome, 2000)).toBe(true);
    expect(await stranger.outcome).toEqual({ status: 401 });
  });
});

describe("the build's files", () => {
  it('are only those in its folder: no way out of assets/, no hidden files, and nothing but a build file is kept for good', async () => {
    const { host, cookie, start } = await startingHost();
    start();
    for (const target of ['/assets/..%2findex.html', '/assets/%2e%2e%2findex.html', '/assets/..%5cindex.html', '/assets/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/assets/app.js%00.png', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/.env', '/assets/%2fetc%2fpasswd']) {
      const reply = await httpRequest(host.port, target, { headers: { cookie } });
      expect(reply.status, target).not.toBe(200);
      expect(reply.headers['cache-control'], target).not.toMatch(/immutable/);
    }
    // A dot segment spelt in percent codes is still one (URL normalisation): this is the page, asked for again.
    const page = await httpRequest(host.port, '/assets/.%2e/index.html', { headers: { cookie } });
    expect([page.status, page.headers['cache-control']]).toEqual([200, 'no-cache']);
  });
});

describe('caching of the page and its files', () => {
  it('lets the browser keep the hashed build files for good, and asks it to check the page each time', async () => {
    const { host, cookie, start } = await startingHost();
    start();
    const page = await httpRequest(host.port, '/', { headers: { cookie } });
    const asset = await httpRequest(host.port, '/assets/app.js', { headers: { cookie } });
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
