// The browser host's refusals are read by a person in a browser tab (the address opened without its token, a typed
// path): each is one short line of plain text in the browser's Accept-Language, else in the terminal's language, and
// never says the request's own words back. The page's /api/ calls read only the status of these (http-bridge.ts).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/common/errors';
import { english } from '../../../main/common/i18n/catalogue';
import type { Language } from '../../../main/common/i18n/languages';
import { ja } from '../../../main/common/i18n/locales/ja/index';
import { phrase } from '../../../main/common/i18n/phrase';
import { MediaStreams } from '../../../main/app/media-streams';
import { mediaRoute } from '../../../main/webhost/media-route';
import { failingSource } from '../../helpers/buffer-media-source';
import { httpRequest, signIn, type Reply } from './support/child-host';
import { useHostApp } from './support/host-app';
import { sendRaw } from './support/raw';

const fixture = useHostApp();

const EN = 'en-US,en;q=0.9';
const JA = 'ja-JP,ja;q=0.9,en;q=0.8';

/** The page's words for a refusal, straight from the catalogues. */
const words = (key: string): Record<Language, string> => ({ en: english.desktop[`webhost.page.${key}`] ?? 'missing', ja: ja.desktop[`webhost.page.${key}`] ?? 'missing' });

const SIGN_IN = {
  en: 'This browser is not signed in to Media Desk. Open the address the browser host printed in its terminal, on the line "Browser host ready: …": it ends in ?token=… and signs this browser in. Each address signs in once; if it was already used, restart the browser host for a new one.',
  ja: 'このブラウザーは Media Desk にサインインしていません。ブラウザーホストが端末の「Browser host ready: …」の行に表示したアドレスを開いてください。末尾が ?token=… のそのアドレスで、このブラウザーがサインインします。各アドレスでサインインできるのは 1 回だけです。使用済みの場合は、ブラウザーホストを再起動して新しいアドレスを取得してください。',
};

/** A refusal as a person reads it: the status, exactly these words, as plain UTF-8 text. */
function expectRefusal(reply: Reply, status: number, said: string): void {
  expect({ status: reply.status, body: reply.body }).toEqual({ status, body: said });
  expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(reply.headers['cache-control']).toBe('no-store');
}

/** The same request asked in English and in Japanese: each answered in its language. */
async function expectInBoth(ask: (acceptLanguage: string) => Promise<Reply>, status: number, said: Record<Language, string>): Promise<void> {
  expect(said.ja).not.toBe(said.en);
  expectRefusal(await ask(EN), status, said.en);
  expectRefusal(await ask(JA), status, said.ja);
}

/** A raw request (a target no client library sends), read back as a reply. */
async function rawRequest(port: number, head: string, waitMs = 400): Promise<Reply> {
  const { reply } = await sendRaw(port, head, waitMs);
  const bytes = Buffer.from(reply, 'latin1');
  const end = bytes.indexOf('\r\n\r\n');
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(lines[0]?.split(' ')[1]), headers, body: bytes.subarray(end + 4).toString('utf8') };
}

