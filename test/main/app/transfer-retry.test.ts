// Main refuses a retry that cannot work: a transfer whose account was removed stays failed, by id or by "retry all",
// and its runner is never called again; those of an account still there retry as before. Through the real handlers,
// account store and transfer queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phrase } from '../../../main/common/i18n/phrase';
import type { TransferItem } from '../../../main/common/transfers';
import { bootTestApp } from '../../helpers/app-harness';

type App = Awaited<ReturnType<typeof bootTestApp>>;
let app: App;
/** How many times the test job's runner ran, by transfer id. */
const runs = new Map<string, number>();

async function ok<T>(method: string, args: unknown): Promise<T> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value as T;
}

async function account(label: string): Promise<string> {
  const created = await ok<{ id: string }>('accounts.create', {
    config: { kind: 'generic', label, settings: { genericMediaUploadUrl: 'https://h.example/u', genericMediaUploadMultipartData: 'media=%media_content%' }, username: 'u', variables: {} },
  });
  return created.id;
}

/** A job for the account that fails at once (as an upload its server refused), left failed in the queue. */
async function failedJob(accountId: string): Promise<TransferItem> {
  const item = app.services.transfers.enqueue({ type: 'test.fails', params: {} }, { accountId, direction: 'upload', title: 'clip.mp4', detail: 'test', bytesTotal: 10 });
  await until(() => app.services.transfers.get(item.id)?.state === 'failed');
  return app.services.transfers.get(item.id)!;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

beforeAll(async () => {
  app = await bootTestApp();
  app.services.transfers.registerRunner('test.fails', ({ item }) => {
    runs.set(item.id, (runs.get(item.id) ?? 0) + 1);
    return Promise.reject(new Error('The server said no.'));
  });
});
afterAll(async () => app.cleanup());

describe('retrying a transfer whose account was removed', () => {
  it('is refused by id and by "retry all"; the one whose account is there runs again', async () => {
    const removed = await account('My upload');
    const kept = await account('Kept');
    const orphan = await failedJob(removed);
    const live = await failedJob(kept);
    await ok('accounts.remove', { accountId: removed });

    expect(await ok<TransferItem[]>('transfers.retry', { ids: [orphan.id] })).toEqual([]);
    const all = await ok<TransferItem[]>('transfers.retry', {});
    expect(all.map((t) => t.id)).toEqual([live.id]);
    await until(() => runs.get(live.id) === 2 && app.services.transfers.get(live.id)?.state === 'failed');

    expect(runs.get(orphan.id)).toBe(1);
    expect(app.services.transfers.get(orphan.id)).toMatchObject({ state: 'failed', error: orphan.error, finishedAt: orphan.finishedAt });
  });
});

describe('"retry all" beside a download whose folder was forgotten', () => {
  it('leaves that download with its own failure, as the window leaves it out of its count; the others run again', async () => {
    const owner = await account('Downloads');
    const forgotten = app.services.transfers.enqueue(
      { type: 'test.fails', params: {}, choice: { kind: 'library', dir: '/home/admin/forgotten' } },
      { accountId: owner, direction: 'download', title: 'harbour.jpg', detail: 'test', bytesTotal: 10 },
    );
    await until(() => app.services.transfers.get(forgotten.id)?.state === 'failed');
    const before = app.services.transfers.get(forgotten.id)!;
    const other = await failedJob(owner);
    await app.services.transfers.takeBack({ kind: 'library', dir: '/home/admin/forgotten' }, phrase('errors:files.folderForgotten', { folder: '/home/admin/forgotten' }));

    const all = await ok<TransferItem[]>('transfers.retry', {});
    expect(all.map((t) => t.id)).toContain(other.id);
    expect(all.map((t) => t.id)).not.toContain(forgotten.id);
    await until(() => runs.get(other.id) === 2 && app.services.transfers.get(other.id)?.state === 'failed');
    expect(runs.get(forgotten.id)).toBe(1);
    expect(app.services.transfers.get(forgotten.id)).toMatchObject({ state: 'failed', error: before.error, finishedAt: before.finishedAt });
  });
});
