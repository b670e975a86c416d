import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../main/common/errors';
import { phrase } from '../../../../main/common/i18n/phrase';
import type { TransferItem } from '../../../../main/common/transfers';
import { TransferQueue, type RunContext } from '../../../../main/core/transfers/transfer-queue';

let dir: string;
const queues: TransferQueue[] = [];
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-queue-'));
});
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A runner the test drives: each run waits until the test settles it. */
function controllableRunner() {
  const runs = new Map<string, { ctx: RunContext; resolve(): void; reject(e: Error): void }>();
  let active = 0;
  let maxActive = 0;
  const runner = (ctx: RunContext) =>
    new Promise<{ mediaUrl: string }>((resolve, reject) => {
      active++;
      maxActive = Math.max(maxActive, active);
      const done = () => active--;
      ctx.signal.addEventListener('abort', () => {
        done();
        reject(new AppError('cancelled', 'Cancelled.'));
      });
      runs.set(ctx.item.id, {
        ctx,
        resolve: () => {
          done();
          resolve({ mediaUrl: `https://media/${ctx.item.title}` });
        },
        reject: (e) => {
          done();
          reject(e);
        },
      });
    });
  return { runner, runs, maxActive: () => maxActive };
}

const newTransfer = (title: string) => ({ accountId: 'acc_00000001', direction: 'upload' as const, title, detail: 'to +1555', bytesTotal: 100 });

function makeQueue(concurrency = 2, extra: Partial<ConstructorParameters<typeof TransferQueue>[0]> = {}) {
  const queue = new TransferQueue({ dataDir: dir, concurrency, progressIntervalMs: 5, saveIntervalMs: 5, ...extra });
  queues.push(queue);
  return queue;
}

