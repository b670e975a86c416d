// The window names things, main decides: the attacks a page holding the browser host's token (or a compromised
// renderer) could make through the contract, each of which worked before grants (issue 13), and what stops them now.
// A fake home folder stands in for the user's: ~/.ssh/authorized_keys, a file outside every grant, ~/Downloads.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderGrants, freeLocalPath, REPORT_FOR_MS } from '../../../main/app/grants';
import { WrittenFiles } from '../../../main/app/written-files';
import { ASSETS, startLibraryWorld, waitForFinal, type LibraryWorld } from './handlers/library-support';

let w: LibraryWorld;
let home: string;
let authorizedKeys: string;
let downloads: string;
const KEYS = 'ssh-ed25519 AAAA-the-users-own-key me@laptop\n';

beforeAll(async () => {
  w = await startLibraryWorld();
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'md-home-'));
  await fs.mkdir(path.join(home, '.ssh'), { mode: 0o700 });
  authorizedKeys = path.join(home, '.ssh', 'authorized_keys');
  await fs.writeFile(authorizedKeys, KEYS);
  downloads = path.join(home, 'Downloads');
  await fs.mkdir(downloads);
  // The server holds a file of the name the attacker wants to replace.
  await w.demo.createFolder('attack');
  await w.demo.uploadFile('attack', 'authorized_keys', path.join(ASSETS, 'fractal.jpg'));
  await w.demo.uploadFile('attack', 'photo.jpg', path.join(ASSETS, 'fractal.jpg'));
}, 30_000);
afterAll(async () => {
  await w.close();
  await fs.rm(home, { recursive: true, force: true });
});

/** Waits for every transfer the window queued to end, whatever it was. */
async function settle(): Promise<void> {
  for (const item of w.app.services.transfers.list()) await waitForFinal(w, item.id);
}

