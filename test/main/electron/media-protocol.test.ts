import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaFailureNotes } from '../../../main/app/media-failures';
import { MediaStreams, type MediaStreamSource, type MediaSubject } from '../../../main/app/media-streams';
import { AppError } from '../../../main/common/errors';
import type { Language } from '../../../main/common/i18n/languages';
import { phrase } from '../../../main/common/i18n/phrase';
import { mediaUrlFor, serveMediaRequest } from '../../../main/electron/media-protocol';
import { TEST_MEDIA, bufferSource, failingSource } from '../../helpers/buffer-media-source';
import { SECRETS, WINDOW_MS, breakingSource, endlessSource, hostileError, manualClock, notesOn, tempLog, type ManualClock, type TempLog } from '../../helpers/media-failure-log';

const bytes = Buffer.from('0123456789abcdefghij');
const english = (): Language => 'en';

let temp: TempLog;
let clock: ManualClock;
let notes: MediaFailureNotes;
beforeEach(async () => {
  temp = await tempLog();
  clock = manualClock();
  notes = notesOn(temp.log, clock);
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
    const res = await serveMediaRequest(streams, { url, method: 'GET', headers: new Headers({ range: 'bytes=5-9' }) }, english, notes);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 5-9/20');
    expect(await res.text()).toBe('56789');
    expect(source.opened).toEqual(['bytes=5-9']);
  });

  it("answers 404 for an unknown or expired token and 405 for writes, in the app's language", async () => {
    const streams = new MediaStreams();
    let language: Language = 'en';
    const ask = (url: string, method = 'GET') => serveMediaRequest(streams, { url, method, headers: new Headers() }, () => language, notes);
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
      return serveMediaRequest(streams, { url, method: 'GET', headers: new Headers() }, () => language, notes);
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
      const body = await (await serveMediaRequest(streams, request, () => 'ja', notes)).text();
      expect(body).toMatch(/^この/);
      for (const word of ['script', '{{', '$t(', 'alert', 'x.example', 'closed']) expect(body).not.toContain(word);
    }
  });

  it('logs each failure it answers: an error line naming the media behind the pointer to the log, never a secret', async () => {
    const streams = new MediaStreams();
    const voicemail: MediaSubject = { kind: 'voicemail', accountId: 'acc_voice001', name: '4711/4711.mp3' };
    const token = streams.register(failingSource(hostileError(), voicemail));
    const url = `${mediaUrlFor(token)}?sig=${SECRETS[0]}`;
    const res = await serveMediaRequest(streams, { url, method: 'GET', headers: new Headers({ authorization: `Basic ${SECRETS[1]}` }) }, english, notes);
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
    const ask = (err: Error) => serveMediaRequest(streams, { url: mediaUrlFor(streams.register(failingSource(err))), method: 'GET', headers: new Headers() }, english, notes);
    await expectRefusal(await ask(new AppError('forbidden', 'Upstream refused')), 502, 'This media could not be loaded: Upstream refused');
    expect((await ask(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }))).status).toBe(502);
    const written = await temp.written();
    expect(written.map(({ level, scope, accountId, message }) => ({ level, scope, accountId, message }))).toEqual([
      { level: 'warn', scope: 'media', accountId: 'acc_test0001', message: 'The library file "Photos/cat.jpg" could not be opened for a preview (forbidden): Upstream refused' },
    ]);
  });

  const VOICEMAIL: MediaSubject = { kind: 'voicemail', accountId: 'acc_voice001', name: '4711/4711.mp3' };
  const serve = (streams: MediaStreams, source: MediaStreamSource, query = '') =>
    serveMediaRequest(streams, { url: `${mediaUrlFor(streams.register(source))}${query}`, method: 'GET', headers: new Headers() }, english, notes);
  const lines = async () => (await temp.written()).map(({ level, accountId, message }) => ({ level, accountId, message }));

  it('writes 300 failing previews of one kind as the first in full and one summary with the count, never a secret', async () => {
    const streams = new MediaStreams();
    for (let i = 0; i < 300; i++) {
      expect((await serve(streams, failingSource(new AppError('network', `Could not reach https://api.example.test/v?token=${SECRETS[0]} as Basic ${SECRETS[1]}`), VOICEMAIL), `?sig=${SECRETS[0]}`)).status).toBe(502);
      clock.advance(100);
    }
    expect(await temp.written()).toHaveLength(1);
    clock.advance(WINDOW_MS);
    const written = await lines();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatchObject({ level: 'warn', accountId: 'acc_voice001' });
    expect(written[0]?.message).toMatch(/^The voicemail "4711\/4711\.mp3" could not be opened for a preview \(network\): Could not reach .*\[redacted\]/);
    expect(written[1]).toEqual({ level: 'warn', accountId: 'acc_voice001', message: '299 more voicemail previews could not be opened the same way (network, account acc_voice001) within 30 s of the first' });
    for (const { message } of written) for (const word of [...SECRETS, 'sig=']) expect(message).not.toContain(word);
  });

  it('counts each account, kind, code and phase apart, and summarises a late window when its kind fails again', async () => {
    const streams = new MediaStreams();
    const notFound = () => new AppError('not_found', phrase('errors:files.notFound'));
    const other: MediaSubject = { ...TEST_MEDIA, accountId: 'acc_test0002' };
    const asked: Array<[MediaStreamSource, number]> = [
      [failingSource(notFound()), 4],
      [failingSource(notFound(), other), 3],
      [failingSource(notFound(), { ...TEST_MEDIA, kind: 'voicemail' }), 2],
      [failingSource(new AppError('forbidden', 'Upstream refused')), 2],
      [breakingSource(notFound()), 2],
    ];
    for (const [source, times] of asked) {
      for (let i = 0; i < times; i++) await (await serve(streams, source)).text().catch(() => undefined);
    }
    expect(await temp.written()).toHaveLength(5);
    // The timer is late (a busy event loop): the next failure of a kind closes its window first.
    clock.late(WINDOW_MS);
    await serve(streams, failingSource(notFound()));
    expect((await lines()).slice(5)).toEqual([
      { level: 'warn', accountId: 'acc_test0001', message: '3 more library file previews could not be opened the same way (not_found, account acc_test0001) within 0 s of the first' },
      { level: 'warn', accountId: 'acc_test0002', message: '2 more library file previews could not be opened the same way (not_found, account acc_test0002) within 0 s of the first' },
      { level: 'warn', accountId: 'acc_test0001', message: '1 more voicemail preview could not be opened the same way (not_found, account acc_test0001) within 0 s of the first' },
      { level: 'warn', accountId: 'acc_test0001', message: '1 more library file preview could not be opened the same way (forbidden, account acc_test0001) within 0 s of the first' },
      { level: 'warn', accountId: 'acc_test0001', message: '1 more library file preview broke off the same way (not_found, account acc_test0001) within 0 s of the first' },
      { level: 'warn', accountId: 'acc_test0001', message: 'The library file "Photos/cat.jpg" could not be opened for a preview (not_found): A file or folder was not found.' },
    ]);
  });

  it('keeps a bounded count however many kinds fail: the oldest is summarised early', async () => {
    const streams = new MediaStreams();
    for (let i = 0; i < 300; i++) {
      const source = failingSource(new AppError('remote', 'Upstream said no'), { ...TEST_MEDIA, accountId: `acc_${String(i).padStart(8, '0')}` });
      await serve(streams, source);
      await serve(streams, source);
      expect(notes.size).toBeLessThanOrEqual(256);
    }
    expect(await temp.written()).toHaveLength(300 + 300 - 256);
    clock.advance(WINDOW_MS);
    const written = await lines();
    expect(written).toHaveLength(600);
    expect(written.filter(({ message }) => message.startsWith('1 more library file preview could not be opened the same way (remote, account acc_'))).toHaveLength(300);
    expect(notes.size).toBe(0);
  });

  it('notes a body that breaks after its headers, and not a page that stopped reading', async () => {
    const streams = new MediaStreams();
    const broken = await serve(streams, breakingSource(hostileError(), VOICEMAIL));
    expect(broken.status).toBe(200);
    await expect(broken.text()).rejects.toThrow();
    const endless = endlessSource();
    const reader = (await serve(streams, endless)).body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value as Uint8Array | undefined)).toBe('first bytes');
    // A reason of the page's own, not an abort: the page cancelling is what says the viewer left.
    await reader?.cancel(new Error('the page went away'));
    await vi.waitFor(() => expect(endless.bodies[0]?.closed).toBe(true));
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(WINDOW_MS);
    const written = await lines();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 'warn', accountId: 'acc_voice001' });
    expect(written[0]?.message).toMatch(/^The voicemail "4711\/4711\.mp3" broke off during its preview \(internal\): .*socket hang up/);
    for (const word of SECRETS) expect(written[0]?.message).not.toContain(word);
  });
});