const waitFor = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('the transfer queue', () => {
  it('runs no more jobs at once than the concurrency limit, and starts the next when one ends', async () => {
    const queue = makeQueue(2);
    const { runner, runs, maxActive } = controllableRunner();
    queue.registerRunner('test', runner);
    const items = ['a', 'b', 'c', 'd'].map((t) => queue.enqueue({ type: 'test', params: {} }, newTransfer(t)));
    await waitFor(() => runs.size === 2);
    expect(queue.get(items[2]!.id)?.state).toBe('queued');
    runs.get(items[0]!.id)?.resolve();
    await waitFor(() => runs.size === 3);
    for (const run of runs.values()) run.resolve();
    await waitFor(() => runs.size === 4);
    runs.get(items[3]!.id)?.resolve();
    await waitFor(() => queue.list().every((i) => i.state === 'done'));
    expect(maxActive()).toBe(2);
    expect(queue.get(items[0]!.id)?.result).toEqual({ mediaUrl: 'https://media/a' });
  });

  it('cancels a running job at once by aborting its signal, and a queued one before it starts', async () => {
    const queue = makeQueue(1);
    const { runner, runs } = controllableRunner();
    queue.registerRunner('test', runner);
    const running = queue.enqueue({ type: 'test', params: {} }, newTransfer('big'));
    const waiting = queue.enqueue({ type: 'test', params: {} }, newTransfer('next'));
    await waitFor(() => runs.size === 1);
    expect(runs.get(running.id)?.ctx.signal.aborted).toBe(false);
    await queue.cancel(waiting.id);
    await queue.cancel(running.id);
    expect(runs.get(running.id)?.ctx.signal.aborted).toBe(true);
    await waitFor(() => queue.get(running.id)?.state === 'cancelled');
    expect(queue.get(waiting.id)?.state).toBe('cancelled');
    expect(runs.has(waiting.id)).toBe(false);
  });

  it('retries only the failed and cancelled jobs', async () => {
    const queue = makeQueue(3);
    const { runner, runs } = controllableRunner();
    queue.registerRunner('test', runner);
    const [ok, bad, stopped] = ['ok', 'bad', 'stopped'].map((t) => queue.enqueue({ type: 'test', params: {} }, newTransfer(t)));
    await waitFor(() => runs.size === 3);
    runs.get(ok!.id)?.resolve();
    runs.get(bad!.id)?.reject(new AppError('remote', 'Server said no.'));
    await queue.cancel(stopped!.id);
    await waitFor(() => queue.list().every((i) => ['done', 'failed', 'cancelled'].includes(i.state)));
    expect(queue.get(bad!.id)?.error).toEqual({ code: 'remote', message: 'Server said no.' });
    runs.clear();
    const retried = queue.retry();
    expect(retried.map((i) => i.title).sort()).toEqual(['bad', 'stopped']);
    await waitFor(() => runs.size === 2);
    expect(queue.get(ok!.id)?.state).toBe('done');
    expect(queue.get(bad!.id)?.error).toBeUndefined();
  });

  it('brings jobs that were running at a restart back as failed and retryable', async () => {
    const queue = makeQueue(1);
    const { runner, runs } = controllableRunner();
    queue.registerRunner('test', runner);
    const job = queue.enqueue({ type: 'test', params: { file: '/tmp/x.jpg' } }, newTransfer('x.jpg'));
    const queued = queue.enqueue({ type: 'test', params: {} }, newTransfer('y.jpg'));
    await waitFor(() => runs.size === 1);
    await queue.flush();

    const after = makeQueue(1);
    const second = controllableRunner();
    after.registerRunner('test', second.runner);
    expect(await after.load()).toEqual({});
    for (const id of [job.id, queued.id]) {
      expect(after.get(id)?.state).toBe('failed');
      expect(after.get(id)?.error?.message).toMatch(/Interrupted/);
    }
    after.retry([job.id]);
    await waitFor(() => second.runs.size === 1);
    expect(second.runs.get(job.id)?.ctx.params).toEqual({ file: '/tmp/x.jpg' });
  });

  it("counts a cancelled job's items by its result, saves that finished after the cancel included", async () => {
    const queue = makeQueue(1);
    queue.registerRunner('items', (ctx) =>
      new Promise((resolve) => {
        ctx.progress(1, 4);
        // Two saves in flight at the cancel finish after it, as the library's jobs let them.
        ctx.signal.addEventListener('abort', () => {
          ctx.progress(3, 4);
          resolve({ items: [{ name: 'a', outcome: 'ok' }, { name: 'b', outcome: 'ok' }, { name: 'c', outcome: 'refused', message: 'no' }, { name: 'd', outcome: 'cancelled' }] });
        });
      }),
    );
    const job = queue.enqueue({ type: 'items', params: {} }, { accountId: 'acc_00000001', direction: 'job', unit: 'items', title: 'Permissions', detail: 'photos', bytesTotal: 4 });
    await waitFor(() => queue.get(job.id)?.bytesDone === 1);
    await queue.cancel(job.id);
    await waitFor(() => queue.get(job.id)?.state === 'cancelled');
    expect(queue.get(job.id)).toMatchObject({ bytesDone: 3, bytesTotal: 4, error: { phrase: { key: 'errors:queue.cancelledAfter', values: { done: 3, total: 4 } } } });
  });

  it('saves the jobs a shutdown stops as interrupted and retryable, not as cancelled by the user; a job over many items keeps what it did', async () => {
    const queue = makeQueue(2);
    const { runner, runs } = controllableRunner();
    queue.registerRunner('test', runner);
    // A job over many items returns what it did to each one when its signal is aborted, as the library jobs do.
    queue.registerRunner('items', (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve({ items: [{ name: 'a', outcome: 'ok' }, { name: 'b', outcome: 'cancelled' }] }))));
    const download = queue.enqueue({ type: 'test', params: {} }, { ...newTransfer('big.mp4'), direction: 'download' });
    const acl = queue.enqueue({ type: 'items', params: {} }, { accountId: 'acc_00000001', direction: 'job', unit: 'items', title: 'Permissions', detail: 'photos', bytesTotal: 2 });
    await waitFor(() => runs.size === 1 && queue.get(acl.id)?.state !== 'queued');
    await queue.stop();

    const after = makeQueue(1);
    await after.load();
    for (const id of [download.id, acl.id]) {
      expect(after.get(id)).toMatchObject({ state: 'failed', error: { code: 'cancelled', phrase: { key: 'errors:queue.interrupted' } } });
    }
    expect(after.get(acl.id)?.result?.items).toHaveLength(2);
    expect(after.summary()).toMatchObject({ active: 0 });
  });

  it('keeps a bounded history, deleting the files it owned', async () => {
    const queue = makeQueue(4, { maxHistory: 3 });
    queue.registerRunner('fail', async () => {
      throw new AppError('remote', 'no');
    });
    const owned: string[] = [];
    for (let i = 0; i < 6; i++) {
      const file = path.join(dir, `staged-${i}`);
      await fs.writeFile(file, 'x');
      owned.push(file);
      queue.enqueue({ type: 'fail', params: {}, ownedFiles: [file] }, newTransfer(`f${i}`));
    }
    await waitFor(() => queue.list().length === 3 && queue.list().every((i) => i.state === 'failed'));
    expect(queue.list().map((i) => i.title)).toEqual(['f3', 'f4', 'f5']);
    const left = await fs.readdir(dir);
    expect(left.filter((n) => n.startsWith('staged-')).sort()).toEqual(['staged-3', 'staged-4', 'staged-5']);
  });

  it('deletes its staged copy once a job succeeds', async () => {
    const queue = makeQueue(1);
    queue.registerRunner('ok', async () => ({}));
    const file = path.join(dir, 'staged');
    await fs.writeFile(file, 'x');
    const job = queue.enqueue({ type: 'ok', params: {}, ownedFiles: [file] }, newTransfer('s'));
    await waitFor(() => queue.get(job.id)?.state === 'done');
    // The job shows as done before the copy is deleted: wait (a bounded time) for the deletion itself.
    await vi.waitFor(() => expect(fs.access(file)).rejects.toThrow(), { timeout: 2000, interval: 10 });
  });

  it('reports bytes, speed and an ETA, and an overall progress', async () => {
    const queue = makeQueue(1);
    let release = () => undefined as void;
    queue.registerRunner('slow', async (ctx) => {
      ctx.phase('uploading');
      ctx.progress(10);
      await new Promise((r) => setTimeout(r, 30));
      ctx.progress(50);
      await new Promise<void>((r) => (release = r));
      return {};
    });
    const updates: TransferItem[] = [];
    queue.onChange((changed) => updates.push(...changed));
    const job = queue.enqueue({ type: 'slow', params: {} }, newTransfer('v.mp4'));
    await waitFor(() => queue.get(job.id)?.bytesDone === 50);
    const item = queue.get(job.id)!;
    expect(item.state).toBe('uploading');
    expect(item.speed).toBeGreaterThan(0);
    expect(item.eta).not.toBeNull();
    expect(queue.summary()).toEqual({ active: 1, progress: 0.5 });
    release();
    await waitFor(() => queue.get(job.id)?.state === 'done');
    expect(queue.summary()).toEqual({ active: 0, progress: null });
    expect(updates.map((u) => u.state)).toEqual(expect.arrayContaining(['queued', 'checking', 'uploading', 'done']));
  });

  it('tells once when a batch ends, with every job in it', async () => {
    const queue = makeQueue(2);
    queue.registerRunner('ok', async () => ({}));
    queue.registerRunner('fail', async () => {
      throw new AppError('remote', 'no');
    });
    const batches: string[][] = [];
    queue.onBatchEnd((finished) => batches.push(finished.map((i) => `${i.title}:${i.state}`).sort()));
    queue.enqueue({ type: 'ok', params: {} }, newTransfer('a'));
    queue.enqueue({ type: 'fail', params: {} }, newTransfer('b'));
    queue.enqueue({ type: 'ok', params: {} }, newTransfer('c'));
    await waitFor(() => batches.length === 1);
    expect(batches[0]).toEqual(['a:done', 'b:failed', 'c:done']);
  });

  it("keeps how a saved upload authenticated when it has today's shape, and leaves out an older version's English words", async () => {
    const saved = (id: string, authentication: unknown) => ({
      item: { id, accountId: 'acc_00000001', direction: 'upload', title: `${id}.jpg`, detail: 'to +1555', state: 'done', bytesDone: 1, bytesTotal: 1, speed: 0, eta: null, createdAt: '2026-01-01T00:00:00.000Z', result: { mediaUrl: 'https://media/1', authentication } },
      spec: { type: 'ok', params: {} },
    });
    const entries = [saved('tr_0000000000000001', { scheme: 'Digest (SHA-256)', source: 'probe' }), saved('tr_0000000000000002', 'authenticated with Basic; challenge from the server\'s first answer'), saved('tr_0000000000000003', { scheme: '<h>Basic</h>', source: 'probe' })];
    await fs.writeFile(path.join(dir, 'transfers.json'), JSON.stringify({ version: 1, entries }));
    const queue = makeQueue();
    expect(await queue.load()).toEqual({});
    expect(queue.get('tr_0000000000000001')?.result).toEqual({ mediaUrl: 'https://media/1', authentication: { scheme: 'Digest (SHA-256)', source: 'probe' } });
    expect(queue.get('tr_0000000000000002')?.result?.mediaUrl).toBe('https://media/1');
    expect(queue.get('tr_0000000000000002')?.result?.authentication).toBeUndefined();
    // The scheme is said inside a sentence with markup: only the names HTTP gives are kept.
    expect(queue.get('tr_0000000000000003')?.result?.authentication).toBeUndefined();
  });

  it("keeps a job's title and detail as main's phrases with their English, after a restart too; a saved phrase that is not one is left out", async () => {
    const title = phrase('shell:transfer.job.deleteFiles', { count: 3 });
    const detail = phrase('shell:transfer.job.inFolder', { account: 'Office', folder: 'photos' });
    const queue = makeQueue();
    queue.registerRunner('ok', () => Promise.resolve({}));
    const job = queue.enqueue({ type: 'ok', params: {} }, { accountId: 'acc_00000001', direction: 'job', unit: 'items', title, detail, bytesTotal: 3 });
    expect(job).toMatchObject({ title: 'Delete 3 files', titlePhrase: title, detail: 'Office · in photos', detailPhrase: detail });
    await waitFor(() => queue.get(job.id)?.state === 'done');
    await queue.stop();

    const saved = JSON.parse(await fs.readFile(path.join(dir, 'transfers.json'), 'utf8')) as { entries: Array<{ item: Record<string, unknown> }> };
    const entry = saved.entries[0] as { item: Record<string, unknown> };
    entry.item.detailPhrase = { key: 'shell:transfer.job.inFolder', values: { account: { toString: 1 } } };
    await fs.writeFile(path.join(dir, 'transfers.json'), JSON.stringify(saved));
    const after = makeQueue();
    await after.load();
    expect(after.get(job.id)).toMatchObject({ title: 'Delete 3 files', titlePhrase: title, detail: 'Office · in photos' });
    expect(after.get(job.id)?.detailPhrase).toBeUndefined();
  });

  it("keeps what a finished job found (its summary phrase) after a restart; a saved summary that is not a phrase is left out", async () => {
    const summary = phrase('shell:transfer.job.cleanupCounted', { count: 12 });
    const saved = (id: string, found: unknown) => ({
      item: { id, accountId: 'acc_00000001', direction: 'job', unit: 'items', title: 'Count', detail: 'Office', state: 'done', bytesDone: 3, bytesTotal: 3, speed: 0, eta: null, createdAt: '2026-01-01T00:00:00.000Z', result: { ref: 'plan_1', summary: found } },
      spec: { type: 'ok', params: {} },
    });
    const entries = [saved('tr_0000000000000001', summary), saved('tr_0000000000000002', '<b>12 found</b>'), saved('tr_0000000000000003', { key: 'shell:transfer.job.cleanupCounted', values: { count: { valueOf: 12 } } })];
    await fs.writeFile(path.join(dir, 'transfers.json'), JSON.stringify({ version: 1, entries }));
    const queue = makeQueue();
    expect(await queue.load()).toEqual({});
    expect(queue.get('tr_0000000000000001')?.result).toEqual({ ref: 'plan_1', summary });
    expect(queue.get('tr_0000000000000002')?.result).toEqual({ ref: 'plan_1' });
    expect(queue.get('tr_0000000000000003')?.result).toEqual({ ref: 'plan_1' });
  });

  it('sets a corrupt queue file aside and starts empty', async () => {
    await fs.writeFile(path.join(dir, 'transfers.json'), '{"version":1,"entries":[{"item":');
    const queue = makeQueue();
    const result = await queue.load();
    expect(result.corruptMovedTo).toMatch(/transfers\.json\.corrupt-/);
    expect(queue.list()).toEqual([]);
  });
});

