// The local disk fails under a transfer: it fills up mid-download, or the destination folder is removed mid-download;
// and the disk is full when the app saves an account or the settings, or stages a dropped file. `node:fs` is
// wrapped (support/disk-faults.ts) so that the write of one chosen file fails with ENOSPC after N bytes, exactly as
// a full disk reports it, or so that the folder is really removed from the disk after N bytes; everything else of
// fs is untouched. For each case: what the user is told, what is left on disk, and that a retry succeeds once the
// fault is gone.
import { promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { twilioClientFor } from '../../main/app/twilio-connection.js';
import type { AppErrorData } from '../../main/common/errors.js';
import { AppError, toAppError } from '../../main/common/errors.js';
import type { TransferItem } from '../../main/common/transfers.js';
import { ContractError, startAppUnderTest, type AppUnderTest } from './support/app.js';
import { disk } from './support/disk-faults.js';
import { CaseReport, Checks } from './support/report.js';
import { describeLeaks, findSecretLeaks } from './support/secrets.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const { wrapFs } = await import('./support/disk-faults.js');
  return wrapFs(real);
});

const report = new CaseReport('disk', 'local disk');
const FOLDER = 'disk';
const NAME = 'fractal.jpg';
let t: AppUnderTest;
let bytes: Buffer;
let messageSid: string;
let mediaSid: string;

beforeAll(async () => {
  t = await startAppUnderTest('disk');
  const source = await t.demoFile('fractal.jpg');
  bytes = await fs.readFile(source);
  await t.call('library.createFolder', { accountId: t.accounts.library, folder: FOLDER });
  const outcome = await t.call('library.upload', { accountId: t.accounts.library, folder: FOLDER, files: [{ ref: await t.app.grantFile(source) }] });
  const done = await t.waitForTransfer(outcome.queued[0]?.id ?? '');
  if (done.state !== 'done') throw new Error(`seeding failed: ${done.error?.message}`);
  messageSid = await t.sandbox.twilio.createMessage();
  [mediaSid = ''] = await t.sandbox.twilio.seedMedia(messageSid, 1);
});
afterAll(async () => {
  disk.disarm();
  await report.write();
  await t?.close();
});

const inFolder = (dir: string) => (file: string) => path.dirname(path.resolve(file)) === dir;

async function libraryDownload(dest: string): Promise<TransferItem> {
  const [queued] = await t.call('library.download', { accountId: t.accounts.library, folder: FOLDER, grantId: await t.app.grantFolder(dest), files: [{ name: NAME, size: bytes.length }] });
  return t.waitForTransfer(queued?.id ?? '');
}

async function libraryRetry(item: TransferItem): Promise<TransferItem> {
  await t.call('transfers.retry', { ids: [item.id] });
  return t.waitForTransfer(item.id);
}

function twilio() {
  return twilioClientFor(t.app.services.accounts, t.accounts.twilio);
}

async function twilioBytes(): Promise<Buffer> {
  const res = await fetch(t.sandbox.twilio.signedMediaUrl(mediaSid, new Date(Date.now() + 60_000)));
  return Buffer.from(await res.arrayBuffer());
}

async function failureOf(run: () => Promise<unknown>): Promise<AppErrorData | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    if (err instanceof ContractError) return err.data;
    return err instanceof AppError ? err.toData() : { code: 'internal', message: `NOT AN AppError: ${String(err)}` };
  }
}

