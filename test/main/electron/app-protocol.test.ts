import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../main/common/i18n/languages';
import { ELECTRON_CSP, PRIVILEGED_SCHEMES, serveAppRequest } from '../../../main/electron/app-protocol';
import { makeRendererDir } from '../../helpers/app-harness';

const english = (): Language => 'en';

/** A refusal as a person reads it in the window: the status and exactly these words, as plain text. */
async function expectRefusal(res: Response, status: number, said: string): Promise<void> {
  expect({ status: res.status, body: await res.text() }).toEqual({ status, body: said });
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
}

let dir: string;
beforeAll(async () => {
  dir = await makeRendererDir();
  await fs.writeFile(path.join(path.dirname(dir), 'outside.txt'), 'outside');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the app:// protocol', () => {
  it('serves the renderer files with the CSP', async () => {
    const res = await serveAppRequest(dir, { url: 'app://media-desk/index.html', method: 'GET' }, english);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(ELECTRON_CSP);
    expect(await res.text()).toContain('Media Desk');
  });

  it('has a CSP without inline or eval script', () => {
    const scriptSrc = ELECTRON_CSP.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(ELECTRON_CSP).not.toMatch(/unsafe-(inline|eval)/);
    expect(ELECTRON_CSP).toMatch(/default-src 'none'/);
    expect(ELECTRON_CSP).toMatch(/object-src 'none'/);
  });

  it.each([
    'app://media-desk/../outside.txt',
    'app://media-desk/%2e%2e/outside.txt',
    'app://media-desk/assets/..%2F..%2Foutside.txt',
    'app://media-desk/%2e%2e%5coutside.txt',
    'app://media-desk/.hidden',
    'app://media-desk/missing.js',
    'app://elsewhere/index.html',
  ])('refuses %s', async (url) => {
    const res = await serveAppRequest(dir, { url, method: 'GET' }, english);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside');
  });

  it("answers only GET and HEAD, and says its 400, 404 and 405 in the app's language as it changes", async () => {
    let language: Language = 'en';
    const ask = (url: string, method = 'GET') => serveAppRequest(dir, { url, method }, () => language);
    const write = await ask('app://media-desk/index.html', 'POST');
    expect(write.headers.get('allow')).toBe('GET, HEAD');
    await expectRefusal(write, 405, 'Method not allowed: this address takes only GET and HEAD requests.');
    await expectRefusal(await ask('app://media-desk/missing.js'), 404, 'Not found: Media Desk has nothing at this address.');
    await expectRefusal(await ask('app://elsewhere/index.html'), 404, 'Not found: Media Desk has nothing at this address.');
    await expectRefusal(await ask('not an address'), 400, 'Bad request: Media Desk cannot read this address.');
    // Settings → Language applies at once: the next answer is in the new language.
    language = 'ja';
    await expectRefusal(await ask('app://media-desk/index.html', 'PUT'), 405, 'このメソッドは使えません。このアドレスが受け付けるのは GET と HEAD のリクエストだけです。');
    await expectRefusal(await ask('app://media-desk/missing.js'), 404, '見つかりません。Media Desk のこのアドレスには何もありません。');
    await expectRefusal(await ask('not an address'), 400, 'リクエストが正しくありません。Media Desk はこのアドレスを読み取れません。');
  });

  it('never says the request back, whatever it carries', async () => {
    const hostile = '<script>alert(1)</script>{{reason}}$t(errors:generic.internal)';
    const asked = [
      { url: `app://media-desk/${encodeURIComponent(hostile)}?q=${encodeURIComponent(hostile)}#${encodeURIComponent(hostile)}`, method: 'GET' },
      { url: `app://${encodeURIComponent('{{x}}')}.example/${encodeURIComponent(hostile)}`, method: 'GET' },
      { url: `app://media-desk/${encodeURIComponent(hostile)}`, method: 'DELETE' },
      { url: `${hostile} not an address`, method: 'GET' },
    ];
    const said: string[] = [];
    for (const request of asked) {
      const body = await (await serveAppRequest(dir, request, () => 'ja')).text();
      for (const word of ['script', '{{', '$t(', 'alert', 'x.example', 'DELETE']) expect(body).not.toContain(word);
      said.push(body);
    }
    expect(said).toEqual([
      '見つかりません。Media Desk のこのアドレスには何もありません。',
      '見つかりません。Media Desk のこのアドレスには何もありません。',
      'このメソッドは使えません。このアドレスが受け付けるのは GET と HEAD のリクエストだけです。',
      'リクエストが正しくありません。Media Desk はこのアドレスを読み取れません。',
    ]);
  });

  it('registers app:// as a standard, secure scheme', () => {
    expect(PRIVILEGED_SCHEMES[0]).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
  });
});
