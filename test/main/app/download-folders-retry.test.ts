// Forgetting the folder remembered for a kind of download also stops the saved downloads made by its pick (failed,
// cancelled, interrupted by a restart, or still waiting in the queue) from running into it: the transfer queue keeps the real path they
// resolved, so without this a Retry would write where the user just took the folder back. Checked through the real
// handlers and queue, on disk, in the same session and across restarts; folders still remembered retry as before.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DownloadKind, MethodArgs, MethodName, MethodResult } from '../../../main/common/contract';
import type { TransferItem } from '../../../main/common/transfers';
import { bootTestApp } from '../../helpers/app-harness';
import { forgetWorld } from './forget-support';
import { ASSETS, rawPath, waitForFinal, type LibraryWorld } from './handlers/library-support';

const forgetting = forgetWorld('retry-forget', ['a.jpg']);
const newDir = (stem: string) => forgetting.newDir(stem);
let w: LibraryWorld;
let remote: string;
beforeAll(() => void ({ w, remote } = forgetting));
/** errors:files.folderForgotten, in English. */
const FORGOTTEN = /was forgotten in Settings, so this download is not saved there again/;

const forget = (kind: DownloadKind) => w.ok('settings.forgetDownloadFolder', { kind });
/** How many times the sandbox was asked for a.jpg (its details or its bytes). */
const asked = () => w.sandbox.requests.filter((r) => r.method === 'GET' && r.path === rawPath(w, remote, 'a.jpg')).length;

/** A download of a.jpg into the grant's folder that the server refuses once (HTTP 503): failed, saved, retryable. */
async function failedDownload(grantId: string): Promise<TransferItem> {
  w.sandbox.faults.set({ method: 'GET', path: rawPath(w, remote, 'a.jpg'), times: 1 }, { kind: 'status', status: 503 });
  const [item] = await w.ok('library.download', { accountId: w.accountId, folder: remote, grantId, files: [{ name: 'a.jpg', onExisting: 'keepBoth' }] });
  expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'failed', error: { code: 'remote' } });
  return item!;
}

/** The retry is answered with nothing queued; the row stays failed with the refusal; no byte is asked for or written. */
async function retryRefused(id: string, dir: string, ids: string[] | undefined = [id]): Promise<void> {
  const before = { files: await fs.readdir(dir), asked: asked() };
  const retried = await w.ok('transfers.retry', ids ? { ids } : {});
  expect(retried.map((t) => t.id)).not.toContain(id);
  const row = await waitForFinal(w, id);
  expect(row).toMatchObject({ state: 'failed', error: { code: 'forbidden', phrase: { key: 'errors:files.folderForgotten', values: { folder: dir } } } });
  expect(row.error?.message).toMatch(FORGOTTEN);
  // Long enough for a download that slipped through to have reached the server and the disk.
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(w.app.services.transfers.get(id)).toMatchObject({ state: 'failed', bytesDone: 0 });
  expect(asked()).toBe(before.asked);
  expect(await fs.readdir(dir)).toEqual(before.files);
}

/** The retry runs and lands a.jpg, whole, in the folder. */
async function retryWorks(id: string, dir: string): Promise<void> {
  expect((await w.ok('transfers.retry', { ids: [id] })).map((t) => t.id)).toEqual([id]);
  expect(await waitForFinal(w, id)).toMatchObject({ state: 'done', result: { savedTo: path.join(dir, 'a.jpg') } });
  expect(await fs.readFile(path.join(dir, 'a.jpg'))).toEqual(await fs.readFile(path.join(ASSETS, 'fractal.jpg')));
}

