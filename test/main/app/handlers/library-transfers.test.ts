// Uploads into the library and downloads from it through the transfer queue: media checked by its bytes, names
// that are taken handled as the user chose (replace / keep both / leave alone), sizes checked, and a cancel or a
// broken connection that leaves no partial file anywhere.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransferItem } from '../../../../main/common/transfers';
import type { RunContext } from '../../../../main/core/transfers/transfer-queue';
import { libraryDownloadRunner, libraryUploadRunner, type LibraryDownloadParams } from '../../../../main/app/runners/library';
import { PNG_BYTES } from '../../core/media/media-fixtures';
import { ASSETS, folderWithFiles, rawPath, startLibraryWorld, waitForFinal, waitForState, type LibraryWorld } from './library-support';

let w: LibraryWorld;
beforeAll(async () => {
  w = await startLibraryWorld();
});
afterAll(async () => {
  await w?.close();
});

let dirCount = 0;
async function newDir(stem: string): Promise<string> {
  const dir = path.join(w.tmp, `${stem}-${++dirCount}`);
  await fs.mkdir(dir);
  return dir;
}

/** A copy of a demo file under a new name, in a fresh folder of the temp dir. */
async function localCopy(asset: string, name: string): Promise<string> {
  const file = path.join(await newDir('src'), name);
  await fs.copyFile(path.join(ASSETS, asset), file);
  return file;
}

