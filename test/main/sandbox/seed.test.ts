// Bulk seeding for benchmarks: 10,000 media on one message and 10,000 files in one library folder, listed back
// completely through the protocols.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/common/errors.js';
import { basicAuth, httpRequest, startTestSandbox, type TestSandbox } from './helpers.js';
import { entries, libraryClient } from './library/client.js';

describe('seeding', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.stop());

  it('seedMedia puts 10,000 media on a message, all listed across pages of 1000', async () => {
    const messageSid = await t.sandbox.twilio.createMessage({ body: 'benchmark' });
    const sids = await t.sandbox.twilio.seedMedia(messageSid, 10_000);
    expect(new Set(sids).size).toBe(10_000);
    const { accountSid, authToken } = t.sandbox.accounts.twilio;
    const auth = basicAuth(accountSid, authToken);
    const listed: string[] = [];
    let uri: string | null = `/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media.json?PageSize=1000`;
    let pages = 0;
    while (uri !== null) {
      const page = (await httpRequest(`${t.sandbox.baseUrl}${uri}`, { headers: { Authorization: auth } })).json() as { media_list: Array<{ sid: string }>; next_page_uri: string | null };
      listed.push(...page.media_list.map((m) => m.sid));
      uri = page.next_page_uri;
      pages += 1;
    }
    expect(pages).toBe(10);
    expect(listed).toEqual(sids);
    const message = (await httpRequest(`${t.sandbox.baseUrl}/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}.json`, { headers: { Authorization: auth } })).json();
    expect(message).toMatchObject({ num_media: '10000' });
  });

  it('seedMedia continues numbering on a second call and refuses bad arguments', async () => {
    const messageSid = await t.sandbox.twilio.createMessage();
    const first = await t.sandbox.twilio.seedMedia(messageSid, 3);
    const second = await t.sandbox.twilio.seedMedia(messageSid, 3);
    expect(new Set([...first, ...second]).size).toBe(6);
    await expect(t.sandbox.twilio.seedMedia(messageSid, 0)).rejects.toThrow(/count/);
    await expect(t.sandbox.twilio.seedMedia(messageSid, 10_001)).rejects.toThrow(/count/);
    await expect(t.sandbox.twilio.seedMedia(`MM${'0'.repeat(32)}`, 1)).rejects.toThrow(/No message/);
  });

  it('seedFiles puts 10,000 files in a library folder, all listed with their content', async () => {
    const lib = libraryClient(t.sandbox);
    const ids = await t.sandbox.library.seedFiles(lib.domain, 'bulk', 10_000);
    expect(new Set(ids).size).toBe(10_000);
    const listing = entries(await lib.call('GET', `/${lib.domain}/bulk`));
    expect(listing.map((e) => e.id)).toEqual(ids.map((id) => `bulk/${id}`).sort());
    const sample = await lib.call('GET', `/${lib.domain}/bulk/${ids[4321]}`, { headers: { Accept: 'image/jpeg' } });
    expect(sample.status).toBe(200);
    expect(sample.body.length).toBe(listing[0]!.size);
    // Files are independent even when their contents share storage: deleting one leaves the others intact.
    expect((await lib.call('DELETE', `/${lib.domain}/bulk/${ids[0]}`)).status).toBe(204);
    expect((await lib.call('GET', `/${lib.domain}/bulk/${ids[1]}`, { headers: { Accept: 'image/jpeg' } })).body.length).toBe(listing[0]!.size);
    const more = await t.sandbox.library.seedFiles(lib.domain, 'bulk', 2);
    expect(more.some((id) => ids.includes(id))).toBe(true); // the freed name is reused
    expect(entries(await lib.call('GET', `/${lib.domain}/bulk`))).toHaveLength(10_001);
  });

  it('seedFiles refuses another domain, a bad folder id and a bad count', async () => {
    const domain = t.sandbox.accounts.library.domain;
    await expect(t.sandbox.library.seedFiles('elsewhere', 'x', 1)).rejects.toBeInstanceOf(AppError);
    await expect(t.sandbox.library.seedFiles(domain, '../x', 1)).rejects.toThrow(/Invalid folder id/);
    await expect(t.sandbox.library.seedFiles(domain, 'x', 0)).rejects.toThrow(/count/);
  });
});
