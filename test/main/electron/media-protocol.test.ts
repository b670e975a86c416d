import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MediaStreams, type MediaSubject } from '../../../main/app/media-streams';
import { AppError } from '../../../main/common/errors';
import type { Language } from '../../../main/common/i18n/languages';
import { phrase } from '../../../main/common/i18n/phrase';
import { mediaUrlFor, serveMediaRequest } from '../../../main/electron/media-protocol';
import { TEST_MEDIA, bufferSource, failingSource } from '../../helpers/buffer-media-source';
import { SECRETS, hostileError, tempLog, type TempLog } from '../../helpers/media-failure-log';

const bytes = Buffer.from('0123456789abcdefghij');
const english = (): Language => 'en';

let temp: TempLog;
beforeEach(async () => {
  temp = await tempLog();
});
afterEach(() => temp.remove());

/** A refusal as a person reads it where the media should be: the status and exactly these words, as plain text. */
async function expectRefusal(res: Response, status: number, said: string): Promise<void> {
  expect({ status: res.status, body: await res.text() }).toEqual({ status, body: said });
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('the media-desk-media:// protocol', () => {
  it('streams a registered source, passing Range through so that video can seek', async () => {
    const streams = new MediaStreams();
    const source = bufferSource(bytes, 'video/mp4');
    const url = mediaUrlFor(streams.register(source));
    expect(url).toMatch(/^media-desk-media:\/\/media\/m_/);
    const res = await serveMediaRequest(streams, { url, method: 'GET', headers: new Headers({ range: 'bytes=5-9' }) }, english, temp.log);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 5-9/20');
    expect(await res.text()).toBe('56789');
    expect(source.opened).toEqual(['bytes=5-9']);
  });

  it("answers 404 for an unknown or expired token and 405 for writes, in the app's language", async () => {
    const streams = new MediaStreams();
    let language: Language = 'en';
    const ask = (url: string, method = 'GET') => serveMediaRequest(streams, { url, method, headers: new Headers() }, () => language, temp.log);
    const expired = mediaUrlFor(`m_${'a'.repeat(32)}`);
    await expectRefusal(await ask(expired), 404, 'This preview has expired; open it again.');
    const url = mediaUrlFor(streams.register(bufferSource(bytes, 'image/jpeg')));
    const write = await ask(url, 'PUT');
    expect(write.headers.get('allow')).toBe('GET, HEAD');
    await expectRefusal(write, 405, 'Method not allowed: this address takes only GET and HEAD requests.');
    // Settings → Language applies at once: the next answer is in the new language.
    language = 'ja';
    await expectRefusal(await ask(expired), 404, 'このプレビューは期限切れです。もう一度開いてください。');
    await expectRefusal(await ask(url, 'PUT'), 405, 'このメソッドは使えません。このアドレスが受け付けるのは GET と HEAD のリクエストだけです。');
  });

  it("reports a failing source as 502 with the error's phrase in the app's language, never its log text", async () => {
    const streams = new MediaStreams();
    const ask = async (open: () => Promise<never>, language: Language) => {
      const url = mediaUrlFor(streams.register({ subject: TEST_MEDIA, open }));
      return serveMediaRequest(streams, { url, method: 'GET', headers: new Headers() }, () => language, temp.log);
    };
    const missing = () => Promise.reject(new AppError('not_found', phrase('errors:files.notFound')));
    await expectRefusal(await ask(missing, 'en'), 502, 'This media could not be loaded: A file or folder was not found.');
    await expectRefusal(await ask(missing, 'ja'), 502, 'このメディアを読み込めませんでした：ファイルまたはフォルダーが見つかりません。');
    // Not an AppError: its words are for the log (a path, a stack), the reader gets the app's own sentence.
    const boom = () => Promise.reject(new Error('boom in /home/ana/.config/secret'));
    await expectRefusal(await ask(boom, 'en'), 502, 'This media could not be loaded: Something went wrong inside Media Desk. The activity log has the details.');
    await expectRefusal(await ask(boom, 'ja'), 502, 'このメディアを読み込めませんでした：Media Desk の内部で問題が発生しました。詳細はアクティビティログにあります。');
    // A server's own words are not the app's: they stay as they are inside the sentence, never read as a template.
    const remote = () => Promise.reject(new AppError('remote', 'Upstream said {{reason}} $t(desktop:menu.file)'));
    await expectRefusal(await ask(remote, 'ja'), 502, 'このメディアを読み込めませんでした：Upstream said {{reason}} $t(desktop:menu.file)');
  });

  it('never says the request back, whatever it carries', async () => {
    const streams = new MediaStreams();
    const hostile = '<script>alert(1)</script>{{reason}}$t(errors:generic.internal)';
    const failing = mediaUrlFor(streams.register(failingSource(new Error('closed'))));
    const headers = new Headers({ range: `bytes=${encodeURIComponent(hostile)}`, 'accept-language': 'en' });
    const asked = [
      { url: `${mediaUrlFor(encodeURIComponent(hostile))}?q=${encodeURIComponent(hostile)}`, method: 'GET', headers },
      { url: `media-desk-media://${encodeURIComponent('{{x}}')}.example/${encodeURIComponent(hostile)}`, method: 'GET', headers },
      { url: `${failing}?q=${encodeURIComponent(hostile)}`, method: 'GET', headers },
    ];
    for (const request of asked) {
      const body = await (await serveMediaRequest(streams, request, () => 'ja', temp.log)).text();
      expect(body).toMatch(/^この/);
      for (const word of ['script', '{{', '$t(', 'alert', 'x.example', 'closed']) expect(body).not.toContain(word);
    }
  });

  it('logs each failure it answers: an error line naming the media behind the pointer to the log, never a secret', async () => {
    const streams = new MediaStreams();
    const voicemail: MediaSubject = { kind: 'voicemail', accountId: 'acc_voice001', name: '4711/4711.mp3' };
    const token = streams.register(failingSource(hostileError(), voicemail));
    const url = `${mediaUrlFor(token)}?sig=${SECRETS[0]}`;
    const res = await serveMediaRequest(streams, { url, method: 'GET', headers: new Headers({ authorization: `Basic ${SECRETS[1]}` }) }, english, temp.log);
    await expectRefusal(res, 502, 'This media could not be loaded: Something went wrong inside Media Desk. The activity log has the details.');
    const written = await temp.written();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 'error', scope: 'media', accountId: 'acc_voice001' });
    const line = written[0]?.message ?? '';
    expect(line).toContain('The voicemail "4711/4711.mp3" could not be opened for a preview: Error: socket hang up');
    expect(line).toContain('[redacted]');
    for (const word of [...SECRETS, token, 'sig=']) expect(line).not.toContain(word);
  });

  it('notes an expected failure as a warning with its code, and a cancelled one not at all', async () => {
    const streams = new MediaStreams();
    const ask = (err: Error) => serveMediaRequest(streams, { url: mediaUrlFor(streams.register(failingSource(err))), method: 'GET', headers: new Headers() }, english, temp.log);
    await expectRefusal(await ask(new AppError('forbidden', 'Upstream refused')), 502, 'This media could not be loaded: Upstream refused');
    expect((await ask(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }))).status).toBe(502);
    const written = await temp.written();
    expect(written.map(({ level, scope, accountId, message }) => ({ level, scope, accountId, message }))).toEqual([
      { level: 'warn', scope: 'media', accountId: 'acc_test0001', message: 'The library file "Photos/cat.jpg" could not be opened for a preview (forbidden): Upstream refused' },
    ]);
  });
});