describe("the browser host's refusals, in the reader's language", () => {
  it('tells a browser without the sign-in what to do: open the address the host printed, with its token', async () => {
    const host = await fixture.startHost();
    await signIn(host.port, host.token);
    await expectInBoth((lang) => httpRequest(host.port, '/', { headers: { 'accept-language': lang } }), 401, SIGN_IN);
    await expectInBoth((lang) => httpRequest(host.port, '/assets/app.js', { headers: { 'accept-language': lang, cookie: `md_session_${host.port}=guess` } }), 401, SIGN_IN);
    // A browser that names no language we speak reads the terminal's.
    expectRefusal(await httpRequest(host.port, '/', { headers: { 'accept-language': 'fr-FR,de;q=0.5' } }), 401, SIGN_IN.en);
    const japanese = await fixture.startHost({ language: 'ja' });
    expectRefusal(await httpRequest(japanese.port, '/'), 401, SIGN_IN.ja);
    expectRefusal(await httpRequest(japanese.port, '/', { headers: { 'accept-language': 'en' } }), 401, SIGN_IN.en);
  });

  it('says why the printed address did not sign in: spent, or not this start', async () => {
    const host = await fixture.startHost();
    await expectInBoth((lang) => httpRequest(host.port, '/?token=from-the-last-start', { headers: { 'accept-language': lang } }), 401, words('tokenWrong'));
    await signIn(host.port, host.token);
    await expectInBoth((lang) => httpRequest(host.port, `/?token=${host.token}`, { headers: { 'accept-language': lang } }), 401, words('tokenSpent'));
  });

  it('refuses another name for the host, and another site, with the right session too', async () => {
    const { host, cookie } = await fixture.signedInHost();
    await expectInBoth((lang) => httpRequest(host.port, '/', { headers: { 'accept-language': lang, cookie, host: `localhost:${host.port}` } }), 403, words('foreignHost'));
    const invoke = (headers: Record<string, string>) =>
      httpRequest(host.port, '/api/invoke', { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{"method":"app.info","args":{}}' });
    await expectInBoth((lang) => invoke({ 'accept-language': lang, origin: 'https://attacker.example' }), 403, words('foreignSite'));
    await expectInBoth((lang) => invoke({ 'accept-language': lang, origin: host.origin, 'sec-fetch-site': 'cross-site' }), 403, words('foreignSite'));
  });

  it('answers an address it cannot read, one with nothing there, and a method it does not take', async () => {
    const { host, cookie } = await fixture.signedInHost();
    await expectInBoth((lang) => rawRequest(host.port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAccept-Language: ${lang}\r\nConnection: close\r\n\r\n`), 400, words('badTarget'));
    await expectInBoth((lang) => httpRequest(host.port, '/no-such-page.html', { headers: { 'accept-language': lang, cookie } }), 404, words('notFound'));
    for (const pathname of ['/api/invoke', '/api/stage?name=a.jpg']) {
      const got = (lang: string) => httpRequest(host.port, pathname, { headers: { 'accept-language': lang, cookie, origin: host.origin } });
      await expectInBoth(got, 405, words('postOnly'));
      expect((await got(JA)).headers.allow).toBe('POST');
    }
    const deleted = (lang: string) => httpRequest(host.port, '/', { method: 'DELETE', headers: { 'accept-language': lang, cookie, origin: host.origin } });
    await expectInBoth(deleted, 405, words('getOnly'));
    expect((await deleted(EN)).headers.allow).toBe('GET, HEAD');
  });

  it('answers a request that does not arrive in time', async () => {
    const { host, cookie } = await fixture.signedInHost({ limits: { requestTimeoutMs: 200 } });
    const trickled = (lang: string) =>
      rawRequest(host.port, `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nAccept-Language: ${lang}\r\nContent-Length: 100\r\n\r\n{"meth`, 1_500);
    await expectInBoth(trickled, 408, words('timeout'));
  });

  it('answers its own failure without its details', async () => {
    const { host, cookie } = await fixture.signedInHost({ routes: [() => Promise.reject(new Error('/home/someone/secret went wrong'))] });
    await expectInBoth((lang) => httpRequest(host.port, '/', { headers: { 'accept-language': lang, cookie } }), 500, words('internal'));
  });

  it("answers a preview's address: expired, a method it does not take, a source that failed", async () => {
    const streams = new MediaStreams();
    const { host, cookie } = await fixture.signedInHost({ routes: [mediaRoute(streams, fixture.app().mediaFailures)] });
    const get = (pathname: string, lang: string, method = 'GET') => httpRequest(host.port, pathname, { method, headers: { 'accept-language': lang, cookie, origin: host.origin } });
    await expectInBoth((lang) => get(`/media/m_${'f'.repeat(32)}`, lang), 404, words('previewExpired'));
    await expectInBoth((lang) => get('/media/anything', lang, 'POST'), 405, words('getOnly'));

    const missing = streams.register(failingSource(new AppError('not_found', phrase('errors:files.notFound'))));
    const reason = { en: english.errors['files.notFound'] ?? '', ja: ja.errors['files.notFound'] ?? '' };
    const failed = words('mediaFailed');
    await expectInBoth((lang) => get(`/media/${missing}`, lang), 502, { en: failed.en.replace('{{reason}}', reason.en), ja: failed.ja.replace('{{reason}}', reason.ja) });
    // A server's own words are not the app's: they stay as they are inside the sentence.
    const remote = streams.register(failingSource(new AppError('remote', 'Upstream said no')));
    await expectInBoth((lang) => get(`/media/${remote}`, lang), 502, { en: failed.en.replace('{{reason}}', 'Upstream said no'), ja: failed.ja.replace('{{reason}}', 'Upstream said no') });
  });

  it('never says the request back, whatever it carries', async () => {
    const { host, cookie } = await fixture.signedInHost();
    const hostile = '<script>alert(1)</script>{{token}}$t(errors:generic.internal)';
    const asked = await httpRequest(host.port, `/${encodeURIComponent(hostile)}?token=${encodeURIComponent(hostile)}`, { headers: { 'accept-language': `ja;q=0.9, ${encodeURIComponent(hostile)}`, cookie } });
    expectRefusal(asked, 404, words('notFound').ja);
    const stranger = await httpRequest(host.port, `/?token=${encodeURIComponent(hostile)}`, { headers: { 'accept-language': hostile.replace(/[^\x20-\x7e]/g, '') } });
    expectRefusal(stranger, 401, words('tokenWrong').en);
  });
});
