// A preview the browser host cannot open: the page reads why, and when that is "the activity log has the details",
// the activity log has them, without the secrets the error quoted and without the request's own words.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaFailureNotes } from '../../../main/app/media-failures';
import { MediaStreams, type MediaSubject } from '../../../main/app/media-streams';
import { AppError } from '../../../main/common/errors';
import { english } from '../../../main/common/i18n/catalogue';
import { phrase } from '../../../main/common/i18n/phrase';
import { mediaRoute } from '../../../main/webhost/media-route';
import { refusals } from '../../../main/webhost/replies';
import { TEST_MEDIA, failingSource } from '../../helpers/buffer-media-source';
import { SECRETS, WINDOW_MS, breakingSource, endlessSource, hostileError, manualClock, notesOn, tempLog, type ManualClock, type TempLog } from '../../helpers/media-failure-log';

const failed = (reason: string) => (english.desktop['webhost.page.mediaFailed'] ?? 'missing').replace('{{reason}}', reason);
const TWILIO: MediaSubject = { kind: 'Twilio media', accountId: 'acc_twilio01', name: 'MM0123/ME4567' };

let temp: TempLog;
let clock: ManualClock;
let notes: MediaFailureNotes;
let streams: MediaStreams;
let server: http.Server;
let origin = '';

beforeAll(async () => {
  // The route on a bare server, asked the way the page asks; the streams and the log are each test's own.
  server = http.createServer((req, res) => {
    const route = mediaRoute(streams, notes);
    void route(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'), refusals('en')).then((handled) => handled || res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(async () => {
  temp = await tempLog();
  clock = manualClock();
  notes = notesOn(temp.log, clock);
  streams = new MediaStreams();
});
afterEach(() => temp.remove());

async function get(token: string, query = ''): Promise<{ status: number; body: string }> {
  const res = await fetch(`${origin}/media/${token}${query}`, { headers: { 'accept-language': 'en' } });
  return { status: res.status, body: await res.text() };
}

describe("the browser host's media route, when a preview cannot be opened", () => {
  it('answers 502 pointing at the activity log, and the log has one error line naming the media, never a secret', async () => {
    const token = streams.register(failingSource(hostileError(), TWILIO));
    const asked = await get(token, `?sig=${SECRETS[0]}`);
    expect(asked).toEqual({ status: 502, body: failed(english.errors['generic.internal'] ?? 'missing') });
    const written = await temp.written();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 'error', scope: 'media', accountId: TWILIO.accountId });
    const line = written[0]?.message ?? '';
    expect(line).toContain('The Twilio media "MM0123/ME4567" could not be opened for a preview: Error: socket hang up');
    expect(line).toContain('[redacted]');
    for (const word of [...SECRETS, token, 'sig=']) expect(line).not.toContain(word);
  });

  it('notes an expected failure as a warning with its code, and a cancelled one not at all', async () => {
    const missing = streams.register(failingSource(new AppError('not_found', phrase('errors:files.notFound'))));
    expect(await get(missing)).toEqual({ status: 502, body: failed(english.errors['files.notFound'] ?? 'missing') });
    const aborted = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect((await get(streams.register(failingSource(aborted)))).status).toBe(502);
    const written = await temp.written();
    expect(written.map(({ level, scope, accountId, message }) => ({ level, scope, accountId, message }))).toEqual([
      { level: 'warn', scope: 'media', accountId: 'acc_test0001', message: 'The library file "Photos/cat.jpg" could not be opened for a preview (not_found): A file or folder was not found.' },
    ]);
  });

  it('writes 300 failing previews of one kind as the first in full and one summary with the count, never a secret', async () => {
    const tokens = Array.from({ length: 300 }, () => streams.register(failingSource(hostileError(), TWILIO)));
    for (const token of tokens) {
      expect((await get(token, `?sig=${SECRETS[0]}`)).status).toBe(502);
      clock.advance(100);
    }
    expect(await temp.written()).toHaveLength(1);
    clock.advance(WINDOW_MS);
    const written = await temp.written();
    expect(written.map(({ level, accountId }) => ({ level, accountId }))).toEqual([
      { level: 'error', accountId: TWILIO.accountId },
      { level: 'error', accountId: TWILIO.accountId },
    ]);
    expect(written[1]?.message).toBe('299 more Twilio media previews could not be opened the same way (internal, account acc_twilio01) within 30 s of the first');
    for (const { message } of written) for (const word of [...SECRETS, 'sig=', ...tokens]) expect(message).not.toContain(word);
    // The window closed: the next failure is written in full again, and nothing waits once nothing repeats.
    await get(streams.register(failingSource(hostileError(), TWILIO)));
    clock.advance(WINDOW_MS);
    expect(await temp.written()).toHaveLength(3);
    expect(clock.waiting).toBe(0);
  });

  it('notes a body that breaks after its headers once, as a warning counted like the rest, never a secret', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${origin}/media/${streams.register(breakingSource(hostileError()))}`);
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
    }
    await vi.waitFor(async () => expect(await temp.written()).toHaveLength(1));
    clock.advance(WINDOW_MS);
    const written = await temp.written();
    expect(written.map(({ level, accountId }) => ({ level, accountId }))).toEqual([
      { level: 'warn', accountId: TEST_MEDIA.accountId },
      { level: 'warn', accountId: TEST_MEDIA.accountId },
    ]);
    expect(written[0]?.message).toMatch(/^The library file "Photos\/cat\.jpg" broke off during its preview \(internal\): .*\(Error: socket hang up: GET https:\/\/api\.example\.test\/Media\/ME1\?token=\[redacted\]/);
    expect(written[1]?.message).toBe('2 more library file previews broke off the same way (internal, account acc_test0001) within 0 s of the first');
    for (const { message } of written) for (const word of SECRETS) expect(message).not.toContain(word);
  });

  it('does not note a viewer that went away in the middle of a body', async () => {
    const source = endlessSource();
    const leaving = new AbortController();
    const res = await fetch(`${origin}/media/${streams.register(source)}`, { signal: leaving.signal });
    const reader = res.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value as Uint8Array | undefined)).toBe('first bytes');
    leaving.abort();
    await vi.waitFor(() => expect(source.bodies[0]?.closed).toBe(true));
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(WINDOW_MS);
    expect(await temp.written()).toEqual([]);
  });
});
