// A preview the browser host cannot open: the page reads why, and when that is "the activity log has the details",
// the activity log has them, without the secrets the error quoted and without the request's own words.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MediaStreams, type MediaSubject } from '../../../main/app/media-streams';
import { AppError } from '../../../main/common/errors';
import { english } from '../../../main/common/i18n/catalogue';
import { phrase } from '../../../main/common/i18n/phrase';
import { mediaRoute } from '../../../main/webhost/media-route';
import { refusals } from '../../../main/webhost/replies';
import { failingSource } from '../../helpers/buffer-media-source';
import { SECRETS, hostileError, tempLog, type TempLog } from '../../helpers/media-failure-log';

const failed = (reason: string) => (english.desktop['webhost.page.mediaFailed'] ?? 'missing').replace('{{reason}}', reason);
const TWILIO: MediaSubject = { kind: 'Twilio media', accountId: 'acc_twilio01', name: 'MM0123/ME4567' };

let temp: TempLog;
let streams: MediaStreams;
let server: http.Server;
let origin = '';

beforeAll(async () => {
  // The route on a bare server, asked the way the page asks; the streams and the log are each test's own.
  server = http.createServer((req, res) => {
    const route = mediaRoute(streams, temp.log);
    void route(req, res, new URL(req.url ?? '/', 'http://127.0.0.1'), refusals('en')).then((handled) => handled || res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(async () => {
  temp = await tempLog();
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
});
