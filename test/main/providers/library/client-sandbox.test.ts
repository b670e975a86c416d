// The library client against the real sandbox server (main/sandbox), as the app uses it: the demo user and his
// colleague (a second user with a second application) see each other's changes of ACL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../../main/common/errors.js';
import {
  canAccessFile,
  emptyAcl,
  locksOut,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  summarizeAcl,
  type Acl,
  type AclOp,
} from '../../../../main/common/library-acl.js';
import { applyAclToMany, folderAndFiles } from '../../../../main/providers/library/bulk-acl.js';
import { LibraryClient } from '../../../../main/providers/library/client.js';
import { startSandbox, type Sandbox } from '../../../../main/sandbox/index.js';
import { expectAppError } from './harness.js';

let sandbox: Sandbox;
let dataDir: string;
let tmp: string;
let demo: LibraryClient;
let colleague: LibraryClient;
/** The colleague working through the demo user's application. */
let colleagueViaDemoApp: LibraryClient;
let demoUser: string;
let demoApp: string;
let otherUser: string;
let otherApp: string;

const assets = path.resolve(__dirname, '../../../../assets/demo');
let counter = 0;
const uniqueFolder = (stem: string): string => `${stem}-${process.pid}-${(counter += 1)}`;

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A folder of the demo user holding small files, each following the folder's ACL. */
async function folderWithFiles(stem: string, names: string[]): Promise<string> {
  const folder = uniqueFolder(stem);
  await demo.createFolder(folder);
  for (const name of names) await demo.uploadFile(folder, name, path.join(assets, 'fractal.jpg'));
  return folder;
}

/** Whether the call succeeded, failed with 403, or failed otherwise (which fails the test). */
async function allowed(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (err) {
    if ((err as AppError).code === 'forbidden') return false;
    throw err;
  }
}

beforeAll(async () => {
  dataDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'library-sandbox-'));
  tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'library-sandbox-out-'));
  sandbox = await startSandbox({ dataDir });
  const lib = sandbox.accounts.library;
  demoUser = lib.userId;
  demoApp = lib.appId;
  otherUser = lib.otherUser.userId;
  otherApp = lib.otherUser.appId;
  const base = { serverUrl: lib.serverUrl, domain: lib.domain };
  demo = new LibraryClient({ ...base, userId: demoUser, appId: demoApp, password: lib.password });
  colleague = new LibraryClient({ ...base, ...lib.otherUser });
  colleagueViaDemoApp = new LibraryClient({ ...base, ...lib.otherUser, appId: demoApp });
});

afterAll(async () => {
  await sandbox?.close();
  await fs.promises.rm(dataDir, { recursive: true, force: true });
  await fs.promises.rm(tmp, { recursive: true, force: true });
});

