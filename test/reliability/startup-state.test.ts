// State at start that must never be lost without a word. Each case was reproduced on the app as it was: the real
// app boots (bootApp, as every host does) on a data folder prepared the way a user's can end up, and the test checks
// what the user is told and that nothing they had is gone. The full disk is `node:fs` wrapped as in disk.test.ts.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../main/common/errors.js';
import { bootTestApp } from '../helpers/app-harness.js';
import { disk } from './support/disk-faults.js';
import { CaseReport, Checks } from './support/report.js';

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const { wrapFs } = await import('./support/disk-faults.js');
  return wrapFs(real);
});

const report = new CaseReport('startup-state', 'start-up state');
let work: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'md-rel-startup-'));
});
afterAll(async () => {
  disk.disarm();
  await report.write();
  await fs.rm(work, { recursive: true, force: true });
});

type App = Awaited<ReturnType<typeof bootTestApp>>;

async function freshDir(name: string): Promise<string> {
  const dir = path.join(work, name);
  await fs.mkdir(dir);
  return dir;
}

const notices = (app: App) => app.services.notices.list().map((n) => n.message);
const asideOf = async (dir: string, file: string) => (await fs.readdir(dir)).find((n) => n.startsWith(`${file}.corrupt-`));

async function waitFor(test: () => Promise<boolean> | boolean, timeoutMs = 8000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await test()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

const account = (id: string, label: string, config: Record<string, unknown> = {}) => ({
  id,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  config: { kind: 'library', label, serverUrl: 'https://library.example', domain: 'd', userId: 'u', appId: 'a', ...config },
});

describe('damaged start-up files', () => {
  it('app-state.json corrupt: the sandbox accounts are not re-created (a removed one stays removed), and the user is told', async () => {
    const dataDir = await freshDir('app-state');
    const first = await bootTestApp(dataDir, { sandbox: true });
    const created = first.services.accounts.list().filter((a) => a.sandbox);
    const removed = created.find((a) => a.kind === 'twilio');
    if (!removed) throw new Error('no sandbox Twilio account was created');
    await first.services.accounts.remove(removed.id);
    await first.close();
    const damaged = '{"sandboxAccountsCreated": tr';
    await fs.writeFile(path.join(dataDir, 'app-state.json'), damaged);

    const second = await bootTestApp(dataDir, { sandbox: true });
    const after = second.services.accounts.list();
    const told = notices(second);
    await second.close();
    const aside = await asideOf(dataDir, 'app-state.json');
    const third = await bootTestApp(dataDir, { sandbox: true });
    const afterThird = third.services.accounts.list();
    const toldThird = notices(third);
    await third.close();
    const checks = new Checks()
      .that('the removed sandbox account did not come back', !after.some((a) => a.sandbox && a.kind === 'twilio'))
      .that('the two kept ones are still there, once each', after.filter((a) => a.sandbox).length === 2)
      .that('the user is told, naming the file kept aside', aside !== undefined && told.some((n) => /app state file was damaged/i.test(n) && n.includes(aside)))
      .that('the damaged file is kept aside byte for byte', aside !== undefined && (await fs.readFile(path.join(dataDir, aside), 'utf8')) === damaged)
      .that('the next start neither re-creates nor complains', afterThird.filter((a) => a.sandbox).length === 2 && toldThird.length === 0);
    report.judge(
      'app-state.json corrupt after the user removed a sandbox account',
      'no sandbox account re-created (accounts.json shows it is not a first start); a notice names the file kept aside',
      `sandbox accounts after: ${after.filter((a) => a.sandbox).map((a) => a.kind).join(', ')}; notices: ${told.join(' / ') || 'none'}`,
      checks,
      { fix: 'main/app/embedded-sandbox.ts syncSandboxAccounts(): an unreadable app-state.json counts as "created" when accounts.json exists; bootstrap.ts says so.' },
    );
    expect(checks.failed()).toEqual([]);
  }, 60_000);

  it('accounts.json with one bad entry: only that entry is set aside, the others are shown, the notice names it', async () => {
    const dataDir = await freshDir('one-bad-account');
    const content = JSON.stringify({
      version: 1,
      accounts: [
        account('acc_1111111111111111', 'Office'),
        account('acc_2222222222222222', 'Broken archive', { serverUrl: 'not a url at all' }),
        account('acc_3333333333333333', 'Home'),
      ],
    });
    await fs.writeFile(path.join(dataDir, 'accounts.json'), content);
    const app = await bootTestApp(dataDir);
    const listed = app.services.accounts.list().map((a) => a.label);
    const told = notices(app);
    await app.services.accounts.create({ kind: 'library', label: 'New', serverUrl: 'https://l.example', domain: 'd', userId: 'u', appId: 'a' });
    await app.close();
    const aside = await asideOf(dataDir, 'accounts.json');
    const again = await bootTestApp(dataDir);
    const toldAgain = notices(again);
    const listedAgain = again.services.accounts.list().map((a) => a.label);
    await again.close();
    const checks = new Checks()
      .that('the good accounts are listed', listed.includes('Office') && listed.includes('Home') && listed.length === 2)
      .that('the notice names the bad entry (label and id) and why', told.some((n) => n.includes('Broken archive') && n.includes('acc_2222222222222222') && /serverUrl/.test(n)))
      .that('the notice names the copy kept', aside !== undefined && told.some((n) => n.includes(aside)))
      .that('the file as it was is kept byte for byte', aside !== undefined && (await fs.readFile(path.join(dataDir, aside), 'utf8')) === content)
      .that('saving goes on, and the next start is quiet', listedAgain.length === 3 && toldAgain.length === 0);
    report.judge(
      'accounts.json: one entry of three is invalid',
      'the two good accounts are shown; a notice names the bad one and the reason; accounts.json as it was is kept aside',
      `listed [${listed.join(', ')}]; notices: ${told.join(' / ') || 'none'}`,
      checks,
      { fix: 'main/core/accounts/account-store.ts load(): each entry is checked on its own; bad ones are reported (RejectedAccount) and the file copied aside.' },
    );
    expect(checks.failed()).toEqual([]);
  });

  it('settings.json with a bad value: the key is named, the other values kept', async () => {
    const dataDir = await freshDir('bad-setting');
    const content = '{"theme":"dark","concurrency":"fast","sandboxEnabled":false}';
    await fs.writeFile(path.join(dataDir, 'settings.json'), content);
    const app = await bootTestApp(dataDir);
    const settings = app.services.settings.get();
    const told = notices(app);
    await app.close();
    const aside = await asideOf(dataDir, 'settings.json');
    const again = await bootTestApp(dataDir);
    const toldAgain = notices(again);
    await again.close();
    const checks = new Checks()
      .that('the good values are kept', settings.theme === 'dark' && settings.sandboxEnabled === false)
      .that('the bad one is back to its default', settings.concurrency === 3)
      .that('the notice names the key, the value and the default', told.some((n) => n.includes('"concurrency"') && n.includes('"fast"') && n.includes('(3)')))
      .that('the file as it was is kept', aside !== undefined && (await fs.readFile(path.join(dataDir, aside), 'utf8')) === content)
      .that('the next start is quiet', toldAgain.length === 0);
    report.judge(
      'settings.json: concurrency is "fast"',
      'the other settings kept; concurrency back to 3; a notice names the key; the file kept aside',
      `settings ${JSON.stringify(settings)}; notices: ${told.join(' / ') || 'none'}`,
      checks,
      { fix: 'main/core/settings-store.ts load(): the keys reset are reported, the file copied aside and rewritten; services.ts says which.' },
    );
    expect(checks.failed()).toEqual([]);
  });

  it('accounts.json is a folder: it is set aside like any damaged file, the app starts and says so', async () => {
    const dataDir = await freshDir('accounts-folder');
    await fs.mkdir(path.join(dataDir, 'accounts.json'));
    await fs.writeFile(path.join(dataDir, 'accounts.json', 'inside.txt'), 'mine');
    const app = await bootTestApp(dataDir).catch((err: unknown) => err);
    const started = !(app instanceof Error);
    const told = started ? notices(app as App) : [];
    if (started) await (app as App).services.accounts.create({ kind: 'library', label: 'New', serverUrl: 'https://l.example', domain: 'd', userId: 'u', appId: 'a' });
    if (started) await (app as App).close();
    const aside = await asideOf(dataDir, 'accounts.json');
    const inside = aside ? await fs.readFile(path.join(dataDir, aside, 'inside.txt'), 'utf8').catch(() => null) : null;
    const checks = new Checks()
      .that('the app started', started)
      .that('the user is told it was a folder, and where it is now', aside !== undefined && told.some((n) => /folder/.test(n) && n.includes(aside)))
      .that('the folder and what it held are kept', inside === 'mine')
      .that('accounts can be saved again', await fs.readFile(path.join(dataDir, 'accounts.json'), 'utf8').then((t) => t.includes('"New"'), () => false));
    report.judge(
      'accounts.json is a folder',
      'the app starts; the folder is renamed accounts.json.corrupt-<time> with its content; a notice says so',
      `started: ${started}${started ? '' : ` (${String(app)})`}; notices: ${told.join(' / ') || 'none'}; aside: ${aside ?? 'nothing'}`,
      checks,
      { fix: 'main/core/storage/atomic.ts readJsonFile(): EISDIR is a damaged file: renamed aside, reported.' },
    );
    expect(checks.failed()).toEqual([]);
  });
});

describe('the disk is full when a transfer is queued', () => {
  it('the list stays in memory, the user is told, the save is retried; orphaned kept files are cleaned at start', async () => {
    const dataDir = await freshDir('queue-disk-full');
    const app = await bootTestApp(dataDir);
    app.services.transfers.registerRunner('test.unreachable', () => Promise.reject(new AppError('network', 'The server could not be reached.')));
    const ref = await app.staging.stage('holiday.jpg', Readable.from([Buffer.from('pretend jpeg bytes')]));
    const kept = await app.staging.adopt(ref, path.join(dataDir, 'transfer-files'));
    disk.arm({ match: (file) => path.basename(file).startsWith('.transfers.json.'), afterBytes: 0, action: { kind: 'enospc' } });
    const item = app.services.transfers.enqueue(
      { type: 'test.unreachable', params: {}, ownedFiles: [kept.path] },
      { accountId: 'acc_0000000000000000', direction: 'upload', title: 'holiday.jpg', detail: 'to nowhere', bytesTotal: 18 },
    );
    const onDisk = () => fs.readFile(path.join(dataDir, 'transfers.json'), 'utf8').then((t) => t.includes(item.id), () => false);
    const toldFull = await waitFor(() => notices(app).some((n) => /transfer list could not be saved/i.test(n) && /disk is full/i.test(n)));
    const savedWhileFull = await onDisk();
    disk.disarm();
    const savedLater = await waitFor(onDisk);
    // The notice comes once the save has finished (the folder synced), a moment after the file is in place.
    const toldRecovered = await waitFor(() => notices(app).some((n) => /saved again/i.test(n)));
    await app.close();

    // An orphan as a lost save leaves it (a staged-id name no job owns), and a file the app never made.
    const orphan = path.join(dataDir, 'transfer-files', 'stg_0123456789abcdef01234567');
    const foreign = path.join(dataDir, 'transfer-files', 'my notes.txt');
    await fs.writeFile(orphan, 'orphan');
    await fs.writeFile(foreign, 'not the app\'s');
    const again = await bootTestApp(dataDir);
    const back = again.services.transfers.get(item.id);
    await again.close();
    const exists = (file: string) => fs.stat(file).then(() => true, () => false);
    const checks = new Checks()
      .that('the user is told the list could not be saved, and why', toldFull)
      .that('(the fault did fire: the job was not on disk while the disk was full)', !savedWhileFull && disk.firedOn.length > 0)
      .that('the save is retried once there is room', savedLater)
      .that('the user is told it is saved again', toldRecovered)
      .that('after a restart the job is listed, retryable', back?.state === 'failed')
      .that('its kept file is still there', await exists(kept.path))
      .that('an orphaned kept file is removed at start', !(await exists(orphan)))
      .that('a file the app did not make is left alone', await exists(foreign));
    report.judge(
      'a transfer queued while transfers.json cannot be written (ENOSPC), then a restart',
      'a notice says the list could not be saved; the save is retried with backoff and succeeds once there is room; the job and its file survive the restart; orphaned kept files are removed, nothing else',
      `told: ${toldFull}; on disk while full: ${savedWhileFull}; saved later: ${savedLater}; after restart: ${back?.state ?? 'missing'}`,
      checks,
      { fix: 'main/core/transfers/transfer-queue.ts saveOrRetry(): a failed save is retried (1 s, doubling, up to 30 s) and reported (onSaveError/onSaveRecovered → notices); main/core/files/staging.ts removeOrphanedKeptFiles() at start.' },
    );
    expect(checks.failed()).toEqual([]);
  }, 60_000);
});