describe('a queue that cannot be saved', () => {
  it('keeps the list, reports the first failure, retries with backoff, and says when it is saved again', async () => {
    // A folder where transfers.json should be: every save fails, as on a full disk, until it is removed.
    await fs.mkdir(path.join(dir, 'transfers.json'));
    const failures: number[] = [];
    let recovered = 0;
    const queue = makeQueue(1, { saveRetryMs: 20, saveRetryMaxMs: 40, onSaveError: (_err, attempt) => failures.push(attempt), onSaveRecovered: () => recovered++ });
    queue.registerRunner('fail', () => Promise.reject(new AppError('network', 'unreachable')));
    const item = queue.enqueue({ type: 'fail', params: {} }, newTransfer('kept.jpg'));
    await waitFor(() => failures.length >= 3);
    expect(failures.slice(0, 3)).toEqual([1, 2, 3]);
    expect(queue.get(item.id)?.state).toBe('failed');
    await fs.rmdir(path.join(dir, 'transfers.json'));
    await waitFor(() => recovered === 1);
    const saved = JSON.parse(await fs.readFile(path.join(dir, 'transfers.json'), 'utf8')) as { entries: Array<{ item: { id: string } }> };
    expect(saved.entries.map((e) => e.item.id)).toEqual([item.id]);
  });
});