async function serverBytes(folder: string, file: string): Promise<Buffer> {
  const stream = await w.demo.openFileStream(folder, file);
  const chunks: Buffer[] = [];
  for await (const chunk of stream.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function fakeContext(params: unknown, onProgress?: (bytes: number, abort: () => void) => void): { ctx: RunContext; controller: AbortController } {
  const controller = new AbortController();
  const ctx: RunContext = {
    item: {} as TransferItem,
    params,
    signal: controller.signal,
    phase: () => undefined,
    progress: (bytes) => onProgress?.(bytes, () => controller.abort()),
  };
  return { ctx, controller };
}

describe('uploads', () => {
  it('streams a JPEG into the folder with its progress, and the server has exactly its bytes', async () => {
    const folder = w.folder('up');
    await w.demo.createFolder(folder);
    const local = await localCopy('sunset-gradient.jpg', 'beach.jpg');
    const size = (await fs.stat(local)).size;
    const outcome = await w.ok('library.upload', { accountId: w.accountId, folder, files: [{ ref: await w.app.grantFile(local) }] });
    expect(outcome.refused).toEqual([]);
    expect(outcome.queued).toHaveLength(1);
    expect(outcome.queued[0]).toMatchObject({ direction: 'upload', title: 'beach.jpg', bytesTotal: size, detail: `Test library · into ${folder}` });
    const done = await waitForFinal(w, outcome.queued[0]!.id);
    expect(done).toMatchObject({ state: 'done', bytesDone: size, result: { savedTo: `${folder}/beach.jpg` } });
    expect((await w.demo.getFile(folder, 'beach.jpg')).size).toBe(size);
    expect((await serverBytes(folder, 'beach.jpg')).equals(await fs.readFile(local))).toBe(true);
    // The bytes went as one request with their exact length.
    const post = w.sandbox.requests.find((r) => r.method === 'POST' && r.path === rawPath(w, folder, 'beach.jpg'));
    expect(post?.headers['content-length']).toBe(String(size));
    expect(post?.headers['content-type']).toBe('application/octet-stream');
  });

  it('refuses what is not a JPEG or an MP4 by its bytes, and names the library cannot hold, before anything is sent', async () => {
    const folder = w.folder('refuse');
    await w.demo.createFolder(folder);
    const dir = await newDir('bad');
    const png = path.join(dir, 'holiday.jpg');
    await fs.writeFile(png, PNG_BYTES);
    const dots = path.join(dir, 'a..b.jpg');
    await fs.copyFile(path.join(ASSETS, 'fractal.jpg'), dots);
    const good = path.join(dir, 'good.jpg');
    await fs.copyFile(path.join(ASSETS, 'fractal.jpg'), good);
    // Dropped, then moved away before the upload.
    const gone = path.join(dir, 'gone.jpg');
    await fs.copyFile(path.join(ASSETS, 'fractal.jpg'), gone);
    const goneRef = await w.app.grantFile(gone);
    await fs.rm(gone);
    const posts = () => w.sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith(rawPath(w, folder))).length;
    const outcome = await w.ok('library.upload', {
      accountId: w.accountId,
      folder,
      files: [{ ref: await w.app.grantFile(png) }, { ref: await w.app.grantFile(dots) }, { ref: await w.app.grantFile(good) }, { ref: goneRef }],
    });
    expect(outcome.queued.map((q) => q.title)).toEqual(['good.jpg']);
    expect(outcome.refused.map((r) => [r.name, r.error.code])).toEqual([
      ['holiday.jpg', 'unsupported_media'],
      ['a..b.jpg', 'validation'],
      ['gone.jpg', 'io'],
    ]);
    expect(outcome.refused[0]?.error.message).toBe('"holiday.jpg" is a PNG image, not a JPEG.');
    expect(outcome.refused[1]?.error.message).toMatch(/"a\.\.b\.jpg" cannot be a file name in the media library/);
    await waitForFinal(w, outcome.queued[0]!.id);
    expect((await w.demo.getFolder(folder)).files.map((f) => f.name)).toEqual(['good.jpg']);
    expect(posts()).toBe(2); // good.jpg only: its entry, then its bytes
  });

  it('checks the bytes again when the upload runs', async () => {
    const folder = w.folder('recheck');
    await w.demo.createFolder(folder);
    const dir = await newDir('recheck');
    const file = path.join(dir, 'changed.jpg');
    await fs.writeFile(file, PNG_BYTES);
    const { ctx } = fakeContext({ accountId: w.accountId, folder, name: 'changed.jpg', file: { path: file, name: 'changed.jpg' }, onExisting: 'keepBoth' });
    await expect(libraryUploadRunner(w.app.services.accounts)(ctx)).rejects.toMatchObject({ code: 'unsupported_media' });
    expect((await w.demo.getFolder(folder)).files).toEqual([]);
  });

  it('keeps both by default ("name (1).jpg"), and replaces when asked', async () => {
    const folder = await folderWithFiles(w, 'taken', ['photo.jpg']);
    const first = await localCopy('ocean-gradient.jpg', 'photo.jpg');
    const kept = await w.ok('library.upload', { accountId: w.accountId, folder, files: [{ ref: await w.app.grantFile(first) }] });
    expect(await waitForFinal(w, kept.queued[0]!.id)).toMatchObject({ state: 'done', result: { savedTo: `${folder}/photo (1).jpg` } });
    const again = await w.ok('library.upload', { accountId: w.accountId, folder, files: [{ ref: await w.app.grantFile(first), onExisting: 'keepBoth' }] });
    expect(await waitForFinal(w, again.queued[0]!.id)).toMatchObject({ state: 'done', result: { savedTo: `${folder}/photo (2).jpg` } });

    const replaced = await w.ok('library.upload', { accountId: w.accountId, folder, files: [{ ref: await w.app.grantFile(first), onExisting: 'replace' }] });
    expect(await waitForFinal(w, replaced.queued[0]!.id)).toMatchObject({ state: 'done', result: { savedTo: `${folder}/photo.jpg` } });
    const files = (await w.demo.getFolder(folder)).files;
    expect(files.map((f) => f.name)).toEqual(['photo (1).jpg', 'photo (2).jpg', 'photo.jpg']);
    expect((await serverBytes(folder, 'photo.jpg')).equals(await fs.readFile(first))).toBe(true);
  });

  it('uploads a file staged by the browser host, and deletes the copy the queue kept once it is sent', async () => {
    const folder = w.folder('staged');
    await w.demo.createFolder(folder);
    const bytes = await fs.readFile(path.join(ASSETS, 'clip-h264.mp4'));
    const ref = await w.app.staging.stage('clip.mp4', Readable.from([bytes]));
    const outcome = await w.ok('library.upload', { accountId: w.accountId, folder, files: [{ ref }] });
    expect(outcome.queued[0]?.title).toBe('clip.mp4');
    const keptDir = path.join(w.app.dataDir, 'transfer-files');
    expect(await fs.readdir(keptDir)).toHaveLength(1);
    expect(await waitForFinal(w, outcome.queued[0]!.id)).toMatchObject({ state: 'done' });
    expect((await serverBytes(folder, 'clip.mp4')).equals(bytes)).toBe(true);
    expect(await fs.readdir(keptDir)).toEqual([]);
  });

  it('a cancelled upload leaves no entry behind', async () => {
    const folder = w.folder('cancel-up');
    await w.demo.createFolder(folder);
    const local = await localCopy('fractal.jpg', 'slow.jpg');
    // The bytes' request is held by the server; the entry was already made.
    w.sandbox.faults.set({ method: 'POST', path: rawPath(w, folder, 'slow.jpg'), times: 1 }, { kind: 'delay', ms: 10_000 });
    const outcome = await w.ok('library.upload', { accountId: w.accountId, folder, files: [{ ref: await w.app.grantFile(local) }] });
    const id = outcome.queued[0]!.id;
    await w.sandbox.waitForRequest((r) => r.method === 'POST' && r.path === rawPath(w, folder) && r.status === 201);
    await waitForState(w, id, ['uploading']);
    await w.ok('transfers.cancel', { ids: [id] });
    expect(await waitForFinal(w, id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    await expect.poll(async () => (await w.demo.getFolder(folder)).files.length).toBe(0);
    w.sandbox.faults.clear();
  });

  it('a failed upload says why, and can be retried', async () => {
    const folder = w.folder('retry-up');
    await w.demo.createFolder(folder);
    const local = await localCopy('fractal.jpg', 'flaky.jpg');
    w.sandbox.faults.set({ method: 'POST', path: rawPath(w, folder, 'flaky.jpg'), times: 1 }, { kind: 'status', status: 503 });
    const outcome = await w.ok('library.upload', { accountId: w.accountId, folder, files: [{ ref: await w.app.grantFile(local) }] });
    const failed = await waitForFinal(w, outcome.queued[0]!.id);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'remote' } });
    expect(failed.error?.message).toMatch(/HTTP 503/);
    expect((await w.demo.getFolder(folder)).files).toEqual([]);
    await w.ok('transfers.retry', { ids: [failed.id] });
    expect(await waitForFinal(w, failed.id)).toMatchObject({ state: 'done', result: { savedTo: `${folder}/flaky.jpg` } });
  });

  it('refuses a folder the user may not write to, per file, with the server\'s reason', async () => {
    const local = await localCopy('fractal.jpg', 'intrude.jpg');
    const outcome = await w.ok('library.upload', { accountId: w.accountId, folder: 'from-colleague', files: [{ ref: await w.app.grantFile(local) }] });
    const failed = await waitForFinal(w, outcome.queued[0]!.id);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'forbidden' } });
    expect(failed.error?.message).toMatch(/refused/);
  });
});

