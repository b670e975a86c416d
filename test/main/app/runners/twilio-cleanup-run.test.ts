// The clean-up's run as a job when the app stops under it: the job is kept as interrupted (not cancelled, not lost),
// with what it did so far, and the plan file it owns stays, so that its Retry after a restart runs it again.
import { promises as fs } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { bootTestApp } from '../../../helpers/app-harness';
import { call, gmtDay, tick, transfersSettled, twilioAccount, type TestApp } from '../handlers/twilio-test-helpers';

let app: TestApp | undefined;
afterAll(async () => {
  await app?.cleanup();
});

describe('the clean-up run job', () => {
  it('is saved as interrupted when the app stops, its plan kept, and a retry after the restart runs it', async () => {
    app = await bootTestApp(undefined, { sandbox: true });
    const accountId = (await twilioAccount(app)).id;
    const messageSid = await app.sandbox!.twilio.createMessage({ body: 'interrupted' });
    await app.sandbox!.twilio.seedMedia(messageSid, 800);
    const count = await call(app, 'twilio.cleanupPlan', { accountId, dateFrom: gmtDay(-1), dateTo: gmtDay(1) });
    const [counted] = await transfersSettled(app, [count.id]);
    const plan = await call(app, 'twilio.cleanupGetPlan', { accountId, planId: counted?.result?.ref ?? '' });
    const started = await call(app, 'twilio.cleanupStart', { accountId, planId: plan.planId });
    for (let i = 0; i < 1000 && (await call(app, 'twilio.cleanupStatus', { runId: started.runId })).done < 5; i++) await tick(5);

    await app.services.transfers.stop();
    const stopped = app.services.transfers.get(started.jobId);
    expect(stopped).toMatchObject({ state: 'failed', error: { code: 'cancelled', phrase: { key: 'errors:queue.interrupted' } } });
    expect(stopped?.result?.items).toHaveLength(plan.count);
    const dataDir = app.dataDir;
    await app.close();

    // The restart lists it as it was left, and its Retry runs the plan it owns again.
    app = await bootTestApp(dataDir, { sandbox: true });
    const listed = (await call(app, 'transfers.list', {})).items.find((t) => t.id === started.jobId);
    expect(listed).toMatchObject({ state: 'failed', direction: 'job', unit: 'items', bytesTotal: plan.count });
    await call(app, 'transfers.retry', { ids: [started.jobId] });
    const [again] = await transfersSettled(app, [started.jobId]);
    expect(again?.state, again?.error?.message).toBe('done');
    expect(again?.result?.items).toHaveLength(plan.count);
    // Each media is deleted now, or was already gone (deleted before the stop): none failed, none left untried.
    expect(again?.result?.items?.every((i) => i.outcome === 'ok' || i.outcome === 'skipped')).toBe(true);
    // Done, the job's plan file goes with it.
    const planFiles = (await fs.readdir(`${dataDir}/twilio-cleanup`)).filter((f) => f.endsWith('.plan.json'));
    expect(planFiles).toEqual([]);
  });
});
