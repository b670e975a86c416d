// The media library commands, as a child process against the sandbox: ls, mkdir, put, get, rm, acl get/set,
// with their failures and exit codes.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryClient } from '../../../main/providers/library/index.js';
import { buildCli, expectOneErrorLine, makeRunner, REPO } from './support/cli-process.js';
import { startCliFixture, type CliFixture } from './support/fixture.js';

let fixture: CliFixture;
let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
/** The library as the sandbox's demo user sees it, to check what the CLI did. */
let library: LibraryClient;
let me: string;
let other: string;

beforeAll(async () => {
  [fixture, cli] = await Promise.all([startCliFixture(), buildCli()]);
  run = makeRunner(cli.bundle, () => fixture.secrets);
  const a = fixture.sandbox.accounts.library;
  library = new LibraryClient({ serverUrl: a.serverUrl, domain: a.domain, userId: a.userId, appId: a.appId, password: a.password });
  me = a.userId;
  other = a.otherUser.userId;
});
afterAll(async () => {
  await fixture?.close();
  await cli?.remove();
});

const lib = (...args: string[]) => run(['library', ...args, '--data-dir', fixture.dataDir]);
const JPEG = path.join(REPO, 'assets/demo/fractal.jpg');

describe('library ls, mkdir, put, get, rm', () => {
  it('walks a folder through its life: create, fill, list, download, delete', async () => {
    const mkdir = await lib('mkdir', 'cli-life');
    expect(mkdir).toMatchObject({ code: 0, stdout: 'Created folder "cli-life".\n' });

    const notes = path.join(fixture.work, 'notes.txt');
    await fs.writeFile(notes, 'plain text is fine in the library');
    const put = await lib('put', 'cli-life', JPEG, notes);
    expect(put).toMatchObject({ code: 0, stdout: 'cli-life/fractal.jpg\ncli-life/notes.txt\n' });

    const ls = await lib('ls', 'cli-life', '--json');
    expect(ls.code).toBe(0);
    const listing = ls.json() as { folder: { name: string }; files: Array<{ name: string; size: number; createdBy: string }> };
    expect(listing.folder.name).toBe('cli-life');
    expect(listing.files.map((f) => [f.name, f.size, f.createdBy])).toEqual([
      ['fractal.jpg', (await fs.stat(JPEG)).size, me],
      ['notes.txt', 33, me],
    ]);
    const folders = await lib('ls');
    expect(folders.stdout.split('\n')[0]).toMatch(/^FOLDER\s+CREATED\s+BY$/);
    expect(folders.stdout).toMatch(/^cli-life\s+\S+\s+\S+$/m);

    const out = path.join(fixture.work, 'downloads');
    await fs.mkdir(out);
    const get = await lib('get', 'cli-life/fractal.jpg', '--out', out);
    expect(get).toMatchObject({ code: 0, stdout: `${path.join(out, 'fractal.jpg')}\n`, stderr: '' });
    expect((await fs.readFile(path.join(out, 'fractal.jpg'))).equals(await fs.readFile(JPEG))).toBe(true);

    const notEmpty = await lib('rm', 'cli-life');
    expect(notEmpty.code).toBe(3);
    expectOneErrorLine(notEmpty, /Folder "cli-life" could not be deleted .*not empty/);

    const rm = await lib('rm', 'cli-life/fractal.jpg', 'cli-life/notes.txt', 'cli-life', '--json');
    expect(rm.code).toBe(0);
    expect(rm.json()).toEqual({ results: [{ target: 'cli-life/fractal.jpg', ok: true }, { target: 'cli-life/notes.txt', ok: true }, { target: 'cli-life', ok: true }] });
    expect((await library.listFolders()).map((f) => f.name)).not.toContain('cli-life');
  });

  it('get never replaces a file unless --force, and a missing --out folder is local (4)', async () => {
    await library.createFolder('cli-get');
    await library.uploadFile('cli-get', 'one.jpg', JPEG);
    const out = path.join(fixture.work, 'get-out');
    await fs.mkdir(out);
    await fs.writeFile(path.join(out, 'one.jpg'), 'mine');

    const refused = await lib('get', 'cli-get/one.jpg', '--out', out);
    expect(refused.code).toBe(4);
    expectOneErrorLine(refused, /one\.jpg already exists; add --force to replace it\./);
    expect(await fs.readFile(path.join(out, 'one.jpg'), 'utf8')).toBe('mine');

    const forced = await lib('get', 'cli-get/one.jpg', '--out', out, '--force', '--json');
    expect(forced.code).toBe(0);
    expect(forced.json()).toEqual({ results: [{ target: 'cli-get/one.jpg', ok: true, path: path.join(out, 'one.jpg'), size: (await fs.stat(JPEG)).size, contentType: 'image/jpeg' }] });
    expect((await fs.readFile(path.join(out, 'one.jpg'))).equals(await fs.readFile(JPEG))).toBe(true);
    // No temporary file left behind.
    expect(await fs.readdir(out)).toEqual(['one.jpg']);

    const noFolder = await lib('get', 'cli-get/one.jpg', '--out', path.join(fixture.work, 'nope'));
    expect(noFolder.code).toBe(4);
    expectOneErrorLine(noFolder, /The folder .*nope does not exist\./);
  });

  it("get saves under the app's local name: no hidden file, no Windows device name, no bidi override", async () => {
    await library.createFolder('cli-names');
    const names = ['.bash_aliases', 'COM¹.jpg', 'CONIN$.jpg', 'invoice\u202Egpj.exe'];
    for (const name of names) await library.uploadFile('cli-names', name, JPEG);
    const out = path.join(fixture.work, 'names-out');
    await fs.mkdir(out);
    const get = await lib('get', ...names.map((n) => `cli-names/${n}`), '--out', out);
    expect(get.code).toBe(0);
    const saved = ['_bash_aliases', '_COM¹.jpg', '_CONIN$.jpg', 'invoice_gpj.exe'];
    expect(get.stdout).toBe(saved.map((n) => `${path.join(out, n)}\n`).join(''));
    expect((await fs.readdir(out)).sort()).toEqual([...saved].sort());
  });

  it('remote refusals are 3: a file that is not there, a folder that exists; each target of a batch is tried', async () => {
    const missing = await lib('get', 'cli-get/absent.jpg', '--out', fixture.work);
    expect(missing.code).toBe(3);
    expectOneErrorLine(missing, /File "cli-get\/absent\.jpg" was not found/);

    const exists = await lib('mkdir', 'cli-get');
    expect(exists.code).toBe(3);
    expectOneErrorLine(exists, /A folder named "cli-get" already exists/);

    const batch = await lib('rm', 'cli-get/absent.jpg', 'cli-get/one.jpg', '--json');
    expect(batch.code).toBe(3);
    expect(batch.json()).toMatchObject({ results: [{ target: 'cli-get/absent.jpg', ok: false, exitCode: 3, error: { code: 'not_found' } }, { target: 'cli-get/one.jpg', ok: true }] });
    expect((await library.getFolder('cli-get')).files).toEqual([]);
  });

  it('put checks every local file first: a missing one stops it (4) before anything is sent', async () => {
    await library.createFolder('cli-put');
    const result = await lib('put', 'cli-put', JPEG, path.join(fixture.work, 'missing.bin'));
    expect(result.code).toBe(4);
    expectOneErrorLine(result, /The file ".*missing\.bin" does not exist\. Nothing was uploaded\./);
    expect((await library.getFolder('cli-put')).files).toEqual([]);
  });

  it('bad targets are usage errors (2) before any request', async () => {
    const before = fixture.sandbox.requests.length;
    for (const [args, pattern] of [
      [['rm', 'a/b/c'], /"a\/b\/c" is not FOLDER or FOLDER\/FILE: the media library has no sub-folders\./],
      [['get', 'folder-only'], /library get downloads files: write FOLDER\/FILE\./],
      [['mkdir'], /Give exactly one FOLDER to create\./],
      [['ls', '..'], /The folder name "\.\." cannot be used/],
    ] as const) {
      const result = await lib(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expectOneErrorLine(result, pattern);
    }
    expect(fixture.sandbox.requests.length).toBe(before);
  });
});

describe('Ctrl-C', () => {
  it('cancels a download under way: exit 130, the request is abandoned, nothing is left in the folder', async () => {
    await library.createFolder('cli-cancel');
    await library.uploadFile('cli-cancel', 'slow.jpg', JPEG);
    const filePath = new RegExp(`/cli-cancel/slow\\.jpg$`);
    fixture.sandbox.faults.set({ method: 'GET', path: filePath }, { kind: 'delay', ms: 20_000 });
    const seen = fixture.sandbox.requests.length;
    const out = path.join(fixture.work, 'cancel-out');
    await fs.mkdir(out);
    const child = spawn(process.execPath, [cli.bundle, 'library', 'get', 'cli-cancel/slow.jpg', '--out', out, '--data-dir', fixture.dataDir], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    try {
      // Interrupt once the request is waiting at the server.
      while (!fixture.sandbox.requests.slice(seen).some((r) => filePath.test(r.path))) await new Promise((r) => setTimeout(r, 20));
      const started = Date.now();
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      fixture.sandbox.faults.clear();
      child.kill('SIGKILL');
    }
    expect(stderr).toBe('media-desk: Cancelled.\n');
    const entry = fixture.sandbox.requests.slice(seen).find((r) => filePath.test(r.path));
    await fixture.sandbox.waitForRequest((r) => r === entry);
    expect(entry).toMatchObject({ fault: 'delay', status: 0, aborted: true });
    expect(await fs.readdir(out)).toEqual([]);
  });
});

describe('library acl', () => {
  it('get shows the four lists and what they mean; a file without its own list follows its folder', async () => {
    const folder = await lib('acl', 'get', 'from-colleague');
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain(`  read users:  ${other}, ${me}\n`);
    expect(folder.stdout).toContain(`  write users: ${other}\n`);
    expect(folder.stdout).toContain(`Only the user ${other} can write, through any application.`);

    await library.createFolder('cli-acl');
    await library.uploadFile('cli-acl', 'pic.jpg', JPEG);
    const file = await lib('acl', 'get', 'cli-acl/pic.jpg', '--json');
    expect(file.code).toBe(0);
    expect(file.json()).toMatchObject({ target: 'cli-acl/pic.jpg', ownAcl: false, createdBy: me, acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } });
  });

  it('set changes only the lists given, and the server has the new ACL', async () => {
    const result = await lib('acl', 'set', 'cli-acl', '--read-users', `${me}, ${other}`, '--write-users', me, '--json');
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ target: 'cli-acl', ownAcl: true, acl: { readUsers: [me, other], writeUsers: [me], readApps: [], writeApps: [] } });
    const apps = await lib('acl', 'set', 'cli-acl', '--read-apps', fixture.sandbox.accounts.library.appId);
    expect(apps.code).toBe(0);
    expect((await library.getAcl({ folder: 'cli-acl' })).acl).toEqual({ readUsers: [me, other], readApps: [fixture.sandbox.accounts.library.appId], writeUsers: [me], writeApps: [] });
    expect(apps.stdout).toContain(`and only through the application ${fixture.sandbox.accounts.library.appId}.`);
  });

  it('refuses (2) a change that locks this user out unless --force; presets; --recursive reaches every file', async () => {
    const lockout = await lib('acl', 'set', 'cli-acl', '--write-users', other);
    expect(lockout.code).toBe(2);
    expectOneErrorLine(lockout, /will no longer be able to change this, nor undo this change\. Add --force to save it anyway\./);
    expect((await library.getAcl({ folder: 'cli-acl' })).acl.writeUsers).toEqual([me]);

    const recursive = await lib('acl', 'set', 'cli-acl', '--preset', 'only-me', '--recursive', '--json');
    expect(recursive.code).toBe(0);
    expect(recursive.json()).toEqual({
      acl: { readUsers: [me], readApps: [], writeUsers: [me], writeApps: [] },
      results: [
        { target: 'cli-acl', ok: true },
        { target: 'cli-acl/pic.jpg', ok: true },
      ],
    });
    expect((await library.getAcl({ folder: 'cli-acl', file: 'pic.jpg' })).acl.readUsers).toEqual([me]);

    const forced = await lib('acl', 'set', 'cli-acl/pic.jpg', '--write-users', other, '--force');
    expect(forced.code).toBe(0);
    expect((await library.getAcl({ folder: 'cli-acl', file: 'pic.jpg' })).acl.writeUsers).toEqual([other]);

    const badPreset = await lib('acl', 'set', 'cli-acl', '--preset', 'world');
    expect(badPreset.code).toBe(2);
    expectOneErrorLine(badPreset, /--preset must be one of only-me, everyone-in-domain, only-this-app, clear\./);
    const nothing = await lib('acl', 'set', 'cli-acl');
    expect(nothing.code).toBe(2);
    expectOneErrorLine(nothing, /Say what to set/);
  });

  it('a folder this user may not change is refused by the server (3)', async () => {
    // from-colleague: written only by the other user.
    const result = await lib('acl', 'set', 'from-colleague', '--read-users', `${other},${me}`, '--write-users', `${other},${me}`);
    expect(result.code).toBe(3);
    expectOneErrorLine(result, /Access to the access list of folder "from-colleague" was refused by 127\.0\.0\.1:\d+: You may not change/);
    expect((await library.getAcl({ folder: 'from-colleague' })).acl.writeUsers).toEqual([other]);
  });
});

describe('names from the address book', () => {
  it('acl get and ls print "Name (id)" for the ids the address book names; --json keeps bare ids', async () => {
    expect((await run(['address-book', 'set', other, '--name', 'Carla Colleague', '--data-dir', fixture.dataDir])).code).toBe(0);
    try {
      const folder = await lib('acl', 'get', 'from-colleague');
      expect(folder.stdout).toContain(`, created by Carla Colleague (${other}) `);
      expect(folder.stdout).toContain(`  read users:  Carla Colleague (${other}), ${me}\n`);
      expect(folder.stdout).toContain(`Only the user Carla Colleague (${other}) can write, through any application.`);
      expect((await lib('acl', 'get', 'from-colleague', '--json')).json()).toMatchObject({ createdBy: other, acl: { writeUsers: [other] }, summary: { write: `Only the user ${other} can write, through any application.` } });
      expect((await lib('ls')).stdout).toMatch(new RegExp(`\\nfrom-colleague .*Carla Colleague \\(${other}\\)\\n`));
    } finally {
      await run(['address-book', 'remove', other, '--data-dir', fixture.dataDir]);
    }
  });
});