describe('the disk fills up during a download', () => {
  it('media library download: ENOSPC after 20 kB', async () => {
    const dest = await fs.mkdtemp(path.join(t.workDir, 'full-'));
    disk.arm({ match: inFolder(dest), afterBytes: 20_000, action: { kind: 'enospc' } });
    const failed = await libraryDownload(dest);
    const fired = disk.firedOn.length > 0;
    disk.disarm();
    const left = await fs.readdir(dest);
    const retried = await libraryRetry(failed);
    const saved = await fs.readFile(path.join(dest, NAME)).catch(() => null);
    const error = failed.error;
    const checks = new Checks()
      .that('the fault fired on the download', fired)
      .that('the transfer failed with an io error', failed.state === 'failed' && error?.code === 'io')
      .that('the message says the disk is full and names the file', error !== undefined && /disk is full/i.test(error.message) && error.message.includes(NAME))
      .that('nothing is left in the folder (the partial temp was removed)', left.length === 0)
      .that('the retry succeeded once there was room', retried.state === 'done' && saved !== null && saved.equals(bytes));
    report.judge(
      'media library download: the disk fills up after 20 kB (ENOSPC)',
      'failed, io "disk is full" naming the file; no partial file under any name; retry succeeds once there is room',
      `failed with ${error?.code}: "${error?.message}"; left: [${left.join(', ')}]; retry: ${retried.state}`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });

  it('Twilio media download: ENOSPC after 2 kB, the message names the file', async () => {
    const dir = await fs.mkdtemp(path.join(t.workDir, 'full-'));
    disk.arm({ match: inFolder(dir), afterBytes: 2000, action: { kind: 'enospc' } });
    const error = await failureOf(() => twilio().downloadMedia(messageSid, mediaSid, { dir }));
    const fired = disk.firedOn.length > 0;
    disk.disarm();
    const left = await fs.readdir(dir);
    const again = await twilio()
      .downloadMedia(messageSid, mediaSid, { dir })
      .catch((err: unknown) => toAppError(err));
    const saved = again instanceof AppError ? null : await fs.readFile(again.path);
    const checks = new Checks()
      .that('the fault fired on the download', fired)
      .that('failed with an io error', error?.code === 'io')
      .that('the message says the disk is full', error !== undefined && /disk is full/i.test(error.message))
      .that('the message names the file', error !== undefined && error.message.includes(mediaSid))
      .that('nothing is left in the folder', left.length === 0)
      .that('downloading again succeeds once there is room', saved !== null && saved.equals(await twilioBytes()));
    report.judge(
      'Twilio media download: the disk fills up after 2 kB (ENOSPC)',
      'failed, io "disk is full" naming the file; no partial file; downloading again succeeds',
      `failed with ${error?.code}: "${error?.message}"; left: [${left.join(', ')}]; again: ${again instanceof AppError ? again.message : 'saved'}`,
      checks,
      { fix: 'main/providers/twilio/download.ts failure(): ENOSPC, ENOENT, EACCES/EPERM and ENAMETOOLONG get messages naming the file and the folder.' },
    );
    expect(checks.failed()).toEqual([]);
  });
});

describe('the destination folder is removed during a download', () => {
  it('media library download: folder removed after 20 kB', async () => {
    const dest = await fs.mkdtemp(path.join(t.workDir, 'gone-'));
    disk.arm({ match: inFolder(dest), afterBytes: 20_000, action: { kind: 'run', run: () => rmSync(dest, { recursive: true, force: true }) } });
    const failed = await libraryDownload(dest);
    const fired = disk.firedOn.length > 0;
    disk.disarm();
    const folderBack = await fs.stat(dest).then(() => true, () => false);
    await fs.mkdir(dest, { recursive: true });
    const retried = await libraryRetry(failed);
    const left = await fs.readdir(dest);
    const error = failed.error;
    const checks = new Checks()
      .that('the fault fired on the download', fired)
      .that('the folder really was gone', !folderBack)
      .that('the transfer failed with an io error', failed.state === 'failed' && error?.code === 'io')
      .that('the message names the folder and says it is not there', error !== undefined && error.message.includes(dest) && /does not exist|removed|not found/i.test(error.message))
      .that('the retry into the folder made again succeeds, and only the file is there', retried.state === 'done' && left.length === 1 && left[0] === NAME);
    report.judge(
      'media library download: the destination folder is removed after 20 kB',
      'failed, io naming the folder; nothing recreated behind the user\'s back; retry succeeds once the folder exists again',
      `failed with ${error?.code}: "${error?.message}"; retry: ${retried.state}, then [${left.join(', ')}]`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });

  it('Twilio media download: folder removed after 2 kB, the message names the folder or the file', async () => {
    const dir = await fs.mkdtemp(path.join(t.workDir, 'gone-'));
    disk.arm({ match: inFolder(dir), afterBytes: 2000, action: { kind: 'run', run: () => rmSync(dir, { recursive: true, force: true }) } });
    const error = await failureOf(() => twilio().downloadMedia(messageSid, mediaSid, { dir }));
    const fired = disk.firedOn.length > 0;
    disk.disarm();
    await fs.mkdir(dir, { recursive: true });
    const again = await twilio()
      .downloadMedia(messageSid, mediaSid, { dir })
      .catch((err: unknown) => toAppError(err));
    const checks = new Checks()
      .that('the fault fired on the download', fired)
      .that('failed with an io error', error?.code === 'io')
      .that('the message names the folder or the file', error !== undefined && (error.message.includes(dir) || error.message.includes(mediaSid)))
      .that('downloading again succeeds once the folder exists', !(again instanceof AppError));
    report.judge(
      'Twilio media download: the destination folder is removed after 2 kB',
      'failed, io naming the folder (or the file); downloading again succeeds once the folder exists',
      `failed with ${error?.code}: "${error?.message}"; again: ${again instanceof AppError ? again.message : 'saved'}`,
      checks,
      { fix: 'main/providers/twilio/download.ts failure(): ENOENT says the folder is no longer there and names the file.' },
    );
    expect(checks.failed()).toEqual([]);
  });
});

describe('the disk is full when the app saves its own files', () => {
  it('saving an account: the user is told, and the account list stays what is on disk', async () => {
    const before = await t.call('accounts.list', {});
    const target = before.find((a) => a.id === t.accounts.library);
    if (!target) throw new Error('no library account');
    const { id: _id, secretSet: _s, createdAt: _c, updatedAt: _u, ...config } = target;
    disk.arm({ match: (file) => path.basename(file).startsWith('.accounts.json.'), afterBytes: 10, action: { kind: 'enospc' } });
    const error = await failureOf(() => t.call('accounts.update', { accountId: target.id, config: { ...config, label: 'Renamed while the disk is full' } }));
    const created = await failureOf(() =>
      t.call('accounts.create', { config: { kind: 'library', label: 'Created while the disk is full', serverUrl: 'https://library.example', domain: 'd', userId: 'u', appId: 'a' } }),
    );
    disk.disarm();
    const listed = await t.call('accounts.list', {});
    const onDisk = JSON.parse(await fs.readFile(path.join(t.dataDir, 'accounts.json'), 'utf8')) as { accounts: Array<{ id: string; config: { label: string } }> };
    const temps = (await fs.readdir(t.dataDir)).filter((n) => n.endsWith('.tmp'));
    const listedLabels = listed.map((a) => a.label).sort();
    const diskLabels = onDisk.accounts.map((a) => a.config.label).sort();
    const checks = new Checks()
      .that('the update failed with io "disk is full"', error?.code === 'io' && /disk is full/i.test(error.message))
      .that('the create failed with io "disk is full"', created?.code === 'io')
      .that('the list the UI gets matches accounts.json', JSON.stringify(listedLabels) === JSON.stringify(diskLabels))
      .that('no temp file is left beside accounts.json', temps.length === 0);
    report.judge(
      'saving an account while the disk is full (ENOSPC on accounts.json)',
      'io "disk is full"; the account list the UI shows is the one on disk (no rename or new account that vanishes at restart); no temp file left',
      `update: ${error?.code} "${error?.message}"; create: ${created?.code}; UI lists [${listedLabels.join(' | ')}], accounts.json has [${diskLabels.join(' | ')}]; temps left: [${temps.join(', ')}]`,
      checks,
      { fix: 'main/core/accounts/account-store.ts: changes reach the in-memory list only once accounts.json is written (commit()), a failed create leaves no secret behind, errors name the account; main/core/storage/atomic.ts removes the temp file when the write fails.' },
    );
    // Put the file and the memory back in step for what follows.
    await t.call('accounts.update', { accountId: target.id, config });
    expect(checks.failed()).toEqual([]);
  });

  it('saving the settings: the user is told, and the settings stay what is on disk', async () => {
    const before = await t.call('settings.get', {});
    disk.arm({ match: (file) => path.basename(file).startsWith('.settings.json.'), afterBytes: 5, action: { kind: 'enospc' } });
    const error = await failureOf(() => t.call('settings.update', { theme: before.theme === 'dark' ? 'light' : 'dark' }));
    disk.disarm();
    const after = await t.call('settings.get', {});
    const onDisk = await fs.readFile(path.join(t.dataDir, 'settings.json'), 'utf8').then((s) => JSON.parse(s) as { theme?: string }, () => ({ theme: undefined }));
    const checks = new Checks()
      .that('the update failed with io "disk is full"', error?.code === 'io' && /disk is full/i.test(error.message))
      .that('settings.get still answers what is on disk', after.theme === (onDisk.theme ?? 'system'));
    report.judge(
      'saving the settings while the disk is full',
      'io "disk is full"; settings.get answers what is on disk',
      `update: ${error?.code} "${error?.message}"; settings.get theme "${after.theme}", settings.json theme "${onDisk.theme ?? '(default)'}"`,
      checks,
      { fix: 'main/core/settings-store.ts update(): the new settings replace the current ones only once settings.json is written (updates serialised).' },
    );
    await t.call('settings.update', { theme: before.theme });
    expect(checks.failed()).toEqual([]);
  });

  it('staging a dropped file (browser host): the user is told, nothing half-received stays', async () => {
    const stagingDir = t.app.staging.dir;
    disk.arm({ match: inFolder(stagingDir), afterBytes: 20_000, action: { kind: 'enospc' } });
    const error = await failureOf(() => t.app.staging.stage('holiday photo.jpg', Readable.from([bytes.subarray(0, 40_000), bytes.subarray(40_000)])));
    disk.disarm();
    const left = await fs.readdir(stagingDir);
    const again = await t.app.staging.stage('holiday photo.jpg', Readable.from([bytes])).catch(() => null);
    const checks = new Checks()
      .that('failed with an io error naming the file', error?.code === 'io' && error.message.includes('holiday photo.jpg'))
      .that('the message says the disk is full', /disk is full/i.test(error?.message ?? ''))
      .that('no partial file is left in the staging folder', left.length === 0)
      .that('staging it again succeeds', again !== null);
    report.judge(
      'the browser host stages a dropped file while the disk is full',
      'io naming the file and saying the disk is full; the half-received copy is removed; staging again succeeds',
      `failed with ${error?.code}: "${error?.message}"; left: [${left.join(', ')}]; again: ${again ? 'staged' : 'failed'}`,
      checks,
      { fix: 'main/core/files/staging.ts stage(): say the local cause (toAppError) after the file name.' },
    );
    expect(checks.failed()).toEqual([]);
  });
});

describe('local disk: afterwards', () => {
  it('no typed secret is in the data dir, the log or anything the renderer was sent', async () => {
    const leaks = await findSecretLeaks(t);
    const checks = new Checks().that('no leak', leaks.length === 0);
    report.judge('secrets after every disk flow above', 'no typed secret in the data dir, the log, or the contract answers and events', describeLeaks(leaks), checks);
    expect(leaks).toEqual([]);
  });
});
