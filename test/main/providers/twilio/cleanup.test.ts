import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planCleanup, runCleanup, type CleanupResult, type TwilioClient } from '../../../../main/providers/twilio/index.js';
import { day, makeMessages, sid, twilioErrorBody } from './support/fake-data.js';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.js';
import { authTokenClient } from './support/clients.js';

// Ten messages, one a day from 1 to 10 March 2024, two media each; senders alternate.
let fake: FakeTwilio;
let client: TwilioClient;
beforeEach(async () => {
  fake = await startFakeTwilio(makeMessages(10, '2024-03-01', 2));
  client = authTokenClient(fake.baseUrl);
});
afterEach(async () => {
  await fake.close();
});

/** Every media item the API lists, read independently of the clean-up engine (all messages, all pages). */
async function listAllMedia(): Promise<Array<{ messageSid: string; mediaSid: string; created: number; from: string | null }>> {
  const all = [];
  for await (const message of client.iterateMessages({ pageSize: 3 })) {
    for await (const media of client.iterateMedia(message.sid ?? '', { pageSize: 1 })) {
      all.push({ messageSid: message.sid ?? '', mediaSid: media.sid ?? '', created: Date.parse(media.date_created_iso ?? ''), from: message.from });
    }
  }
  return all;
}

const inRange = (from: string, to: string) => (m: { created: number }) => m.created >= Date.parse(`${from}T00:00:00Z`) && m.created <= Date.parse(`${to}T23:59:59Z`);

