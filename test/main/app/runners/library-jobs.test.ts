// Access lists and deletes on thousands of library items run as jobs in the transfer queue: n of N as they go, a
// cancel that stops starting items and says what was and was not done, a result per item with the server's reason,
// and the lock-out rule over every item, also when a job reaches the queue without the window's check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acl } from '../../../../main/common/library-acl';
import { countOutcomes } from '../../../../main/common/transfers';
import { LIBRARY_APPLY_ACL, type LibraryApplyAclParams } from '../../../../main/app/runners/library-jobs';
import { outcomes, startLibraryWorld, waitForFinal, type LibraryWorld } from '../handlers/library-support';

let w: LibraryWorld;
beforeAll(async () => {
  w = await startLibraryWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

const N = 2000;
const emptyAcl = (): Acl => ({ readUsers: [], readApps: [], writeUsers: [], writeApps: [] });

async function bigFolder(stem: string, count = N): Promise<string> {
  const folder = w.folder(stem);
  expect(await w.sandbox.library.seedFiles(w.domain, folder, count)).toHaveLength(count);
  return folder;
}

/** Every progress the queue reported for the job, as [state, done, total]. */
function watch(): { seen: Array<[string, string, number, number | null]>; stop: () => void } {
  const seen: Array<[string, string, number, number | null]> = [];
  const stop = w.app.services.transfers.onChange((changed) => {
    for (const item of changed) seen.push([item.id, item.state, item.bytesDone, item.bytesTotal]);
  });
  return { seen, stop };
}

describe('an access list applied to 2,000 files', () => {
  it('shows n of N as it goes and ends with a result for each item', async () => {
    const folder = await bigFolder('acl-big');
    const shared: Acl = { readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] };
    const progress = watch();
    const queued = await w.ok('library.applyAcl', { accountId: w.accountId, to: { kind: 'folderAndFiles', folder }, acl: shared });
    // The sandbox rewrites the folder's record for every change: 2,000 take a while on a busy machine.
    const job = await waitForFinal(w, queued.id, 170_000);
    progress.stop();
    expect(job).toMatchObject({ state: 'done', direction: 'job', unit: 'items', bytesDone: N + 1, bytesTotal: N + 1 });
    const mine = progress.seen.filter(([id]) => id === job.id);
    const midway = mine.filter(([, state, done, total]) => state === 'working' && done > 0 && done < N + 1 && total === N + 1);
    expect(midway.length, JSON.stringify(mine.slice(0, 10))).toBeGreaterThan(0);
    expect(countOutcomes(job.result?.items ?? [])).toEqual({ ok: N + 1, refused: 0, skipped: 0, cancelled: 0 });
    expect(job.result?.items?.[0]?.name).toBe(folder);
    const listed = await w.demo.getFolder(folder);
    expect(listed.files.every((f) => f.acl.readUsers.includes(w.otherUser))).toBe(true);
  }, 200_000);

  it('stops starting items when cancelled midway, leaves the rest untouched and says which', async () => {
    const folder = await bigFolder('acl-cancel');
    const files = (await w.demo.getFolder(folder)).files.map((f) => f.name);
    const shared: Acl = { readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] };
    let cancelAsked = false;
    const stop = w.app.services.transfers.onChange((changed) => {
      for (const item of changed) {
        if (!cancelAsked && item.detail.endsWith(` in ${folder}`) && item.state === 'working' && item.bytesDone >= 100) {
          cancelAsked = true;
          void w.app.services.transfers.cancel(item.id);
        }
      }
    });
    const queued = await w.ok('library.applyAcl', { accountId: w.accountId, to: { kind: 'files', folder, files }, acl: shared });
    const job = await waitForFinal(w, queued.id, 60_000);
    stop();
    expect(job.state).toBe('cancelled');
    const items = job.result?.items ?? [];
    expect(items).toHaveLength(N);
    const counts = countOutcomes(items);
    expect(counts.ok).toBeGreaterThanOrEqual(100);
    expect(counts.cancelled).toBeGreaterThan(0);
    expect(counts.ok + counts.cancelled).toBe(N);
    expect(job.error?.message).toBe(`Cancelled after ${counts.ok} of ${N} items.`);
    expect(items.find((i) => i.outcome === 'cancelled')?.message).toMatch(/cancel/i);
    // What the result says is what the server has: saved ones carry the list, the others kept theirs.
    const listed = new Map((await w.demo.getFolder(folder)).files.map((f) => [`${folder}/${f.name}`, f.acl]));
    for (const item of items) expect(listed.get(item.name), item.name).toEqual(item.outcome === 'ok' ? shared : emptyAcl());
  }, 120_000);

  it('reports the items the server refuses, each with its reason, and saves the others', async () => {
    const folder = await bigFolder('acl-refuse', 300);
    const files = (await w.demo.getFolder(folder)).files.map((f) => f.name);
    const locked = [files[7], files[150], files[299]] as string[];
    // These get a list that leaves the demo user read access only: the server refuses his change.
    for (const file of locked) await w.demo.putAcl({ folder, file }, { readUsers: [w.demoUser], readApps: [], writeUsers: [w.otherUser], writeApps: [] });
    const shared: Acl = { readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] };
    const queued = await w.ok('library.applyAcl', { accountId: w.accountId, to: { kind: 'files', folder, files }, acl: shared });
    const job = await waitForFinal(w, queued.id, 60_000);
    expect(job.state).toBe('done');
    const refused = (job.result?.items ?? []).filter((i) => i.outcome === 'refused');
    expect(refused.map((i) => i.name)).toEqual(locked.map((f) => `${folder}/${f}`));
    for (const item of refused) {
      expect(item.code).toBe('forbidden');
      expect(item.message).toContain(item.name.slice(folder.length + 1));
    }
    expect(countOutcomes(job.result?.items ?? []).ok).toBe(300 - 3);
  }, 120_000);

  it('holds the lock-out rule over every item: refused before queueing, and again by the job itself', async () => {
    const folder = await bigFolder('acl-lock');
    const files = (await w.demo.getFolder(folder)).files.map((f) => f.name);
    const puts = () => w.sandbox.requests.filter((r) => r.method === 'PUT' && r.path.includes(encodeURIComponent(folder))).length;
    const before = puts();
    // Only the last file loses the demo user's access: the whole batch is refused, naming it.
    const onlyOther: Acl = { readUsers: [w.otherUser], readApps: [], writeUsers: [w.otherUser], writeApps: [] };
    const message = await w.fails('library.applyAcl', { accountId: w.accountId, to: { kind: 'files', folder, files }, acl: onlyOther }, 'conflict');
    expect(message).toMatch(/lose your own access to 2,000 of the 2,000 items/);
    // A job that reaches the queue without the window's check (a restart, a retry, a bug) refuses too.
    const params: LibraryApplyAclParams = { accountId: w.accountId, to: { kind: 'files', folder, files }, acl: onlyOther, allowLockout: false };
    const queued = w.app.services.transfers.enqueue({ type: LIBRARY_APPLY_ACL, params }, { accountId: w.accountId, direction: 'job', unit: 'items', title: 't', detail: 'd', bytesTotal: N });
    const job = await waitForFinal(w, queued.id, 60_000);
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('conflict');
    expect(puts()).toBe(before);
    expect((await w.demo.getFolder(folder)).files.every((f) => f.acl.writeUsers.length === 0)).toBe(true);
  }, 120_000);
});

describe('deleting thousands of files', () => {
  it('is a job with a result per file; a cancel leaves the files not reached in the folder', async () => {
    const folder = await bigFolder('del-big');
    const files = (await w.demo.getFolder(folder)).files.map((f) => f.name);
    let cancelAsked = false;
    const stop = w.app.services.transfers.onChange((changed) => {
      for (const item of changed) {
        if (!cancelAsked && item.detail.endsWith(` in ${folder}`) && item.state === 'working' && item.bytesDone >= 100) {
          cancelAsked = true;
          void w.app.services.transfers.cancel(item.id);
        }
      }
    });
    const queued = await w.ok('library.deleteFiles', { accountId: w.accountId, folder, files });
    const job = await waitForFinal(w, queued.id, 60_000);
    stop();
    expect(job.state).toBe('cancelled');
    const left = new Set((await w.demo.getFolder(folder)).files.map((f) => `${folder}/${f.name}`));
    const counts = countOutcomes(job.result?.items ?? []);
    expect(counts.cancelled).toBeGreaterThan(0);
    expect(left.size).toBe(counts.cancelled);
    for (const [name, outcome] of outcomes(job)) expect(left.has(name), name).toBe(outcome === 'cancelled');
  }, 120_000);
});
