import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_SID, API_KEY_SECRET, API_KEY_SID, AUTH_TOKEN, makeMessages, sid } from './support/fake-data.js';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.js';
import { apiKeyClient, authTokenClient, basic } from './support/clients.js';

let fake: FakeTwilio;
beforeEach(async () => {
  fake = await startFakeTwilio(makeMessages(7, '2024-03-01', 1));
});
afterEach(async () => {
  await fake.close();
});

/** The next_page_uri values the server handed out, read back from the JSON it logged as sent. */
function apiPaths(): string[] {
  return fake.log.map((r) => r.url);
}

describe('paging through messages', () => {
  it('follows next_page_uri verbatim across three pages and never builds Page=N itself', async () => {
    const client = authTokenClient(fake.baseUrl);
    const first = await client.listMessages({ pageSize: 3 });
    const handedOut: string[] = [];
    const seen = [...first.items];
    let next = first.nextPageUri;
    while (next !== null) {
      handedOut.push(next);
      const page = await client.nextMessages(next);
      seen.push(...page.items);
      next = page.nextPageUri;
    }

    expect(handedOut).toHaveLength(2);
    // The requests after the first are exactly the links the server gave, character for character.
    expect(apiPaths().slice(1)).toEqual(handedOut);
    for (const url of apiPaths()) {
      if (/[?&]Page=[1-9]/.test(url)) expect(url).toMatch(/[?&]PageToken=/);
    }
    expect(seen.map((m) => m.sid)).toEqual([...fake.messages].reverse().map((m) => m.sid));
  });

  it('iterates every message to the last page', async () => {
    const client = authTokenClient(fake.baseUrl);
    const sids: string[] = [];
    for await (const message of client.iterateMessages({ pageSize: 2 })) sids.push(message.sid ?? '');
    expect(sids.sort()).toEqual(fake.messages.map((m) => m.sid).sort());
    expect(fake.log).toHaveLength(Math.ceil(fake.messages.length / 2));
  });

  it("spells the filters as Twilio does: To, From, DateSent> / DateSent< and PageSize", async () => {
    const client = authTokenClient(fake.baseUrl);
    const page = await client.listMessages({ to: '+15559999999', from: '+15550000001', dateSentAfter: '2024-03-02', dateSentBefore: '2024-03-05', pageSize: 20 });
    const query = new URL(fake.log[0]?.url ?? '', 'http://x').searchParams;
    expect(query.get('To')).toBe('+15559999999');
    expect(query.get('From')).toBe('+15550000001');
    expect(query.get('DateSent>')).toBe('2024-03-02T00:00:00Z');
    expect(query.get('DateSent<')).toBe('2024-03-05T23:59:59Z');
    expect(query.get('PageSize')).toBe('20');
    expect([...query.keys()].sort()).toEqual(['DateSent<', 'DateSent>', 'From', 'PageSize', 'To']);
    // Messages 3 and 5 (1-based) are from +15550000001 and sent within 2 to 5 March.
    expect(page.items.map((m) => m.sid).sort()).toEqual([sid('MM', 3), sid('MM', 5)]);
  });

  it('an exact day becomes the pair of bounds enclosing that day', async () => {
    const client = authTokenClient(fake.baseUrl);
    const page = await client.listMessages({ dateSent: '2024-03-04' });
    const query = new URL(fake.log[0]?.url ?? '', 'http://x').searchParams;
    expect(query.get('DateSent>')).toBe('2024-03-04T00:00:00Z');
    expect(query.get('DateSent<')).toBe('2024-03-04T23:59:59Z');
    expect(page.items.map((m) => m.sid)).toEqual([sid('MM', 4)]);
  });

  it('keeps num_media as Twilio sends it (a string) and gives the dates in ISO 8601 too', async () => {
    const client = authTokenClient(fake.baseUrl);
    const message = await client.getMessage(sid('MM', 2));
    expect(message.num_media).toBe('1');
    expect(message.date_sent).toBe(fake.messages[1]?.dateSent?.toUTCString().replace('GMT', '+0000'));
    expect(message.date_sent_iso).toBe(fake.messages[1]?.dateSent?.toISOString().replace('.000Z', 'Z'));
  });

  it('withMediaOnly reads on past pages of text-only messages until one has media', async () => {
    for (const message of fake.messages.slice(2)) message.media = []; // the 5 newest have no media
    const client = authTokenClient(fake.baseUrl);
    const page = await client.listMessages({ pageSize: 2, withMediaOnly: true });
    expect(page.items.map((m) => m.sid)).toEqual([sid('MM', 2)]);
    expect(page.pagesFetched).toBe(3);
    expect(page.nextPageUri).not.toBeNull();
  });

  it('withMediaOnly stops at the page bound and hands back the link to go on', async () => {
    for (const message of fake.messages) message.media = [];
    const client = authTokenClient(fake.baseUrl, { maxPagesPerCall: 2 });
    const page = await client.listMessages({ pageSize: 2, withMediaOnly: true });
    expect(page.items).toEqual([]);
    expect(page.pagesFetched).toBe(2);
    expect(fake.log).toHaveLength(2);
    expect(page.nextPageUri).toMatch(/Page=2&PageToken=/);
    await client.nextMessages(page.nextPageUri ?? '', { withMediaOnly: true });
    expect(fake.log[2]?.url).toBe(page.nextPageUri);
  });
});