describe('downloads', () => {
  it('saves a file into the chosen folder under its name, complete, with no temporary file left', async () => {
    const dir = await newDir('dl');
    const queued = await w.ok('library.download', { accountId: w.accountId, folder: 'photos', grantId: await w.app.grantFolder(dir), files: [{ name: 'sunset.jpg', size: 1 }] });
    expect(queued[0]).toMatchObject({ direction: 'download', title: 'sunset.jpg', detail: `Test library · photos → ${dir}` });
    const done = await waitForFinal(w, queued[0]!.id);
    const expected = await fs.readFile(path.join(ASSETS, 'sunset-gradient.jpg'));
    expect(done).toMatchObject({ state: 'done', bytesDone: expected.length, bytesTotal: expected.length, result: { savedTo: path.join(dir, 'sunset.jpg') } });
    expect((await fs.readFile(path.join(dir, 'sunset.jpg'))).equals(expected)).toBe(true);
    expect(await fs.readdir(dir)).toEqual(['sunset.jpg']);
  });

  it('asks nothing of the server for a folder that cannot be used', async () => {
    await w.fails('library.download', { accountId: w.accountId, folder: 'photos', grantId: `dg_${'0'.repeat(24)}`, files: [{ name: 'sunset.jpg' }] }, 'forbidden', /not chosen/);
    const removed = await newDir('removed');
    const grantId = await w.app.grantFolder(removed);
    await fs.rm(removed, { recursive: true });
    await w.fails('library.download', { accountId: w.accountId, folder: 'photos', grantId, files: [{ name: 'sunset.jpg' }] }, 'io', /does not exist/);
  });

  it('leaves an existing file alone, replaces it, or keeps both, as chosen', async () => {
    const dir = await newDir('conflict');
    const existing = path.join(dir, 'ocean.jpg');
    await fs.writeFile(existing, 'mine, keep me');
    const download = async (onExisting: 'fail' | 'overwrite' | 'keepBoth') => {
      const [item] = await w.ok('library.download', { accountId: w.accountId, folder: 'photos', grantId: await w.app.grantFolder(dir), files: [{ name: 'ocean.jpg', onExisting }] });
      return waitForFinal(w, item!.id);
    };
    const server = await fs.readFile(path.join(ASSETS, 'ocean-gradient.jpg'));

    const refused = await download('fail');
    expect(refused).toMatchObject({ state: 'failed', error: { code: 'conflict' } });
    expect(refused.error?.message).toMatch(/already exists/);
    expect(await fs.readFile(existing, 'utf8')).toBe('mine, keep me');

    expect(await download('keepBoth')).toMatchObject({ state: 'done', result: { savedTo: path.join(dir, 'ocean (1).jpg') } });
    expect(await download('keepBoth')).toMatchObject({ state: 'done', result: { savedTo: path.join(dir, 'ocean (2).jpg') } });
    expect(await fs.readFile(existing, 'utf8')).toBe('mine, keep me');
    expect((await fs.readFile(path.join(dir, 'ocean (2).jpg'))).equals(server)).toBe(true);

    // Replacing needs the app to have found the name there first, as the UI does before asking the user, and the
    // file to be one the app saved there: the user's own is never replaced.
    const grantId = await w.app.grantFolder(dir);
    expect(await w.ok('files.findExisting', { grantId, names: ['ocean.jpg'] })).toEqual(['ocean.jpg']);
    await w.fails('library.download', { accountId: w.accountId, folder: 'photos', grantId, files: [{ name: 'ocean.jpg', onExisting: 'overwrite' }] }, 'forbidden', /only its own downloads/);
    expect(await fs.readFile(existing, 'utf8')).toBe('mine, keep me');
    await fs.rm(existing);
    expect(await download('fail')).toMatchObject({ state: 'done', result: { savedTo: existing } });
    expect(await w.ok('files.findExisting', { grantId, names: ['ocean.jpg'] })).toEqual(['ocean.jpg']);
    expect(await download('overwrite')).toMatchObject({ state: 'done', result: { savedTo: existing } });
    expect((await fs.readFile(existing)).equals(server)).toBe(true);
    expect((await fs.readdir(dir)).sort()).toEqual(['ocean (1).jpg', 'ocean (2).jpg', 'ocean.jpg']);
  });

  it('gives a name no local file system accepts a safe local name', async () => {
    const folder = w.folder('odd');
    await w.demo.createFolder(folder);
    await w.demo.uploadFile(folder, 'what?.jpg', path.join(ASSETS, 'fractal.jpg'));
    const dir = await newDir('odd');
    const [item] = await w.ok('library.download', { accountId: w.accountId, folder, grantId: await w.app.grantFolder(dir), files: [{ name: 'what?.jpg' }] });
    expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'done', result: { savedTo: path.join(dir, 'what_.jpg') } });
  });

  it('a download broken off again and again fails, says how far it got, leaves no partial file, and can be retried', async () => {
    const dir = await newDir('broken');
    const file = rawPath(w, 'videos', 'clip.mp4');
    // The first GET (the details, for the size) goes through; the bytes are cut after 10 000, resumes included.
    w.sandbox.faults.set({ method: 'GET', path: file, times: 1 }, { kind: 'delay', ms: 0 });
    w.sandbox.faults.set({ method: 'GET', path: file }, { kind: 'drop', afterBytes: 10_000 });
    const [item] = await w.ok('library.download', { accountId: w.accountId, folder: 'videos', grantId: await w.app.grantFolder(dir), files: [{ name: 'clip.mp4' }] });
    const failed = await waitForFinal(w, item!.id);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'network' } });
    expect(failed.error?.message).toMatch(/interrupted after \d+ of \d+ bytes|incomplete/);
    expect(await fs.readdir(dir)).toEqual([]);
    w.sandbox.faults.clear();
    await w.ok('transfers.retry', { ids: [item!.id] });
    expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'done' });
    expect(await fs.readdir(dir)).toEqual(['clip.mp4']);
  });

  it('a download cancelled while bytes arrive leaves no partial file', async () => {
    const dir = await newDir('cancel-mid');
    const params: LibraryDownloadParams = { accountId: w.accountId, folder: 'videos', name: 'clip.mp4', destination: dir, onExisting: 'fail' };
    let seen = 0;
    const { ctx } = fakeContext(params, (bytes, abort) => {
      if (bytes > 0 && seen++ === 0) abort();
    });
    await expect(libraryDownloadRunner(w.app.services.accounts, w.app.services.written)(ctx)).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen).toBeGreaterThan(0);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('a download cancelled from the queue stops at once and leaves nothing', async () => {
    const dir = await newDir('cancel-queue');
    const file = rawPath(w, 'photos', 'fractal.jpg');
    w.sandbox.faults.set({ method: 'GET', path: file, times: 1 }, { kind: 'delay', ms: 0 });
    w.sandbox.faults.set({ method: 'GET', path: file, times: 1 }, { kind: 'delay', ms: 10_000 });
    const [item] = await w.ok('library.download', { accountId: w.accountId, folder: 'photos', grantId: await w.app.grantFolder(dir), files: [{ name: 'fractal.jpg' }] });
    await waitForState(w, item!.id, ['downloading']);
    const started = Date.now();
    await w.ok('transfers.cancel', { ids: [item!.id] });
    expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await fs.readdir(dir)).toEqual([]);
    w.sandbox.faults.clear();
  });

  it('downloads the voicemail through its own resource', async () => {
    const dir = await newDir('voicemail');
    const before = w.sandbox.requests.length;
    const [item] = await w.ok('library.download', { accountId: w.accountId, folder: '26919119', grantId: await w.app.grantFolder(dir), files: [{ name: '26919119.mp3' }] });
    expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'done' });
    expect((await fs.readFile(path.join(dir, '26919119.mp3'))).equals(await fs.readFile(path.join(ASSETS, 'voicemail.mp3')))).toBe(true);
    const bytesRequest = w.sandbox.requests.slice(before).filter((r) => r.method === 'GET').at(-1);
    expect(bytesRequest?.headers.accept).toMatch(/^audio\/mpeg/);
  });

  it("a file the user may not read fails with the server's 403", async () => {
    const dir = await newDir('forbidden');
    const [item] = await w.ok('library.download', { accountId: w.accountId, folder: 'colleague-private', grantId: await w.app.grantFolder(dir), files: [{ name: 'secret-plan.jpg' }] });
    expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'failed', error: { code: 'forbidden' } });
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