describe('retrying a saved download after its folder was forgotten', () => {
  it('refuses it, by id or by "retry all", and writes no byte; a pick of the folder again lets a new download in', async () => {
    const dir = await newDir('forgot');
    const failed = await failedDownload(await w.app.grantFolder(dir, 'library'));
    await forget('library');
    // The window is told, with the row, so that it offers no Retry and says why.
    expect(w.app.services.transfers.get(failed.id)?.retryRefused).toEqual({ key: 'errors:files.folderForgotten', values: { folder: dir } });
    await retryRefused(failed.id, dir);
    await retryRefused(failed.id, dir, undefined);

    // Chosen again: a new download is the user's new choice and lands; the old row still needs starting anew.
    const again = await w.app.grantFolder(dir, 'library');
    const [fresh] = await w.ok('library.download', { accountId: w.accountId, folder: remote, grantId: again, files: [{ name: 'a.jpg' }] });
    expect(await waitForFinal(w, fresh!.id)).toMatchObject({ state: 'done', result: { savedTo: path.join(dir, 'a.jpg') } });
    await retryRefused(failed.id, dir);
    expect(await fs.readdir(dir)).toEqual(['a.jpg']);
  });

  it('refuses a cancelled one too, and one that failed after the forget while it ran', async () => {
    const dir = await newDir('cancelled');
    const grantId = await w.app.grantFolder(dir, 'library');
    const queue = w.app.services.transfers;
    queue.setConcurrency(0);
    try {
      const [held] = await w.ok('library.download', { accountId: w.accountId, folder: remote, grantId, files: [{ name: 'a.jpg' }] });
      await w.ok('transfers.cancel', { ids: [held!.id] });
      // Its details held by the server until after the forget, then its bytes refused: it ran under the choice, so
      // its retry is refused too.
      w.sandbox.faults.set({ method: 'GET', path: rawPath(w, remote, 'a.jpg'), times: 1 }, { kind: 'delay', ms: 300 });
      w.sandbox.faults.set({ method: 'GET', path: rawPath(w, remote, 'a.jpg'), times: 1 }, { kind: 'status', status: 503 });
      const [running] = await w.ok('library.download', { accountId: w.accountId, folder: remote, grantId, files: [{ name: 'a.jpg' }] });
      queue.setConcurrency(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(queue.get(running!.id)?.state).toBe('checking');
      await forget('library');
      expect(await waitForFinal(w, running!.id)).toMatchObject({ state: 'failed', error: { code: 'remote' } });
      expect(queue.get(held!.id)).toMatchObject({ state: 'cancelled' });
      await retryRefused(held!.id, dir);
      await retryRefused(running!.id, dir);
    } finally {
      queue.setConcurrency(w.app.services.settings.get().concurrency);
    }
  });

  it('refuses one still waiting in the queue at the forget when its turn comes, and writes no byte', async () => {
    const dir = await newDir('waiting');
    const grantId = await w.app.grantFolder(dir, 'library');
    const queue = w.app.services.transfers;
    queue.setConcurrency(0);
    const before = asked();
    try {
      const [waiting] = await w.ok('library.download', { accountId: w.accountId, folder: remote, grantId, files: [{ name: 'a.jpg' }] });
      expect(queue.get(waiting!.id)?.state).toBe('queued');
      await forget('library');
      queue.setConcurrency(1);
      const row = await waitForFinal(w, waiting!.id);
      expect(row).toMatchObject({ state: 'failed', bytesDone: 0, error: { code: 'forbidden', phrase: { key: 'errors:files.folderForgotten', values: { folder: dir } } } });
      expect(asked()).toBe(before);
      expect(await fs.readdir(dir)).toEqual([]);
      await retryRefused(waiting!.id, dir);
    } finally {
      queue.setConcurrency(w.app.services.settings.get().concurrency);
    }
  });

  it('retries into a folder still remembered, also when the same folder was forgotten for another kind or picked for none', async () => {
    const shared = await newDir('shared');
    const viaLibrary = await failedDownload(await w.app.grantFolder(shared, 'library'));
    const viaNoKind = await failedDownload(await w.app.grantFolder(shared));
    await w.app.grantFolder(shared, 'twilio');
    await forget('twilio');
    await retryWorks(viaLibrary.id, shared);
    await fs.rm(path.join(shared, 'a.jpg'));
    // Never remembered, so never forgotten: the user's own pick for this session.
    await forget('library');
    await retryWorks(viaNoKind.id, shared);
  });

  it('follows the grant, not the runner: a library download into a folder picked for Twilio is refused when Twilio forgets it', async () => {
    const dir = await newDir('twilio-pick');
    const failed = await failedDownload(await w.app.grantFolder(dir, 'twilio'));
    await forget('library');
    await retryWorks(failed.id, dir);
    await fs.rm(path.join(dir, 'a.jpg'));
    const again = await failedDownload(await w.app.grantFolder(dir, 'twilio'));
    await forget('twilio');
    await retryRefused(again.id, dir);
  });
});

describe('after a restart', () => {
  it('refuses resuming an interrupted download whose folder was forgotten in the next session, and still after another restart', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-retry-restart-'));
    const forgotten = await newDir('restart-forgotten');
    const kept = await newDir('restart-kept');
    let app = await bootTestApp(dataDir);
    const ok = async <M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>> => {
      const result = await app.dispatch(method, args);
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value as MethodResult<M>;
    };
    try {
      const lib = w.sandbox.accounts.library;
      const { id: accountId } = await ok('accounts.create', {
        config: { kind: 'library', label: 'Restarted library', serverUrl: lib.serverUrl, domain: lib.domain, userId: lib.userId, appId: lib.appId },
        secret: lib.password,
      });
      const forgottenGrant = await app.grantFolder(forgotten, 'library');
      const keptGrant = await app.grantFolder(kept, 'twilio');
      // Nothing runs (set after the picks: remembering a folder writes the settings, which set the concurrency): both
      // are still queued when the app closes, and come back interrupted.
      app.services.transfers.setConcurrency(0);
      const download = async (grantId: string) => (await ok('library.download', { accountId, folder: remote, grantId, files: [{ name: 'a.jpg' }] }))[0]!.id;
      const gone = await download(forgottenGrant);
      const stays = await download(keptGrant);
      await app.close();

      app = await bootTestApp(dataDir);
      expect(app.services.transfers.get(gone)).toMatchObject({ state: 'failed', error: { phrase: { key: 'errors:queue.interrupted' } } });
      // This session never granted the folder: the forget must reach the transfer by what it saved.
      await ok('settings.forgetDownloadFolder', { kind: 'library' });
      expect(await ok('transfers.retry', { ids: [gone, stays] })).toMatchObject([{ id: stays }]);
      const settled = async (id: string) => {
        for (let i = 0; i < 1000 && !['done', 'failed', 'cancelled'].includes(app.services.transfers.get(id)?.state ?? ''); i++) await new Promise((resolve) => setTimeout(resolve, 20));
        return app.services.transfers.get(id);
      };
      expect(await settled(stays)).toMatchObject({ state: 'done', result: { savedTo: path.join(kept, 'a.jpg') } });
      expect(await settled(gone)).toMatchObject({ state: 'failed', error: { code: 'forbidden', phrase: { key: 'errors:files.folderForgotten' } } });
      await app.close();

      app = await bootTestApp(dataDir);
      expect(await ok('transfers.retry', { ids: [gone] })).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(app.services.transfers.get(gone)).toMatchObject({ state: 'failed', error: { code: 'forbidden' } });
      expect(await fs.readdir(forgotten)).toEqual([]);
      expect(await fs.readdir(kept)).toEqual(['a.jpg']);
    } finally {
      await app.cleanup();
    }
  }, 30_000);
});