describe('write anywhere: a download lands only in a granted folder', () => {
  it('refuses a destination folder the window names, even with "overwrite"', async () => {
    const answer = await w.app.dispatch('library.download', {
      accountId: w.accountId,
      folder: 'attack',
      destination: path.join(home, '.ssh'),
      files: [{ name: 'authorized_keys', onExisting: 'overwrite' }],
    });
    await settle();
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await fs.readFile(authorizedKeys, 'utf8')).toBe(KEYS);
    const twilio = await w.app.dispatch('twilio.download', { accountId: w.accountId, folder: path.join(home, '.ssh'), items: [] });
    expect(twilio).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses a grant id main never issued', async () => {
    await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId: `dg_${'a'.repeat(24)}`, files: [{ name: 'photo.jpg' }] }, 'forbidden');
    await w.fails('files.findExisting', { grantId: `dg_${'a'.repeat(24)}`, names: ['authorized_keys'] }, 'forbidden');
  });

  it("never replaces the user's own file, even after a scripted findExisting: only the app's own downloads", async () => {
    const grantId = await w.app.grantFolder(downloads);
    await fs.writeFile(path.join(downloads, 'photo.jpg'), 'mine');
    // "overwrite" for a name nobody was asked about: refused before anything is queued.
    await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg', onExisting: 'overwrite' }] }, 'forbidden', /confirmed/);
    expect(w.app.services.transfers.list()).toHaveLength(0);
    // Reported in another grant does not count in this one.
    const other = await w.app.grantFolder(home);
    expect(await w.ok('files.findExisting', { grantId: other, names: ['Downloads'] })).toEqual(['Downloads']);
    await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg', onExisting: 'overwrite' }] }, 'forbidden');
    // The window asks findExisting itself, then "overwrite": nobody was asked, and the file is the user's: refused.
    expect(await w.ok('files.findExisting', { grantId, names: ['photo.jpg', 'none.jpg'] })).toEqual(['photo.jpg']);
    await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg', onExisting: 'overwrite' }] }, 'forbidden', /only its own downloads/);
    expect(w.app.services.transfers.list()).toHaveLength(0);
    expect(await fs.readFile(path.join(downloads, 'photo.jpg'), 'utf8')).toBe('mine');

    // A file the app saved there, unchanged since: found, then replaced, once per report.
    await fs.rm(path.join(downloads, 'photo.jpg'));
    const [first] = await w.ok('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg' }] });
    expect(await waitForFinal(w, first!.id)).toMatchObject({ state: 'done' });
    expect(await w.ok('files.findExisting', { grantId, names: ['photo.jpg'] })).toEqual(['photo.jpg']);
    const [again] = await w.ok('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg', onExisting: 'overwrite' }] });
    expect(await waitForFinal(w, again!.id)).toMatchObject({ state: 'done', result: { savedTo: path.join(downloads, 'photo.jpg') } });
    await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg', onExisting: 'overwrite' }] }, 'forbidden', /confirmed/);
    // Changed by the user since the app saved it: theirs now.
    await fs.appendFile(path.join(downloads, 'photo.jpg'), 'my notes');
    expect(await w.ok('files.findExisting', { grantId, names: ['photo.jpg'] })).toEqual(['photo.jpg']);
    await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg', onExisting: 'overwrite' }] }, 'forbidden', /only its own downloads/);
    expect(await fs.readFile(path.join(downloads, 'photo.jpg'), 'utf8')).toMatch(/my notes$/);
    await settle();
    await fs.rm(path.join(downloads, 'photo.jpg'));
  });

  it('a queued "overwrite" checks the file again when it runs: one the user put there since is kept', async () => {
    const grantId = await w.app.grantFolder(downloads);
    const [first] = await w.ok('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'photo.jpg' }] });
    await waitForFinal(w, first!.id);
    expect(await w.ok('files.findExisting', { grantId, names: ['photo.jpg'] })).toEqual(['photo.jpg']);
    await fs.rm(path.join(downloads, 'photo.jpg'));
    await fs.writeFile(path.join(downloads, 'photo.jpg'), 'mine, put here since');
    const runner = await import('../../../main/app/runners/library');
    const ctx = { params: { accountId: w.accountId, folder: 'attack', name: 'photo.jpg', destination: downloads, onExisting: 'overwrite' }, signal: new AbortController().signal, phase: () => undefined, progress: () => undefined };
    await expect(runner.libraryDownloadRunner(w.app.services.accounts, w.app.services.written)(ctx as never)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await fs.readFile(path.join(downloads, 'photo.jpg'), 'utf8')).toBe('mine, put here since');
    await fs.rm(path.join(downloads, 'photo.jpg'));
  });

  it('findExisting answers only for names a download could make: never about hidden files', async () => {
    const grantId = await w.app.grantFolder(home);
    await fs.writeFile(path.join(home, '.bashrc'), 'export PS1=x');
    await fs.writeFile(path.join(home, 'COM¹.jpg'), 'x');
    expect(await w.ok('files.findExisting', { grantId, names: ['.ssh', '.bashrc', 'COM¹.jpg', '_COM¹.jpg', 'Downloads', 'a\u202Eb'] })).toEqual(['Downloads']);
    await fs.rm(path.join(home, '.bashrc'));
    await fs.rm(path.join(home, 'COM¹.jpg'));
  });

  it('never writes through a link in the granted folder to a file outside it, nor replaces the link', async () => {
    const grantId = await w.app.grantFolder(downloads);
    const link = path.join(downloads, 'authorized_keys');
    await fs.symlink(authorizedKeys, link);
    try {
      expect(await w.ok('files.findExisting', { grantId, names: ['authorized_keys'] })).toEqual(['authorized_keys']);
      await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'authorized_keys', onExisting: 'overwrite' }] }, 'forbidden');
      expect(await fs.readFile(authorizedKeys, 'utf8')).toBe(KEYS);
      expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    } finally {
      await fs.rm(link, { force: true });
    }
  });

  it('a report stands for a while only: an "overwrite" long after it is refused', async () => {
    let now = 1_000_000;
    const written = new WrittenFiles();
    const grants = new FolderGrants(written, () => now);
    const { grantId } = await grants.grant(downloads, false);
    const mine = path.join(downloads, 'kept.jpg');
    await fs.writeFile(mine, 'saved by the app');
    await written.record(mine);
    expect(await grants.findExisting(grantId, ['kept.jpg'])).toEqual(['kept.jpg']);
    now += REPORT_FOR_MS + 1;
    await expect(grants.allowOverwrite(grantId, ['kept.jpg'])).rejects.toMatchObject({ code: 'forbidden' });
    expect(await grants.findExisting(grantId, ['kept.jpg'])).toEqual(['kept.jpg']);
    await grants.allowOverwrite(grantId, ['kept.jpg']);
    await fs.rm(mine);
  });

  it('a free name for a download skips a dangling link: it is taken, not free', async () => {
    const link = path.join(downloads, 'dangling.jpg');
    await fs.symlink(path.join(home, 'not-there-yet'), link);
    try {
      expect(await freeLocalPath(downloads, 'dangling.jpg')).toBe(path.join(downloads, 'dangling (1).jpg'));
    } finally {
      await fs.rm(link, { force: true });
    }
  });

  it('refuses a granted folder that was replaced by a link to elsewhere before the download ran', async () => {
    const swapped = path.join(home, 'swapped');
    await fs.mkdir(swapped);
    const grantId = await w.app.grantFolder(swapped);
    await fs.rm(swapped, { recursive: true });
    await fs.symlink(path.join(home, '.ssh'), swapped);
    await w.fails('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: 'authorized_keys' }] }, 'forbidden', /leads elsewhere/);
    expect(await fs.readdir(path.join(home, '.ssh'))).toEqual(['authorized_keys']);
  });

  it('never makes or replaces a hidden file, whatever the remote name', async () => {
    await w.demo.uploadFile('attack', '.bashrc', path.join(ASSETS, 'fractal.jpg')).catch(() => undefined);
    const listed = (await w.ok('library.getFolder', { accountId: w.accountId, folder: 'attack' })).files.map((f) => f.name);
    const grantId = await w.app.grantFolder(downloads);
    if (listed.includes('.bashrc')) {
      const [item] = await w.ok('library.download', { accountId: w.accountId, folder: 'attack', grantId, files: [{ name: '.bashrc' }] });
      expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'done', result: { savedTo: path.join(downloads, '_bashrc') } });
    }
    await expect(new FolderGrants(new WrittenFiles()).grant('relative/folder', true)).rejects.toMatchObject({ code: 'validation' });
  });
});