describe('library client against the sandbox', () => {
  it('lists only the folders each user may read, and every listed folder passes the client-side rule', async () => {
    const mine = await demo.listFolders();
    const theirs = await colleague.listFolders();
    expect(mine.map((f) => f.name)).toEqual(expect.arrayContaining(['photos', 'videos', 'from-colleague', 'partner-drop']));
    expect(mine.map((f) => f.name)).not.toContain('colleague-private');
    expect(theirs.map((f) => f.name)).toContain('colleague-private');
    expect(theirs.map((f) => f.name)).not.toContain('photos');
    for (const folder of mine) expect(canAccessFile(folder, null, 'read', demoUser, demoApp)).toBe(true);
    for (const folder of theirs) expect(canAccessFile(folder, null, 'read', otherUser, otherApp)).toBe(true);
  });

  it('walks every resource: create, upload, details, download, stream, ACL, delete', async () => {
    const folder = uniqueFolder('walk');
    const jpeg = fs.readFileSync(path.join(assets, 'ocean-gradient.jpg'));
    expect((await demo.createFolder(folder)).location).toBe(`${sandbox.baseUrl}/rest/1.0/media/${sandbox.accounts.library.domain}/${folder}`);
    await expectAppError(demo.createFolder(folder), 'conflict');
    await demo.createFile(folder, 'empty.bin');
    const uploaded = await demo.uploadFile(folder, 'ocean.jpg', path.join(assets, 'ocean-gradient.jpg'));
    expect(uploaded).toMatchObject({ size: jpeg.length, created: true });

    const details = await demo.getFolder(folder);
    expect(details.files.map((f) => [f.name, f.size])).toEqual([
      ['empty.bin', 0],
      ['ocean.jpg', jpeg.length],
    ]);
    expect(await demo.getFile(folder, 'ocean.jpg')).toMatchObject({ id: `${folder}/ocean.jpg`, createdBy: demoUser, createdWith: demoApp, size: jpeg.length });

    const dest = path.join(tmp, `${folder}.jpg`);
    await demo.downloadFile(folder, 'ocean.jpg', dest, { expectedSize: jpeg.length });
    expect(fs.readFileSync(dest).equals(jpeg)).toBe(true);

    const part = await demo.openFileStream(folder, 'ocean.jpg', { range: 'bytes=0-99' });
    expect(part.status).toBe(206);
    expect(part.headers['content-type']).toBe('image/jpeg');
    expect(part.headers['content-range']).toBe(`bytes 0-99/${jpeg.length}`);
    expect((await collect(part.body)).equals(jpeg.subarray(0, 100))).toBe(true);

    const acl: Acl = { ...emptyAcl(), readUsers: [demoUser, otherUser], writeUsers: [demoUser] };
    await demo.putAcl({ folder, file: 'ocean.jpg' }, acl);
    expect((await demo.getAcl({ folder, file: 'ocean.jpg' })).acl).toEqual(acl);

    await demo.deleteFile(folder, 'ocean.jpg');
    await expectAppError(demo.getFile(folder, 'ocean.jpg'), 'not_found');
    await demo.deleteFile(folder, 'empty.bin');
    await demo.deleteFolder(folder);
    expect((await demo.listFolders()).map((f) => f.name)).not.toContain(folder);
  });

  it('shuts the colleague out when an ACL drops him, and lets him back in when he is added again', async () => {
    const folder = await folderWithFiles('shared', ['a.jpg']);
    const withColleague: Acl = { ...emptyAcl(), readUsers: [demoUser, otherUser], writeUsers: [demoUser] };
    const withoutColleague: Acl = { ...emptyAcl(), readUsers: [demoUser], writeUsers: [demoUser] };

    await demo.putAcl({ folder }, withColleague);
    expect((await colleague.listFolders()).map((f) => f.name)).toContain(folder);
    await colleague.getFile(folder, 'a.jpg');

    expect(locksOut(withoutColleague, demoUser, demoApp, { createdBy: demoUser }).message).toBeNull();
    await demo.putAcl({ folder }, withoutColleague);
    await expectAppError(colleague.getFile(folder, 'a.jpg'), 'forbidden');
    await expectAppError(colleague.downloadFile(folder, 'a.jpg', path.join(tmp, `${folder}-denied.jpg`)), 'forbidden');
    expect((await colleague.listFolders()).map((f) => f.name)).not.toContain(folder);
    expect(fs.existsSync(path.join(tmp, `${folder}-denied.jpg`))).toBe(false);

    await demo.putAcl({ folder }, withColleague);
    expect((await colleague.listFolders()).map((f) => f.name)).toContain(folder);
    expect((await colleague.getFile(folder, 'a.jpg')).name).toBe('a.jpg');
  });

  it('warns before a lock-out, and the lock-out is real once saved', async () => {
    const folder = await folderWithFiles('lockout', []);
    const onlyColleague: Acl = { ...emptyAcl(), readUsers: [otherUser], writeUsers: [otherUser] };
    expect(locksOut(onlyColleague, demoUser, demoApp, { createdBy: demoUser })).toMatchObject({ losesRead: true, losesWrite: true });
    await demo.putAcl({ folder }, onlyColleague);
    await expectAppError(demo.getFolder(folder), 'forbidden');
    await expectAppError(demo.putAcl({ folder }, emptyAcl()), 'forbidden');
    expect((await colleague.getFolder(folder)).files).toEqual([]);
  });

  describe('each preset gives the access its summary says', () => {
    // Built when the test runs: the ids come from the sandbox started in beforeAll.
    const cases: Array<[string, () => Acl, () => string]> = [
      ['only me', () => presetOnlyMe(demoUser), () => `Only the user ${demoUser} can read, through any application.`],
      [
        'everyone in the domain',
        () => presetEveryoneInDomain({ currentUser: demoUser, knownUsers: [otherUser] }),
        () => `Only the users ${demoUser} and ${otherUser} can read, through any application.`,
      ],
      ['only through this application', () => presetOnlyThroughApp(demoApp), () => `Any user of the application ${demoApp} can read; no one through another application.`],
    ];

    it.each(cases)('%s', async (_name, makePreset, readSentence) => {
      const acl = makePreset();
      expect(summarizeAcl(acl, demoUser).read).toBe(readSentence());
      const folder = await folderWithFiles('preset', ['f.jpg']);
      await demo.putAcl({ folder }, acl);
      const file = { createdBy: demoUser, acl: emptyAcl() };
      const probes: Array<[LibraryClient, string, string]> = [
        [demo, demoUser, demoApp],
        [colleague, otherUser, otherApp],
        [colleagueViaDemoApp, otherUser, demoApp],
      ];
      const local = path.join(tmp, 'write-probe.bin');
      fs.writeFileSync(local, 'probe');
      for (const [client, user, app] of probes) {
        const expected = (op: AclOp) => canAccessFile(file, { createdBy: demoUser, acl }, op, user, app);
        expect(await allowed(client.getFile(folder, 'f.jpg')), `read by ${user} through ${app}`).toBe(expected('read'));
        expect(await allowed(client.uploadFile(folder, 'f.jpg', local, { create: 'never' })), `write by ${user} through ${app}`).toBe(expected('write'));
      }
    });
  });

  it('applies one ACL to a folder and all its files, reporting a file that refuses', async () => {
    const folder = await folderWithFiles('bulk', ['one.jpg', 'two.jpg', 'three.jpg']);
    // two.jpg gets an ACL of its own that leaves the demo user without write access.
    await demo.putAcl({ folder, file: 'two.jpg' }, { ...emptyAcl(), readUsers: [demoUser], writeUsers: [otherUser] });
    const acl: Acl = { ...emptyAcl(), readUsers: [demoUser, otherUser], writeUsers: [demoUser] };
    const results = await applyAclToMany(demo, await folderAndFiles(demo, folder), acl);

    expect(results.map((r) => [r.target.file ?? '(folder)', r.ok])).toEqual([
      ['(folder)', true],
      ['one.jpg', true],
      ['three.jpg', true],
      ['two.jpg', false],
    ]);
    const refused = results[3];
    expect(refused && !refused.ok && refused.error.code).toBe('forbidden');
    for (const target of [{ folder }, { folder, file: 'one.jpg' }, { folder, file: 'three.jpg' }]) {
      expect((await demo.getAcl(target)).acl).toEqual(acl);
    }
  });

  it('reports the demo folder the demo app may only read as refused for a bulk change', async () => {
    const results = await applyAclToMany(demo, [{ folder: 'partner-drop' }], presetOnlyMe(demoUser));
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it("plays the demo user's voicemail, with Range, and refuses it to the colleague", async () => {
    const mp3 = fs.readFileSync(path.join(assets, 'voicemail.mp3'));
    const dest = path.join(tmp, 'voicemail.mp3');
    await demo.downloadVoicemail('26919119', dest);
    expect(fs.readFileSync(dest).equals(mp3)).toBe(true);
    const stream = await demo.openVoicemailStream('26919119', { range: 'bytes=10-19' });
    expect(stream.status).toBe(206);
    expect(stream.headers['content-type']).toBe('audio/mpeg');
    expect((await collect(stream.body)).equals(mp3.subarray(10, 20))).toBe(true);
    await expectAppError(colleague.downloadVoicemail('26919119', path.join(tmp, 'not-mine.mp3')), 'forbidden');
    expect(fs.existsSync(path.join(tmp, 'not-mine.mp3'))).toBe(false);
  });

  it('reports wrong credentials, missing things and bad ids clearly', async () => {
    const lib = sandbox.accounts.library;
    const wrong = new LibraryClient({ serverUrl: lib.serverUrl, domain: lib.domain, userId: demoUser, appId: demoApp, password: `${lib.password}-wrong` });
    const err = await expectAppError(wrong.listFolders(), 'unauthorized');
    expect(err.message).not.toContain(lib.password);
    await expectAppError(demo.getFolder('no-such-folder'), 'not_found', /no-such-folder/);
    await expectAppError(demo.getFolder('../photos'), 'validation');
  });
});
