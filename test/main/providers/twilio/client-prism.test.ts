// The client against Prism serving Twilio's own OpenAPI subset: every request it makes is one the spec accepts
// (Prism's verdict, plus the spec-check for what Prism skips), and it reads the spec's example answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioClient, type TwilioClient } from '../../../../main/providers/twilio/index.js';
import { startPrism, startRecordingProxy, type Prism, type RecordingProxy } from './support/prism.js';
import { spec, specProblems } from './support/spec-check.js';

const ACCOUNT = 'ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const MESSAGE = 'MMc26223853f8c46b4ab7dfaa6abba0a26';
const MEDIA = 'MEaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const TOKEN = 'b1a2c3d4e5f60718293a4b5c6d7e8f90';

let prism: Prism;
let proxy: RecordingProxy;
let client: TwilioClient;

beforeAll(async () => {
  prism = await startPrism();
  proxy = await startRecordingProxy(prism.url);
  client = createTwilioClient({ baseUrl: proxy.url, accountSid: ACCOUNT, credential: { kind: 'authToken', authToken: TOKEN } });
});
afterAll(async () => {
  await proxy?.close();
  await prism?.stop();
});
beforeEach(() => {
  proxy.requests.length = 0;
});

/** The first example of an operation's answer in the spec, as Prism serves it. */
function example(path: string, method: 'get'): Record<string, unknown> {
  const content = (spec.paths[path]?.[method] as { responses: Record<string, { content: Record<string, { examples: Record<string, { value: unknown }> }> }> })
    .responses['200']?.content['application/json']?.examples;
  const first = Object.values(content ?? {})[0];
  if (!first) throw new Error(`no example for ${path}`);
  return first.value as Record<string, unknown>;
}
const iso = (rfc2822: unknown) => new Date(Date.parse(String(rfc2822))).toISOString().replace('.000Z', 'Z');

/** Prism's complaints about the request itself (its own examples' relative URIs earn response-side ones). */
function requestViolations(): string[] {
  return proxy.requests.flatMap((r) => r.violations.filter((v) => v.location[0] === 'request').map((v) => `${r.method} ${r.url}: ${v.message}`));
}

/**
 * Every request got a 2xx from Prism without a request-side violation, and passes the spec-check. A next-page
 * link is Twilio's own text followed verbatim, so it only has to satisfy Prism: the spec's example link writes
 * `DateSent>=2008-01-02`, a bare day its own parameter schema (date-time) would refuse.
 */
function expectAllAccepted(followedLinks: string[] = []): void {
  expect(proxy.requests.length).toBeGreaterThan(0);
  for (const r of proxy.requests) {
    expect(r.status, `${r.method} ${r.url}`).toBeLessThan(300);
    if (!followedLinks.includes(r.url)) expect(specProblems(r.method, r.url), `${r.method} ${r.url}`).toEqual([]);
  }
  expect(requestViolations()).toEqual([]);
}