describe('read anything: no contract method takes a local path', () => {
  let canary: string;
  beforeAll(async () => {
    canary = path.join(home, 'private.jpg');
    await fs.copyFile(path.join(ASSETS, 'fractal.jpg'), canary);
  });

  it('generic.checkFiles does not report the type and size of a file the user never gave', async () => {
    const answer = await w.app.dispatch('generic.checkFiles', { files: [{ kind: 'path', path: canary }, { kind: 'path', path: '/etc/shadow' }] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(JSON.stringify(answer)).not.toMatch(/image\/jpeg|"size":[1-9]/);
  });

  it('files.findExisting does not list a folder the window names', async () => {
    const answer = await w.app.dispatch('files.findExisting', { folder: home, names: ['.ssh', 'private.jpg'] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('a JPEG on disk cannot be uploaded by naming its path or guessing an id', async () => {
    const before = w.requestCount();
    for (const ref of [{ kind: 'path', path: canary }, { kind: 'granted', id: `fg_${'0'.repeat(24)}` }, { kind: 'staged', id: `stg_${'0'.repeat(24)}` }]) {
      const answer = await w.app.dispatch('library.upload', { accountId: w.accountId, folder: 'attack', files: [{ ref }] });
      if (answer.ok) expect(answer.value).toMatchObject({ queued: [], refused: [{ error: { code: 'not_found' } }] });
      else expect(answer.error.code).toBe('validation');
    }
    expect(w.requestCount()).toBe(before);
  });

  it('grants only regular files: not a folder, a device or a FIFO', async () => {
    await expect(w.app.grantFile(home)).rejects.toMatchObject({ code: 'unsupported_media' });
    await expect(w.app.grantFile('/dev/zero')).rejects.toMatchObject({ code: 'unsupported_media' });
    await expect(w.app.grantFile('relative.jpg')).rejects.toMatchObject({ code: 'validation' });
    const ref = await w.app.grantFile(canary);
    expect(ref).toMatchObject({ kind: 'granted' });
    // A link put in the granted file's place afterwards is not followed.
    await fs.rm(canary);
    await fs.symlink(authorizedKeys, canary);
    const [checked] = await w.ok('generic.checkFiles', { files: [ref] });
    expect(checked).toMatchObject({ name: 'private.jpg', size: 0, error: { code: 'unsupported_media' } });
  });
});