describe('paging through media', () => {
  it('iterateMedia follows every page of a message with many media', async () => {
    fake.messages = makeMessages(1, '2024-03-01', 7);
    const client = authTokenClient(fake.baseUrl);
    const sids: string[] = [];
    for await (const media of client.iterateMedia(sid('MM', 1), { pageSize: 3 })) sids.push(media.sid ?? '');
    expect(sids).toEqual(fake.messages[0]?.media.map((m) => m.sid));
    expect(fake.log).toHaveLength(3);
    expect(fake.log.slice(1).every((r) => /PageToken=/.test(r.url))).toBe(true);
  });

  it('asks for the next page as soon as its link is read, before the entries of this one are all taken', async () => {
    fake.messages = makeMessages(1, '2024-03-01', 7);
    const client = authTokenClient(fake.baseUrl);
    const media = client.iterateMedia(sid('MM', 1), { pageSize: 3 });
    const first = await media.next();
    const firstSid = first.done ? undefined : first.value.sid;
    expect(firstSid).toBe(fake.messages[0]?.media[0]?.sid);
    // Nothing more is taken from the iterator: the second page's request leaves anyway.
    await expect.poll(() => fake.log.length, { timeout: 2000 }).toBe(2);
    const rest: string[] = [];
    for await (const item of { [Symbol.asyncIterator]: () => media }) rest.push(item.sid ?? '');
    expect([firstSid, ...rest]).toEqual(fake.messages[0]?.media.map((m) => m.sid));
    expect(fake.log).toHaveLength(3);
  });

  it('drops the request for the next page when the caller stops early, without an unhandled failure', async () => {
    fake.messages = makeMessages(1, '2024-03-01', 7);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    fake.hold = (entry) => (/PageToken=/.test(entry.url) ? held : Promise.resolve());
    const client = authTokenClient(fake.baseUrl);
    const media = client.iterateMedia(sid('MM', 1), { pageSize: 3 });
    await media.next();
    await expect.poll(() => fake.log.length, { timeout: 2000 }).toBe(2);
    // The caller stops while the second page is in flight: its request is cancelled, and that cancellation is
    // nobody's error (an unhandled rejection would fail this test run).
    await expect(media.return(undefined)).resolves.toMatchObject({ done: true });
    release();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.log).toHaveLength(2);
  });

  it('listMedia sends DateCreated bounds and parses media_list', async () => {
    const client = authTokenClient(fake.baseUrl);
    const page = await client.listMedia(sid('MM', 3), { dateCreatedAfter: '2024-03-03', dateCreatedBefore: '2024-03-03' });
    const query = new URL(fake.log[0]?.url ?? '', 'http://x').searchParams;
    expect(query.get('DateCreated>')).toBe('2024-03-03T00:00:00Z');
    expect(query.get('DateCreated<')).toBe('2024-03-03T23:59:59Z');
    expect(page.items.map((m) => m.sid)).toEqual([fake.messages[2]?.media[0]?.sid]);
    expect(page.items[0]?.parent_sid).toBe(sid('MM', 3));
    expect(page.nextPageUri).toBeNull();
  });
});

describe('page links that must not be followed', () => {
  it('refuses a next-page link to another origin, before sending anything', async () => {
    const client = authTokenClient(fake.baseUrl);
    await expect(client.nextMessages(`//evil.example/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)).rejects.toMatchObject({ code: 'protocol' });
    await expect(client.nextMessages(`http://evil.example/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)).rejects.toMatchObject({ code: 'protocol' });
    expect(fake.log).toHaveLength(0);
  });

  it('refuses a link to another account or another list', async () => {
    const client = authTokenClient(fake.baseUrl);
    await expect(client.nextMessages(`/2010-04-01/Accounts/${sid('AC', 9)}/Messages.json?PageToken=x`)).rejects.toMatchObject({ code: 'protocol' });
    await expect(client.nextMedia(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?PageToken=x`)).rejects.toMatchObject({ code: 'protocol' });
    expect(fake.log).toHaveLength(0);
  });

  it('refuses a link the URL parser would rewrite instead of following it altered', async () => {
    const client = authTokenClient(fake.baseUrl);
    await expect(client.nextMessages(`/2010-04-01/Accounts/${ACCOUNT_SID}/x/../Messages.json`)).rejects.toMatchObject({ code: 'protocol' });
    await expect(client.nextMessages(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?a=b c`)).rejects.toMatchObject({ code: 'protocol' });
  });

  it('stops a server that pages in a circle', async () => {
    const client = authTokenClient(fake.baseUrl);
    const loop = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json?PageSize=1&Page=1&PageToken=PAloop`;
    const body = JSON.stringify({ messages: [], next_page_uri: loop });
    fake.queue({ match: /Messages\.json/, status: 200, body });
    fake.queue({ match: /Messages\.json/, status: 200, body });
    const iterate = async (): Promise<void> => {
      for await (const message of client.iterateMessages()) void message;
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'protocol', message: expect.stringMatching(/already visited/) });
  });
});

describe('authentication', () => {
  it('sends the Account SID and Auth Token as Basic credentials', async () => {
    await authTokenClient(fake.baseUrl).listMessages();
    expect(fake.log[0]?.authorization).toBe(basic(ACCOUNT_SID, AUTH_TOKEN));
  });

  it('with an API key, authenticates as the key and keeps the Account SID in the path', async () => {
    const page = await apiKeyClient(fake.baseUrl).listMessages();
    expect(fake.log[0]?.authorization).toBe(basic(API_KEY_SID, API_KEY_SECRET));
    expect(fake.log[0]?.url).toMatch(new RegExp(`^/2010-04-01/Accounts/${ACCOUNT_SID}/Messages\\.json`));
    expect(page.items).toHaveLength(fake.messages.length);
  });
});
