// The clean-up through the app's dispatcher, against the embedded sandbox: the dry run finds exactly what a listing
// finds in the range, the run (a job in the transfer queue) deletes exactly that and nothing else, and a run
// cancelled half-way says exactly what it deleted (checked against what the server still has), in its status, its
// job's result per item, its report and its journal. The report is written by main where Twilio downloads go.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodArgs } from '../../../../main/common/contract';
import type { TwilioCleanupPlan, TwilioCleanupResult, TwilioCleanupStatus } from '../../../../main/common/methods/twilio';
import { bootTestApp } from '../../../helpers/app-harness';
import { call, everyMedia, failure, gmtDay, tick, transfersSettled, twilioAccount, type TestApp } from './twilio-test-helpers';

let app: TestApp;
let accountId: string;
let downloads: string;

beforeAll(async () => {
  app = await bootTestApp(undefined, { sandbox: true });
  accountId = (await twilioAccount(app)).id;
  // The folder the user last chose for Twilio downloads: where main writes the reports.
  downloads = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cleanup-reports-'));
  await app.grantFolder(downloads, 'twilio');
});

afterAll(async () => {
  await app.cleanup();
  await fs.rm(downloads, { recursive: true, force: true });
});

/** Saves the run's report as the screen does, and reads the file main wrote. */
async function savedReport(runId: string, format: 'csv' | 'json'): Promise<{ savedTo: string; text: string }> {
  const { savedTo } = await call(app, 'twilio.cleanupReport', { runId, format });
  expect(path.dirname(savedTo)).toBe(await fs.realpath(downloads));
  return { savedTo, text: await fs.readFile(savedTo, 'utf8') };
}

/** Follows a run the way the UI does: asking only for the results it has not seen yet. */
async function follow(runId: string, until: (status: TwilioCleanupStatus, results: TwilioCleanupResult[]) => boolean): Promise<{ status: TwilioCleanupStatus; results: TwilioCleanupResult[] }> {
  const results: TwilioCleanupResult[] = [];
  for (let i = 0; i < 3000; i++) {
    const status = await call(app, 'twilio.cleanupStatus', { runId, since: results.length });
    expect(status.from).toBe(results.length);
    results.push(...status.results);
    if (until(status, results)) return { status, results };
    await tick(5);
  }
  throw new Error('the clean-up run did not get there');
}

/** The dry run as the screen does it: a job in the queue, then the plan it kept. */
async function countPlan(args: MethodArgs<'twilio.cleanupPlan'>): Promise<TwilioCleanupPlan> {
  const job = await call(app, 'twilio.cleanupPlan', args);
  expect(job).toMatchObject({ direction: 'job', unit: 'items' });
  const [done] = await transfersSettled(app, [job.id]);
  expect(done?.state, done?.error?.message).toBe('done');
  return call(app, 'twilio.cleanupGetPlan', { accountId: args.accountId, planId: done?.result?.ref ?? '' });
}

const inRange = (iso: string | null, from: string, to: string): boolean => iso !== null && iso.slice(0, 10) >= from && iso.slice(0, 10) <= to;

