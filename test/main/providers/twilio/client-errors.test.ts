import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { ACCOUNT_SID, makeMessages, sid, twilioErrorBody } from './support/fake-data.js';
import { startFakeTwilio, type CannedAnswer, type FakeTwilio } from './support/fake-twilio.js';
import { authTokenClient, recordingSleep } from './support/clients.js';
import { createTwilioClient } from '../../../../main/providers/twilio/index.js';

let fake: FakeTwilio;
beforeEach(async () => {
  fake = await startFakeTwilio(makeMessages(3, '2024-03-01', 2));
});
afterEach(async () => {
  await fake.close();
});

const rateLimited = (retryAfter?: string): CannedAnswer => ({
  match: /Messages\.json/,
  status: 429,
  headers: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  body: twilioErrorBody(20429, 'Too Many Requests', 429),
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('429: retried with backoff', () => {
  it('waits what Retry-After asks, then succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    fake.queue(rateLimited('2'));
    const page = await authTokenClient(fake.baseUrl, { sleep }).listMessages();
    expect(waits).toEqual([2000]);
    expect(fake.log).toHaveLength(2);
    expect(page.items).toHaveLength(fake.messages.length);
  });

  it('without Retry-After, doubles the wait at each retry', async () => {
    const { waits, sleep } = recordingSleep();
    fake.queue(rateLimited());
    fake.queue(rateLimited());
    fake.queue(rateLimited());
    await authTokenClient(fake.baseUrl, { sleep, retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 } }).listMessages();
    expect(waits).toEqual([100, 200, 400]);
  });

  it('gives up after the allowed attempts and says it was rate limited', async () => {
    const { waits, sleep } = recordingSleep();
    for (let i = 0; i < 3; i += 1) fake.queue(rateLimited('1'));
    const err = await failure(authTokenClient(fake.baseUrl, { sleep, retry: { maxAttempts: 3 } }).listMessages());
    expect(err.code).toBe('rate_limited');
    expect(err.message).toBe('Twilio error 20429: Too Many Requests');
    expect(err.details).toMatchObject({ status: 429, remoteCode: 20429, retryAfter: 1 });
    expect(waits).toEqual([1000, 1000]);
    expect(fake.log).toHaveLength(3);
  });

  it('does not wait longer than the policy allows: a long Retry-After is reported instead', async () => {
    const { waits, sleep } = recordingSleep();
    fake.queue(rateLimited('3600'));
    const err = await failure(authTokenClient(fake.baseUrl, { sleep, retry: { maxDelayMs: 30_000 } }).listMessages());
    expect(err.code).toBe('rate_limited');
    expect(err.details?.retryAfter).toBe(3600);
    expect(waits).toEqual([]);
  });

  it('a stop during the wait cancels the call', async () => {
    const controller = new AbortController();
    fake.queue(rateLimited('1'));
    const sleep = async (): Promise<void> => {
      controller.abort();
      throw new AppError('cancelled', 'Cancelled.');
    };
    const err = await failure(authTokenClient(fake.baseUrl, { sleep }).listMessages({}, { signal: controller.signal }));
    expect(err.code).toBe('cancelled');
    expect(fake.log).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('a stop while the answer is arriving is reported as cancelled, not as a dropped connection', async () => {
    const controller = new AbortController();
    const slow = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      // Half an answer, then the user presses stop while the rest is awaited.
      res.write('{"messages": [', () => setTimeout(() => controller.abort(), 20));
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const err = await failure(authTokenClient(`http://127.0.0.1:${(slow.address() as AddressInfo).port}`).listMessages({}, { signal: controller.signal }));
      expect(err.code).toBe('cancelled');
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

describe('404 for a message that may have just arrived', () => {
  const missing = (path: RegExp) => ({ match: path, status: 404, body: twilioErrorBody(20404, 'The requested resource was not found', 404) });

  it('getMessage retries once after a short wait', async () => {
    const { waits, sleep } = recordingSleep();
    fake.queue(missing(/Messages\/MM\w+\.json/));
    const message = await authTokenClient(fake.baseUrl, { sleep, notFoundRetryDelayMs: 1234 }).getMessage(sid('MM', 1));
    expect(message.sid).toBe(sid('MM', 1));
    expect(waits).toEqual([1234]);
    expect(fake.log).toHaveLength(2);
  });

  it('listMedia retries once too', async () => {
    const { waits, sleep } = recordingSleep();
    fake.queue(missing(/Media\.json/));
    const page = await authTokenClient(fake.baseUrl, { sleep }).listMedia(sid('MM', 1));
    expect(page.items).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('only once: a message that stays missing is reported as not found', async () => {
    const { waits, sleep } = recordingSleep();
    const err = await failure(authTokenClient(fake.baseUrl, { sleep }).getMessage(sid('MM', 99)));
    expect(err.code).toBe('not_found');
    expect(waits).toHaveLength(1);
    expect(fake.log).toHaveLength(2);
  });

  it('a 404 for a media item is not retried', async () => {
    const { waits, sleep } = recordingSleep();
    const err = await failure(authTokenClient(fake.baseUrl, { sleep }).getMedia(sid('MM', 1), sid('ME', 99)));
    expect(err.code).toBe('not_found');
    expect(waits).toEqual([]);
    expect(fake.log).toHaveLength(1);
  });
});

describe("Twilio's errors as the user sees them", () => {
  it('a Twilio-shaped 404 keeps its code, message and more_info', async () => {
    const err = await failure(authTokenClient(fake.baseUrl).getMedia(sid('MM', 1), sid('ME', 99)));
    const path = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid('MM', 1)}/Media/${sid('ME', 99)}.json`;
    expect(err.message).toBe(`Twilio error 20404: The requested resource ${path} was not found`);
    expect(err.details).toEqual({ status: 404, remoteCode: 20404, moreInfo: 'https://www.twilio.com/docs/errors/20404' });
  });

  it('401 is unauthorized and says what to check, without the secret', async () => {
    const client = createTwilioClient({ baseUrl: fake.baseUrl, accountSid: ACCOUNT_SID, credential: { kind: 'authToken', authToken: 'ffffffffffffffffffffffffffffffff' } });
    const err = await failure(client.listMessages());
    expect(err.code).toBe('unauthorized');
    expect(err.details).toMatchObject({ status: 401, remoteCode: 20003 });
    expect(err.message).toMatch(/^Twilio error 20003: Authenticate\. Check the Account SID and the Auth Token/);
    expect(err.message).not.toContain('ffffffff');
  });

  it('a server error is reported once, not retried', async () => {
    const { waits, sleep } = recordingSleep();
    fake.queue({ match: /Messages\.json/, status: 503, body: '<html>Service Unavailable</html>' });
    const err = await failure(authTokenClient(fake.baseUrl, { sleep }).listMessages());
    expect(err.code).toBe('remote');
    expect(err.message).toMatch(/HTTP 503/);
    expect(waits).toEqual([]);
    expect(fake.log).toHaveLength(1);
  });

  it('a 200 whose body is not JSON is a protocol error naming what came instead', async () => {
    fake.queue({ match: /Messages\.json/, status: 200, headers: { 'content-type': 'text/html' }, body: '<html>captive portal</html>' });
    const err = await failure(authTokenClient(fake.baseUrl).listMessages());
    expect(err.code).toBe('protocol');
    expect(err.message).toMatch(/not JSON \(text\/html\)/);
  });

  it('a JSON body of the wrong shape is a protocol error saying which field', async () => {
    fake.queue({ match: /Messages\.json/, status: 200, body: JSON.stringify({ messages: [{ sid: 'XX123', num_media: 3 }] }) });
    const err = await failure(authTokenClient(fake.baseUrl).listMessages());
    expect(err.code).toBe('protocol');
    expect(err.message).toMatch(/messages\.0\.sid is not a valid message SID/);
  });

  it('a page without its list is a protocol error', async () => {
    fake.queue({ match: /Media\.json/, status: 200, body: JSON.stringify({ next_page_uri: null }) });
    const err = await failure(authTokenClient(fake.baseUrl).listMedia(sid('MM', 1)));
    expect(err.code).toBe('protocol');
    expect(err.message).toMatch(/media_list/);
  });

  it('an unparsable date is a protocol error', async () => {
    const media = { sid: sid('ME', 1), date_created: 'yesterday-ish' };
    fake.queue({ match: /Media\/ME\w+\.json/, status: 200, body: JSON.stringify(media) });
    const err = await failure(authTokenClient(fake.baseUrl).getMedia(sid('MM', 1), sid('ME', 1)));
    expect(err.code).toBe('protocol');
    expect(err.message).toMatch(/date_created is not an RFC 2822 date/);
  });

  it('bad arguments are refused before any request', async () => {
    const client = authTokenClient(fake.baseUrl);
    await expect(client.getMessage('SM123')).rejects.toMatchObject({ code: 'validation', details: { field: 'messageSid' } });
    await expect(client.getMedia(sid('MM', 1), '../../Accounts')).rejects.toMatchObject({ code: 'validation', details: { field: 'mediaSid' } });
    await expect(client.listMessages({ pageSize: 1001 })).rejects.toMatchObject({ code: 'validation', details: { field: 'filters.pageSize' } });
    await expect(client.listMessages({ dateSentAfter: '2024-02-30' })).rejects.toMatchObject({ code: 'validation' });
    await expect(client.listMessages({ dateSentAfter: '2024-03-05', dateSentBefore: '2024-03-01' })).rejects.toMatchObject({ code: 'validation' });
    await expect(client.listMedia(sid('MM', 1), { unknown: 1 } as never)).rejects.toMatchObject({ code: 'validation' });
    expect(fake.log).toHaveLength(0);
  });

  it('an iteration with bad arguments fails at its first step, as an async generator does, and asks nothing', async () => {
    const client = authTokenClient(fake.baseUrl);
    const media = client.iterateMedia('MM../Messages', { pageSize: 3 });
    await expect(media.next()).rejects.toMatchObject({ code: 'validation', details: { field: 'messageSid' } });
    await expect(media.next()).resolves.toMatchObject({ done: true });
    await expect(client.iterateMedia(sid('MM', 1), { pageSize: 0 }).next()).rejects.toMatchObject({ code: 'validation', details: { field: 'filters.pageSize' } });
    await expect(client.iterateMessages({ to: '' }).next()).rejects.toMatchObject({ code: 'validation' });
    expect(fake.log).toHaveLength(0);
  });
});

describe('media resources', () => {
  it('deleteMedia gets a 204 and the media is gone', async () => {
    const client = authTokenClient(fake.baseUrl);
    const target = fake.messages[0]?.media[0]?.sid ?? '';
    await client.deleteMedia(sid('MM', 1), target);
    expect(fake.log[0]).toMatchObject({ method: 'DELETE', url: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${sid('MM', 1)}/Media/${target}.json` });
    const left = await client.listMedia(sid('MM', 1));
    expect(left.items.map((m) => m.sid)).not.toContain(target);
    expect(left.items).toHaveLength(1);
  });

  it('getMediaXml returns the raw XML and the same fields as the JSON form', async () => {
    const client = authTokenClient(fake.baseUrl);
    const mediaSid = fake.messages[1]?.media[0]?.sid ?? '';
    const [xml, json] = await Promise.all([client.getMediaXml(sid('MM', 2), mediaSid), client.getMedia(sid('MM', 2), mediaSid)]);
    expect(xml.xml).toMatch(/^<\?xml[\s\S]*<TwilioResponse><Media><Sid>ME/);
    expect(fake.log.map((r) => r.url).some((u) => u.endsWith(`${mediaSid}.xml`))).toBe(true);
    const { uri: xmlUri, ...xmlFields } = xml.media;
    const { uri: jsonUri, ...jsonFields } = json;
    expect(xmlFields).toEqual(jsonFields);
    expect(xmlUri?.replace('.xml', '.json')).toBe(jsonUri);
  });

  it("an XML error answer is read as Twilio's error", async () => {
    const body = '<TwilioResponse><RestException><Code>20404</Code><Message>Not here</Message><MoreInfo>https://www.twilio.com/docs/errors/20404</MoreInfo><Status>404</Status></RestException></TwilioResponse>';
    fake.queue({ match: /\.xml$/, status: 404, body });
    const err = await failure(authTokenClient(fake.baseUrl).getMediaXml(sid('MM', 1), sid('ME', 1)));
    expect(err.message).toBe('Twilio error 20404: Not here');
    expect(err.details).toMatchObject({ remoteCode: 20404, moreInfo: 'https://www.twilio.com/docs/errors/20404' });
  });
});