describe('planCleanup (dry run)', () => {
  it('counts exactly the media a full listing finds in the range, both end days included', async () => {
    const expected = (await listAllMedia()).filter(inRange('2024-03-03', '2024-03-06'));
    const plan = await planCleanup(client, { dateFrom: '2024-03-03', dateTo: '2024-03-06' });
    expect(expected.length).toBeGreaterThan(0);
    expect(plan.count).toBe(expected.length);
    expect(plan.items.map((i) => i.mediaSid).sort()).toEqual(expected.map((m) => m.mediaSid).sort());
  });

  it("narrows with the API's own filters: DateSent on messages, DateCreated on media", async () => {
    await planCleanup(client, { dateFrom: '2024-03-03', dateTo: '2024-03-06' });
    const messageQuery = new URL(fake.log[0]?.url ?? '', 'http://x').searchParams;
    expect(messageQuery.get('DateSent>')).toBe('2024-03-03T00:00:00Z');
    // A message is sent after its media is created, so the upper bound leaves a day's margin.
    expect(messageQuery.get('DateSent<')).toBe('2024-03-07T23:59:59Z');
    const mediaQueries = fake.log.filter((r) => r.url.includes('/Media.json')).map((r) => new URL(r.url, 'http://x').searchParams);
    expect(mediaQueries.length).toBeGreaterThan(0);
    for (const q of mediaQueries) {
      expect(q.get('DateCreated>')).toBe('2024-03-03T00:00:00Z');
      expect(q.get('DateCreated<')).toBe('2024-03-06T23:59:59Z');
    }
  });

  it("checks the dates itself and does not trust a server that ignores its filters", async () => {
    // One message sent in range whose media were created long before: a lax server would return them anyway.
    const odd = makeMessages(1, '2023-01-01', 1)[0];
    if (!odd) throw new Error('fixture');
    odd.sid = sid('MM', 0xabc);
    odd.dateSent = day('2024-03-04');
    fake.messages.push(odd);
    const plan = await planCleanup(client, { dateFrom: '2024-03-03', dateTo: '2024-03-06', scanAllMessages: true });
    expect(plan.items.map((i) => i.messageSid)).not.toContain(odd.sid);
    const lax = { ...client, iterateMedia: (s: string) => client.iterateMedia(s) };
    const laxPlan = await planCleanup(lax, { dateFrom: '2024-03-03', dateTo: '2024-03-06' });
    expect(laxPlan.items.map((i) => i.mediaSid).sort()).toEqual(plan.items.map((i) => i.mediaSid).sort());
  });

  it('filters by sender', async () => {
    const expected = (await listAllMedia()).filter(inRange('2024-03-01', '2024-03-10')).filter((m) => m.from === '+15550000002');
    const plan = await planCleanup(client, { dateFrom: '2024-03-01', dateTo: '2024-03-10', from: '+15550000002' });
    expect(plan.items.map((i) => i.mediaSid).sort()).toEqual(expected.map((m) => m.mediaSid).sort());
    expect(plan.items.every((i) => i.from === '+15550000002')).toBe(true);
  });

  it('refuses a range that ends before it starts', async () => {
    await expect(planCleanup(client, { dateFrom: '2024-03-05', dateTo: '2024-03-01' })).rejects.toMatchObject({ code: 'validation' });
    await expect(planCleanup(client, { dateFrom: '5 March', dateTo: '2024-03-01' })).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('runCleanup', () => {
  it('deletes everything in the range and nothing else', async () => {
    const before = await listAllMedia();
    const plan = await planCleanup(client, { dateFrom: '2024-03-03', dateTo: '2024-03-06' });
    const seen: CleanupResult[] = [];
    const run = await runCleanup(client, plan, { onItem: (r) => seen.push(r) });

    expect(run.totals).toEqual({ deleted: plan.count, gone: 0, failed: 0, skipped: 0 });
    expect(run.stopped).toBe(false);
    expect(seen.map((r) => r.mediaSid).sort()).toEqual(plan.items.map((i) => i.mediaSid).sort());
    const after = await listAllMedia();
    expect(after.filter(inRange('2024-03-03', '2024-03-06'))).toEqual([]);
    expect(after.map((m) => m.mediaSid).sort()).toEqual(before.filter((m) => !inRange('2024-03-03', '2024-03-06')(m)).map((m) => m.mediaSid).sort());
  });

  it('stopped half-way, reports exactly what it deleted', async () => {
    const plan = await planCleanup(client, { dateFrom: '2024-03-01', dateTo: '2024-03-10' });
    const controller = new AbortController();
    let results = 0;
    const run = await runCleanup(client, plan, {
      signal: controller.signal,
      onItem: () => {
        if (++results === Math.floor(plan.count / 2)) controller.abort();
      },
    });
    const deleted = run.results.filter((r) => r.status === 'deleted').map((r) => r.mediaSid);
    const remaining = (await listAllMedia()).map((m) => m.mediaSid);
    expect(run.stopped).toBe(true);
    expect(deleted).toHaveLength(Math.floor(plan.count / 2));
    expect(run.results).toHaveLength(plan.count);
    expect(run.results.filter((r) => r.status === 'skipped')).toHaveLength(plan.count - deleted.length);
    // What the report calls deleted is gone from Twilio, and everything else is still there.
    expect(remaining.filter((s) => deleted.includes(s))).toEqual([]);
    expect(remaining.sort()).toEqual(plan.items.map((i) => i.mediaSid).filter((s) => !deleted.includes(s)).sort());
  });

  it('a stop while a deletion is in flight lets it finish and reports it as deleted', async () => {
    const plan = await planCleanup(client, { dateFrom: '2024-03-01', dateTo: '2024-03-02' });
    const controller = new AbortController();
    let deletes = 0;
    fake.hold = async (req) => {
      if (req.method === 'DELETE' && ++deletes === 2) controller.abort(); // the stop arrives while the 2nd is on the wire
    };
    const run = await runCleanup(client, plan, { signal: controller.signal, concurrency: 1 });
    fake.hold = undefined;
    expect(run.results.map((r) => r.status)).toEqual(['deleted', 'deleted', ...Array<string>(plan.count - 2).fill('skipped')]);
    const remaining = (await listAllMedia()).map((m) => m.mediaSid);
    for (const r of run.results) expect(remaining.includes(r.mediaSid)).toBe(r.status !== 'deleted');
  });

  it('reports per item: a failure does not stop the run, a media already gone is told apart', async () => {
    const plan = await planCleanup(client, { dateFrom: '2024-03-01', dateTo: '2024-03-02' });
    const [first, second] = plan.items;
    if (!first || !second) throw new Error('fixture');
    fake.queue({ match: new RegExp(`DELETE .*${first.mediaSid}`), status: 409, body: twilioErrorBody(20009, 'Cannot delete media of a message in progress', 409) });
    fake.queue({ match: new RegExp(`DELETE .*${second.mediaSid}`), status: 404, body: twilioErrorBody(20404, 'The requested resource was not found', 404) });
    const run = await runCleanup(client, plan, { concurrency: 2 });
    expect(run.results[0]).toMatchObject({ status: 'failed', remoteCode: 20009, message: 'Twilio error 20009: Cannot delete media of a message in progress' });
    expect(run.results[1]).toMatchObject({ status: 'gone', remoteCode: 20404 });
    expect(run.totals).toEqual({ deleted: plan.count - 2, gone: 1, failed: 1, skipped: 0 });
  });

  it('stops at the first credentials refusal instead of failing every item', async () => {
    const plan = await planCleanup(client, { dateFrom: '2024-03-01', dateTo: '2024-03-03' });
    fake.queue({ match: /^DELETE /, status: 401, body: twilioErrorBody(20003, 'Authenticate', 401) });
    const run = await runCleanup(client, plan);
    expect(run.results[0]?.status).toBe('failed');
    expect(run.results.slice(1).every((r) => r.status === 'skipped' && /credentials/.test(r.message ?? ''))).toBe(true);
    expect(fake.log.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('refuses a plan that is not one (it may come from the renderer)', async () => {
    const bad = { criteria: { dateFrom: '2024-03-01', dateTo: '2024-03-02' }, items: [{ messageSid: 'MM1', mediaSid: '../x' }], count: 1, messagesScanned: 1, plannedAt: '' };
    await expect(runCleanup(client, bad as never)).rejects.toMatchObject({ code: 'validation' });
    expect(fake.log).toHaveLength(0);
  });
});
