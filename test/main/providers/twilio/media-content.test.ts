import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_SID, AUTH_TOKEN, makeMessages, sid } from './support/fake-data.js';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.js';
import { authTokenClient, basic, recordingSleep } from './support/clients.js';

let fake: FakeTwilio;
const extraServers: http.Server[] = [];
beforeEach(async () => {
  fake = await startFakeTwilio(makeMessages(2, '2024-03-01', 1));
});
afterEach(async () => {
  await fake.close();
  for (const server of extraServers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

/** A third origin that only redirects, recording the Authorization header it received. */
async function startHopServer(location: () => string, seen: Array<string | undefined>): Promise<string> {
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(307, { location: location(), 'content-type': 'application/xml' });
    res.end('<TwilioResponse/>');
  });
  extraServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const messageSid = sid('MM', 1);
const mediaOf = (f: FakeTwilio) => f.messages[0]?.media[0] ?? { sid: '', bytes: Buffer.alloc(0) };

describe('openMediaContent', () => {
  it('follows the redirect to the media host; only the API origin receives the credentials', async () => {
    const media = mediaOf(fake);
    const content = await authTokenClient(fake.baseUrl).openMediaContent(messageSid, media.sid);
    expect(await text(content.body)).toBe(media.bytes.toString());
    expect(content).toMatchObject({ status: 200, contentType: 'image/jpeg', contentLength: media.bytes.length });

    expect(fake.log).toHaveLength(1);
    expect(fake.log[0]?.url).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media/${media.sid}`);
    expect(fake.log[0]?.authorization).toBe(basic(ACCOUNT_SID, AUTH_TOKEN));
    expect(fake.cdnLog).toHaveLength(1);
    expect(fake.cdnLog[0]?.authorization).toBeUndefined();
  });

  it('forwards Range to the final host and reports the partial answer', async () => {
    const media = mediaOf(fake);
    const content = await authTokenClient(fake.baseUrl).openMediaContent(messageSid, media.sid, { range: 'bytes=5-9' });
    expect(content.status).toBe(206);
    expect(content.contentRange).toBe(`bytes 5-9/${media.bytes.length}`);
    expect(await text(content.body)).toBe(media.bytes.subarray(5, 10).toString());
    expect(fake.log[0]?.range).toBe('bytes=5-9');
    expect(fake.cdnLog[0]?.range).toBe('bytes=5-9');
  });

  it('after leaving the API origin, never sends the credentials again, even back on the API origin', async () => {
    const media = mediaOf(fake);
    const hopSeen: Array<string | undefined> = [];
    // API -> another origin -> back to the API's suffix-less URL (answered by the CDN redirect the second time).
    let apiCalls = 0;
    const hop = await startHopServer(() => `${fake.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media/${media.sid}?again=1`, hopSeen);
    const cdnRedirect = fake.mediaRedirect;
    fake.mediaRedirect = (mediaSid) => (apiCalls++ === 0 ? { status: 302, location: `${hop}/hop` } : cdnRedirect(mediaSid));
    const content = await authTokenClient(fake.baseUrl).openMediaContent(messageSid, media.sid);
    content.body.resume();

    expect(fake.log.map((r) => r.authorization !== undefined)).toEqual([true, false]);
    expect(hopSeen).toEqual([undefined]);
    expect(fake.cdnLog[0]?.authorization).toBeUndefined();
  });

  it('a redirect loop stops with a clear error', async () => {
    const hopSeen: Array<string | undefined> = [];
    const hop = await startHopServer(() => `${fake.baseUrl}/loop`, hopSeen);
    fake.mediaRedirect = () => ({ status: 302, location: `${hop}/hop` });
    fake.queue({ match: /\/loop$/, status: 302, headers: { location: `${hop}/hop` } });
    const err = authTokenClient(fake.baseUrl).openMediaContent(messageSid, mediaOf(fake).sid);
    await expect(err).rejects.toMatchObject({ code: 'protocol', message: expect.stringMatching(/redirected in a loop/) });
  });

  it('more than five redirects stop with a clear error', async () => {
    let n = 0;
    const hopSeen: Array<string | undefined> = [];
    const hop = await startHopServer(() => `/hop/${++n}`, hopSeen);
    fake.mediaRedirect = () => ({ status: 307, location: `${hop}/hop/0` });
    const err = authTokenClient(fake.baseUrl).openMediaContent(messageSid, mediaOf(fake).sid);
    await expect(err).rejects.toMatchObject({ code: 'protocol', message: expect.stringMatching(/more than 5 times/) });
    expect(hopSeen).toHaveLength(5);
  });

  it('takes the file name from the final Content-Disposition, else the SID and an extension for the type', async () => {
    const [first, second] = fake.messages.map((m) => m.media[0]);
    if (!first || !second) throw new Error('fixture');
    first.fileName = 'holiday photo.jpg';
    second.contentType = 'video/mp4';
    const client = authTokenClient(fake.baseUrl);
    const named = await client.openMediaContent(sid('MM', 1), first.sid);
    const unnamed = await client.openMediaContent(sid('MM', 2), second.sid);
    named.body.resume();
    unnamed.body.resume();
    expect(named.fileName).toBe('holiday photo.jpg');
    expect(unnamed.fileName).toBe(`${second.sid}.mp4`);
    expect(unnamed.contentType).toBe('video/mp4');
  });

  it("an expired link on the media host is a clear error naming that host", async () => {
    fake.mediaRedirect = () => ({ status: 302, location: `${fake.cdnUrl}/signed/ME0?Signature=old` });
    const err = authTokenClient(fake.baseUrl).openMediaContent(messageSid, mediaOf(fake).sid);
    await expect(err).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining(new URL(fake.cdnUrl).host) });
  });

  it('a 429 from the API is retried with the whole chain', async () => {
    const { waits, sleep } = recordingSleep();
    fake.queue({ match: /Media\/ME\w+$/, status: 429, headers: { 'retry-after': '3' }, body: '{"code":20429,"message":"Too Many Requests","status":429}' });
    const content = await authTokenClient(fake.baseUrl, { sleep }).openMediaContent(messageSid, mediaOf(fake).sid);
    expect(await text(content.body)).toBe(mediaOf(fake).bytes.toString());
    expect(waits).toEqual([3000]);
  });

  it('refuses a malformed range before any request', async () => {
    await expect(authTokenClient(fake.baseUrl).openMediaContent(messageSid, mediaOf(fake).sid, { range: 'bytes=abc' })).rejects.toMatchObject({ code: 'validation' });
    expect(fake.log).toHaveLength(0);
  });

  it('gives the API address of the media for copying, with no credentials in it', () => {
    const url = authTokenClient(fake.baseUrl).mediaUrl(messageSid, mediaOf(fake).sid);
    expect(url).toBe(`${fake.baseUrl}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${messageSid}/Media/${mediaOf(fake).sid}`);
    expect(url).not.toContain(AUTH_TOKEN);
  });
});