describe('clean-up', () => {
  it('counts what a listing finds in the range, then deletes exactly that, with a result and a report line for each', async () => {
    const [dateFrom, dateTo] = ['2025-05-18', '2025-05-21'];
    const before = await everyMedia(app, accountId);
    const expected = before.filter((m) => inRange(m.dateCreated, dateFrom, dateTo)).map((m) => m.sid);
    expect(expected.length).toBeGreaterThan(5);

    const plan = await countPlan({ accountId, dateFrom, dateTo });
    expect(plan.count).toBe(expected.length);
    expect(plan.items.map((i) => i.mediaSid).sort()).toEqual([...expected].sort());
    // A dry run deletes nothing.
    expect((await everyMedia(app, accountId)).length).toBe(before.length);

    const started = await call(app, 'twilio.cleanupStart', { accountId, planId: plan.planId });
    expect(started).toMatchObject({ total: plan.count, accountId });
    // The run is a job in the transfer queue, counting media, like the library's jobs over many items.
    expect(app.services.transfers.get(started.jobId)).toMatchObject({ direction: 'job', unit: 'items', bytesTotal: plan.count, titlePhrase: { key: 'shell:transfer.job.cleanupRun' } });
    const { status, results } = await follow(started.runId, (s) => s.state === 'finished');
    expect(status).toMatchObject({ stopped: false, done: plan.count, totals: { deleted: plan.count, gone: 0, failed: 0, skipped: 0 } });
    expect(results.map((r) => r.mediaSid).sort()).toEqual([...expected].sort());
    expect(results.every((r) => r.status === 'deleted')).toBe(true);
    const [job] = await transfersSettled(app, [started.jobId]);
    expect(job).toMatchObject({ state: 'done', bytesDone: plan.count, result: { ref: started.runId } });
    expect(job?.result?.items?.map((i) => i.name).sort()).toEqual([...expected].sort());
    expect(job?.result?.items?.every((i) => i.outcome === 'ok')).toBe(true);

    const after = await everyMedia(app, accountId);
    expect(after.filter((m) => inRange(m.dateCreated, dateFrom, dateTo))).toEqual([]);
    expect(after.map((m) => m.sid).sort()).toEqual(before.map((m) => m.sid).filter((sid) => !expected.includes(sid)).sort());

    const csv = await savedReport(started.runId, 'csv');
    expect(path.basename(csv.savedTo)).toBe(`twilio-cleanup-${dateFrom}-to-${dateTo}.csv`);
    // UTF-8 with a byte order mark, as the address book's CSV: a spreadsheet reads it as UTF-8.
    expect(csv.text.startsWith('\uFEFFstatus,message_sid,media_sid,')).toBe(true);
    const rows = csv.text.slice(1).trim().split('\r\n');
    expect(rows.slice(1).map((r) => r.split(',')[2]).sort()).toEqual([...expected].sort());
    // A name already taken is never replaced: the next report is "name (1).csv".
    const again = await savedReport(started.runId, 'csv');
    expect(path.basename(again.savedTo)).toBe(`twilio-cleanup-${dateFrom}-to-${dateTo} (1).csv`);
    expect(await fs.readFile(csv.savedTo, 'utf8')).toBe(csv.text);
    const json = JSON.parse((await savedReport(started.runId, 'json')).text) as { totals: unknown; criteria: unknown };
    expect(json).toMatchObject({ totals: { deleted: plan.count }, criteria: { dateFrom, dateTo } });

    // A plan runs once: running it again would be a second, unseen deletion.
    expect(await failure(app, 'twilio.cleanupStart', { accountId, planId: plan.planId })).toMatchObject({ code: 'not_found' });
  });

  it('narrows by sender and recipient', async () => {
    const [dateFrom, dateTo] = ['2025-05-25', '2025-06-02'];
    const all = await countPlan({ accountId, dateFrom, dateTo });
    const sender = all.items[0]?.from ?? '';
    const bySender = await countPlan({ accountId, dateFrom, dateTo, from: sender });
    expect(bySender.count).toBe(all.items.filter((i) => i.from === sender).length);
    expect(bySender.count).toBeLessThan(all.count);
    const recipient = all.items[0]?.to ?? '';
    const byRecipient = await countPlan({ accountId, dateFrom, dateTo, to: recipient });
    expect(byRecipient.items.every((i) => i.to === recipient)).toBe(true);
  });

  it('stopped half-way, reports exactly what it deleted, and the rest is still on the server', async () => {
    const messageSid = await app.sandbox!.twilio.createMessage({ body: 'lots of media' });
    const seeded = await app.sandbox!.twilio.seedMedia(messageSid, 1500);
    const plan = await countPlan({ accountId, dateFrom: gmtDay(-1), dateTo: gmtDay(1) });
    expect(plan.items.map((i) => i.mediaSid).sort()).toEqual([...seeded].sort());

    const started = await call(app, 'twilio.cleanupStart', { accountId, planId: plan.planId });
    await follow(started.runId, (s) => s.done >= 10);
    // Stop is the job's Cancel, as under Transfers.
    await app.services.transfers.cancel(started.jobId);
    expect(['stopping', 'finished']).toContain((await call(app, 'twilio.cleanupStatus', { runId: started.runId })).state);
    const { status, results } = await follow(started.runId, (s) => s.state === 'finished');

    expect(status.stopped).toBe(true);
    expect(results).toHaveLength(plan.count);
    const deleted = results.filter((r) => r.status === 'deleted').map((r) => r.mediaSid);
    const skipped = results.filter((r) => r.status === 'skipped').map((r) => r.mediaSid);
    expect(deleted.length).toBeGreaterThanOrEqual(10);
    expect(skipped.length).toBeGreaterThan(0);
    expect(deleted.length + skipped.length).toBe(plan.count);
    expect(status.totals).toEqual({ deleted: deleted.length, gone: 0, failed: 0, skipped: skipped.length });

    // What the run says it deleted is exactly what the server no longer has.
    const remaining = (await everyMedia(app, accountId)).filter((m) => m.messageSid === messageSid).map((m) => m.sid);
    expect(remaining.sort()).toEqual([...skipped].sort());

    // The journal, written as results came, says the same; so does the saved report.
    const journal = (await fs.readFile(status.journalPath, 'utf8')).trim().split('\n');
    expect(JSON.parse(journal[0]!)).toMatchObject({ runId: started.runId, count: plan.count });
    const journaled = journal.slice(1).map((line) => JSON.parse(line) as TwilioCleanupResult);
    expect(journaled.filter((r) => r.status === 'deleted').map((r) => r.mediaSid).sort()).toEqual([...deleted].sort());
    const report = (await savedReport(started.runId, 'csv')).text;
    expect(report.split('\r\n').filter((row) => row.startsWith('deleted,'))).toHaveLength(deleted.length);
    // The job says the same, item by item: what a cancel kept from starting is "not done".
    const [job] = await transfersSettled(app, [started.jobId]);
    expect(job).toMatchObject({ state: 'cancelled', bytesDone: deleted.length, bytesTotal: plan.count });
    expect(job?.result?.items?.filter((i) => i.outcome === 'ok').map((i) => i.name).sort()).toEqual([...deleted].sort());
    expect(job?.result?.items?.filter((i) => i.outcome === 'cancelled').map((i) => i.name).sort()).toEqual([...skipped].sort());

    // The screen finds the run again after being left.
    expect(await call(app, 'twilio.cleanupLatest', { accountId })).toMatchObject({ runId: started.runId, state: 'finished', done: plan.count });
  });

  it('counts as a job that shows the messages read and can be cancelled', async () => {
    const job = await call(app, 'twilio.cleanupPlan', { accountId, dateFrom: '2020-01-01', dateTo: gmtDay(1) });
    await app.services.transfers.cancel(job.id);
    const [ended] = await transfersSettled(app, [job.id]);
    expect(ended).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(ended?.result?.ref).toBeUndefined();
    // Left alone, the same count finishes with the messages it read as its progress.
    const again = await call(app, 'twilio.cleanupPlan', { accountId, dateFrom: '2025-05-18', dateTo: '2025-05-21' });
    const [done] = await transfersSettled(app, [again.id]);
    expect(done?.state).toBe('done');
    expect(done?.bytesDone).toBeGreaterThan(0);
    expect(done?.bytesDone).toBe(done?.bytesTotal);
  });

  it("says in the job's row what the count found, as a phrase: how many media, or none", async () => {
    // Every day up to tomorrow: earlier tests delete some media, never all of them.
    const [dateFrom, dateTo] = ['2020-01-01', gmtDay(1)];
    const expected = (await everyMedia(app, accountId)).filter((m) => inRange(m.dateCreated, dateFrom, dateTo)).length;
    expect(expected).toBeGreaterThan(0);
    const found = await call(app, 'twilio.cleanupPlan', { accountId, dateFrom, dateTo });
    const empty = await call(app, 'twilio.cleanupPlan', { accountId, dateFrom: '2001-01-01', dateTo: '2001-01-02' });
    const [withMedia, without] = await transfersSettled(app, [found.id, empty.id]);
    expect(withMedia?.result?.summary).toEqual({ key: 'shell:transfer.job.cleanupCounted', values: { count: expected } });
    expect(without?.result?.summary).toEqual({ key: 'shell:transfer.job.cleanupCountedNone' });
  });

  it('never deletes a media the user excluded, whatever the window says', async () => {
    const messageSid = await app.sandbox!.twilio.createMessage({ body: 'exclusions' });
    const seeded = await app.sandbox!.twilio.seedMedia(messageSid, 12);
    const plan = await countPlan({ accountId, dateFrom: gmtDay(-1), dateTo: gmtDay(1) });
    expect(plan.items.map((i) => i.mediaSid)).toEqual(expect.arrayContaining(seeded));
    const kept = [seeded[0], seeded[5], seeded[11]] as string[];
    // An unknown SID and a repeated one change nothing; the arguments carry no count the run could trust.
    const started = await call(app, 'twilio.cleanupStart', { accountId, planId: plan.planId, exclude: [...kept, kept[0] as string, 'ME' + 'f'.repeat(32)] });
    expect(started).toMatchObject({ total: plan.count - 3, excluded: 3 });
    const { status, results } = await follow(started.runId, (s) => s.state === 'finished');
    expect(status.totals.deleted).toBe(plan.count - 3);
    expect(results.map((r) => r.mediaSid)).not.toEqual(expect.arrayContaining([kept[0]]));
    const left = (await everyMedia(app, accountId)).filter((m) => m.messageSid === messageSid).map((m) => m.sid);
    expect(left.sort()).toEqual([...kept].sort());
    // A window that sends extra fields is refused before anything runs.
    expect(await failure(app, 'twilio.cleanupStart', { accountId, planId: plan.planId, exclude: [], count: 0 } as never)).toMatchObject({ code: 'validation' });
  });

  it('refuses a range that ends before it starts, and an unknown run', async () => {
    expect(await failure(app, 'twilio.cleanupPlan', { accountId, dateFrom: '2025-06-02', dateTo: '2025-06-01' })).toMatchObject({ code: 'validation', details: { field: 'dateFrom' } });
    expect(await failure(app, 'twilio.cleanupStatus', { runId: 'cr_0123456789abcdef' })).toMatchObject({ code: 'not_found' });
  });
});
