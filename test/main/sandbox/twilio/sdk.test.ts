// The official twilio SDK, an independent client, against the sandbox. It has no base-URL option: its supported
// hook is httpClient, so a RequestClient subclass rewrites each request's origin to the sandbox.
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../helpers.js';

class LoopbackRequestClient extends twilio.RequestClient {
  readonly uris: string[] = [];

  constructor(private readonly origin: string) {
    super();
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const target = new URL(opts.uri);
    const local = new URL(this.origin);
    target.protocol = local.protocol;
    target.host = local.host;
    this.uris.push(`${target.pathname}${target.search}`);
    return super.request({ ...opts, uri: target.toString() });
  }
}

describe('the official twilio SDK against the sandbox', () => {
  let t: TestSandbox;
  let http: LoopbackRequestClient;
  let client: twilio.Twilio;

  beforeAll(async () => {
    t = await startTestSandbox();
    http = new LoopbackRequestClient(t.sandbox.baseUrl);
    const { accountSid, authToken } = t.sandbox.accounts.twilio;
    client = twilio(accountSid, authToken, { accountSid, httpClient: http });
  });
  afterAll(() => t.stop());

  it('lists every media of a message across pages, following next_page_uri', async () => {
    const messageSid = await t.sandbox.twilio.createMessage({ body: 'paging' });
    const seeded = await t.sandbox.twilio.seedMedia(messageSid, 7);
    http.uris.length = 0;
    const media = await client.messages(messageSid).media.list({ pageSize: 3 });
    expect(media.map((m) => m.sid).sort()).toEqual([...seeded].sort());
    const pageRequests = http.uris.filter((u) => u.includes('/Media.json'));
    expect(pageRequests).toHaveLength(3);
    expect(pageRequests.slice(1).every((u) => /PageToken=PA/.test(u))).toBe(true);
  });

  it('lists messages across pages, with a date filter the SDK sends as an ISO date-time', async () => {
    const all = await client.messages.list({ pageSize: 50 });
    expect(all.length).toBe(t.sandbox.twilio.messageSids().length);
    const middle = all[Math.floor(all.length / 2)]!;
    const recent = await client.messages.list({ dateSentAfter: middle.dateSent, pageSize: 20 });
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every((m) => m.dateSent.getTime() >= middle.dateSent.getTime())).toBe(true);
    const toOne = await client.messages.list({ to: middle.to, pageSize: 10 });
    expect(toOne.length).toBeGreaterThan(0);
    expect(toOne.every((m) => m.to === middle.to)).toBe(true);
  });

  it('fetches a message and a media, and removes the media', async () => {
    const messageSid = await t.sandbox.twilio.createMessage();
    const [first, second] = await t.sandbox.twilio.seedMedia(messageSid, 2);
    const message = await client.messages(messageSid).fetch();
    expect(message.numMedia).toBe('2');
    const media = await client.messages(messageSid).media(first!).fetch();
    expect(media.sid).toBe(first);
    expect(media.parentSid).toBe(messageSid);
    expect(media.accountSid).toBe(t.sandbox.accounts.twilio.accountSid);
    expect(['image/jpeg', 'video/mp4']).toContain(media.contentType);
    expect(media.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(media.dateCreated.getTime())).toBe(false);

    expect(await client.messages(messageSid).media(first!).remove()).toBe(true);
    await expect(client.messages(messageSid).media(first!).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    const left = await client.messages(messageSid).media.list();
    expect(left.map((m) => m.sid)).toEqual([second]);
    expect((await client.messages(messageSid).fetch()).numMedia).toBe('1');
  });

  it('authenticates with an API key and secret', async () => {
    const { accountSid, apiKeySid, apiKeySecret } = t.sandbox.accounts.twilio;
    const keyed = twilio(apiKeySid, apiKeySecret, { accountSid, httpClient: new LoopbackRequestClient(t.sandbox.baseUrl) });
    const page = await keyed.messages.page({ pageSize: 5 });
    expect(page.instances).toHaveLength(5);
  });

  it('gets RestExceptions with Twilio codes for bad credentials and unknown sids', async () => {
    const { accountSid, authToken, apiKeySid } = t.sandbox.accounts.twilio;
    // One character changed: a token that already ended in 0 stayed right with a 0 put last (1 run in 16 failed).
    const wrongToken = `${authToken.slice(0, -1)}${authToken.endsWith('0') ? '1' : '0'}`;
    const wrong = twilio(accountSid, wrongToken, { accountSid, httpClient: new LoopbackRequestClient(t.sandbox.baseUrl) });
    await expect(wrong.messages.list({ limit: 1 })).rejects.toMatchObject({ status: 401, code: 20003 });
    // An API key SID never works with the Auth Token.
    const mixed = twilio(apiKeySid, authToken, { accountSid, httpClient: new LoopbackRequestClient(t.sandbox.baseUrl) });
    await expect(mixed.messages.list({ limit: 1 })).rejects.toMatchObject({ status: 401, code: 20003 });
    await expect(client.messages(`MM${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});