describe('every request the client makes is one the spec accepts', () => {
  it('message listing with every filter, and the next page', async () => {
    const page = await client.listMessages({ to: '+15558881111', from: '+15557770000', dateSentAfter: '2019-05-01', dateSentBefore: '2019-05-31', pageSize: 2 });
    await client.listMessages({ dateSent: '2019-05-24' });
    const link = page.nextPageUri ?? '';
    await client.nextMessages(link);
    expect(proxy.requests).toHaveLength(3);
    expect(proxy.requests[2]?.url).toBe(link);
    expectAllAccepted([link]);
  });

  it('message fetch, media listing with date filters, media fetch and delete', async () => {
    await client.getMessage(MESSAGE);
    await client.listMedia(MESSAGE, { dateCreatedAfter: '2015-08-01', dateCreatedBefore: '2015-08-31', pageSize: 1000 });
    await client.listMedia(MESSAGE, { dateCreated: '2015-08-16' });
    await client.getMedia(MESSAGE, MEDIA);
    await client.deleteMedia(MESSAGE, MEDIA);
    expect(proxy.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET', 'DELETE']);
    expectAllAccepted();
  });

  it('with an API key too', async () => {
    const keyed = createTwilioClient({ baseUrl: proxy.url, accountSid: ACCOUNT, credential: { kind: 'apiKey', apiKeySid: `SK${'b'.repeat(32)}`, apiKeySecret: 'c'.repeat(32) } });
    await keyed.listMessages({ pageSize: 50 });
    expectAllAccepted();
  });

  it('the checks do catch requests the spec refuses', async () => {
    // Prism refuses a PageSize over 1000 and a bare day where a date-time is declared...
    const res = await fetch(`${proxy.url}/2010-04-01/Accounts/${ACCOUNT}/Messages.json?PageSize=1001`, { headers: { authorization: `Basic ${btoa(`${ACCOUNT}:${TOKEN}`)}` } });
    expect(res.status).toBe(422);
    // ...while the inequality parameters and unknown ones need the spec-check.
    expect(specProblems('GET', `/2010-04-01/Accounts/${ACCOUNT}/Messages/${MESSAGE}/Media.json?DateCreated%3C=2015-08-16`)).toHaveLength(1);
    expect(specProblems('GET', `/2010-04-01/Accounts/${ACCOUNT}/Messages.json?WithMedia=true`)).toHaveLength(1);
    expect(specProblems('GET', `/2010-04-01/Accounts/${ACCOUNT}/Messages/SM123/Media.json`)).toHaveLength(1);
  });
});

describe("the client reads the spec's example answers", () => {
  it('list messages', async () => {
    const expected = example('/2010-04-01/Accounts/{AccountSid}/Messages.json', 'get');
    const messages = expected.messages as Array<Record<string, unknown>>;
    const page = await client.listMessages();
    expect(page.items.map((m) => m.sid)).toEqual(messages.map((m) => m.sid));
    expect(page.items.map((m) => m.num_media)).toEqual(messages.map((m) => m.num_media));
    expect(page.items.map((m) => m.date_sent_iso)).toEqual(messages.map((m) => iso(m.date_sent)));
    expect(page.items.map((m) => m.error_code)).toEqual(messages.map((m) => m.error_code));
    expect(page.items[1]?.subresource_uris).toEqual(messages[1]?.subresource_uris);
    expect(page.nextPageUri).toBe(expected.next_page_uri);
  });

  it('list messages with media only keeps the example message that has some', async () => {
    const messages = example('/2010-04-01/Accounts/{AccountSid}/Messages.json', 'get').messages as Array<Record<string, unknown>>;
    const page = await client.listMessages({ withMediaOnly: true, pageSize: 2 });
    expect(page.items.map((m) => m.sid)).toEqual(messages.filter((m) => Number(m.num_media) > 0).map((m) => m.sid));
  });

  it('fetch message', async () => {
    const expected = example('/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json', 'get');
    const message = await client.getMessage(MESSAGE);
    expect(message).toMatchObject({ sid: expected.sid, body: expected.body, status: expected.status, direction: expected.direction, price: expected.price });
    expect(message.date_created_iso).toBe(iso(expected.date_created));
  });

  it('list media', async () => {
    const expected = example('/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json', 'get');
    const list = expected.media_list as Array<Record<string, unknown>>;
    const page = await client.listMedia(MESSAGE);
    expect(page.items.map((m) => m.sid)).toEqual(list.map((m) => m.sid));
    expect(page.items.map((m) => m.date_created_iso)).toEqual(list.map((m) => iso(m.date_created)));
    expect(page.nextPageUri).toBeNull();
  });

  it('fetch media', async () => {
    const expected = example('/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{Sid}.json', 'get');
    const media = await client.getMedia(MESSAGE, MEDIA);
    expect(media).toEqual({
      sid: expected.sid,
      account_sid: expected.account_sid,
      parent_sid: expected.parent_sid,
      content_type: expected.content_type,
      date_created: expected.date_created,
      date_updated: expected.date_updated,
      date_created_iso: iso(expected.date_created),
      date_updated_iso: iso(expected.date_updated),
      uri: expected.uri,
    });
  });

  it('delete media (204, no body)', async () => {
    await expect(client.deleteMedia(MESSAGE, MEDIA)).resolves.toBeUndefined();
    expect(proxy.requests[0]?.status).toBe(204);
  });
});
