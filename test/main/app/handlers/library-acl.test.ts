// What an access list saved through the app does on the server, seen from the other side: the sandbox's second
// user is let in or shut out as the list says; each preset gives exactly the access its summary describes; one
// list applied to a folder and its files changes every one of them, and a file that refuses is reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canAccessFile,
  emptyAcl,
  presetEveryoneInDomain,
  presetOnlyMe,
  presetOnlyThroughApp,
  summarizeAcl,
  type Acl,
  type AclOp,
} from '../../../../main/common/library-acl';
import type { AppError } from '../../../../main/common/errors';
import type { LibraryClient } from '../../../../main/providers/library/index';
import { folderWithFiles, outcomes, runJob, startLibraryWorld, type LibraryWorld } from './library-support';

let w: LibraryWorld;
beforeAll(async () => {
  w = await startLibraryWorld();
});
afterAll(async () => {
  await w?.close();
});

/** Whether the call went through (true) or got a 403 (false); anything else fails the test. */
async function allowed(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (err) {
    if ((err as AppError).code === 'forbidden') return false;
    throw err;
  }
}

const canRead = (client: LibraryClient, folder: string, file: string) => allowed(client.getFile(folder, file));
/** Writing without changing anything: the file's own (empty) list put back as it is. */
const canWrite = (client: LibraryClient, folder: string, file: string) => allowed(client.putAcl({ folder, file }, emptyAcl()));

describe('the ACL effect, seen by the other user', () => {
  it("shuts the other user out of a folder when a save removes him, and lets him in again when he is added back", async () => {
    const folder = await folderWithFiles(w, 'shared', ['report.jpg']);
    const withOther: Acl = { readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] };
    await w.ok('library.putAcl', { accountId: w.accountId, target: { folder }, acl: withOther });
    expect((await w.other.listFolders()).map((f) => f.name)).toContain(folder);
    expect(await canRead(w.other, folder, 'report.jpg')).toBe(true);

    // The editor removes him: the state read back from the server no longer names him.
    const without: Acl = { ...withOther, readUsers: [w.demoUser] };
    const saved = await w.ok('library.putAcl', { accountId: w.accountId, target: { folder }, acl: without });
    expect(saved).toMatchObject({ reloaded: true, acl: without });
    expect(await canRead(w.other, folder, 'report.jpg')).toBe(false);
    await expect(w.other.getFile(folder, 'report.jpg')).rejects.toMatchObject({ code: 'forbidden', details: { status: 403 } });
    await expect(w.other.openFileStream(folder, 'report.jpg')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(w.other.getFolder(folder)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await w.other.listFolders()).map((f) => f.name)).not.toContain(folder);
    // The demo user himself still gets in.
    expect(await canRead(w.demo, folder, 'report.jpg')).toBe(true);

    await w.ok('library.putAcl', { accountId: w.accountId, target: { folder }, acl: withOther });
    expect(await canRead(w.other, folder, 'report.jpg')).toBe(true);
    expect((await w.other.listFolders()).map((f) => f.name)).toContain(folder);
  });

  it("shuts the other user out of one file with the file's own list, while the folder stays open to him", async () => {
    const folder = await folderWithFiles(w, 'one-file', ['open.jpg', 'closed.jpg']);
    await w.ok('library.putAcl', { accountId: w.accountId, target: { folder }, acl: { readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] } });
    await w.ok('library.putAcl', { accountId: w.accountId, target: { folder, file: 'closed.jpg' }, acl: presetOnlyMe(w.demoUser) });
    expect(await canRead(w.other, folder, 'open.jpg')).toBe(true);
    expect(await canRead(w.other, folder, 'closed.jpg')).toBe(false);
    // Emptying the file's own lists makes it follow the folder again.
    await w.ok('library.putAcl', { accountId: w.accountId, target: { folder, file: 'closed.jpg' }, acl: emptyAcl() });
    expect(await canRead(w.other, folder, 'closed.jpg')).toBe(true);
  });
});

describe('each preset gives the access its summary says', () => {
  const callers = (): Array<{ who: string; client: LibraryClient; user: string; app: string }> => [
    { who: 'demo user through the demo app', client: w.demo, user: w.demoUser, app: w.demoApp },
    { who: 'demo user through the other app', client: w.demoViaOtherApp, user: w.demoUser, app: w.otherApp },
    { who: 'other user through the other app', client: w.other, user: w.otherUser, app: w.otherApp },
    { who: 'other user through the demo app', client: w.otherViaDemoApp, user: w.otherUser, app: w.demoApp },
  ];

  const presets = (): Array<{ name: string; acl: Acl; read: string; access: Record<AclOp, boolean[]> }> => [
    {
      name: 'only me',
      acl: presetOnlyMe(w.demoUser),
      read: `Only the user ${w.demoUser} can read, through any application.`,
      access: { read: [true, true, false, false], write: [true, true, false, false] },
    },
    {
      name: 'everyone in the domain',
      acl: presetEveryoneInDomain({ currentUser: w.demoUser, knownUsers: [w.otherUser] }),
      read: `Only the users ${w.demoUser} and ${w.otherUser} can read, through any application.`,
      access: { read: [true, true, true, true], write: [true, true, true, true] },
    },
    {
      name: 'only through this application',
      acl: presetOnlyThroughApp(w.demoApp),
      read: `Any user of the application ${w.demoApp} can read; no one through another application.`,
      access: { read: [true, false, false, true], write: [true, false, false, true] },
    },
  ];

  it.each(['only me', 'everyone in the domain', 'only through this application'])('%s', async (name) => {
    const preset = presets().find((p) => p.name === name)!;
    const folder = await folderWithFiles(w, 'preset', ['f.jpg']);
    // Saved on the folder; the file follows it.
    const saved = await w.ok('library.putAcl', { accountId: w.accountId, target: { folder }, acl: preset.acl });
    expect(saved.acl).toEqual(preset.acl);
    const summary = summarizeAcl(saved.acl, saved.createdBy);
    expect(summary.read).toBe(preset.read);
    expect(summary.write).toBe(preset.read.replace('can read', 'can write'));

    for (const [i, caller] of callers().entries()) {
      const expectedRead = preset.access.read[i];
      const expectedWrite = preset.access.write[i];
      // What the rules (and so the summary) predict…
      expect(canAccessFile({ createdBy: w.demoUser, acl: emptyAcl() }, { acl: saved.acl }, 'read', caller.user, caller.app), caller.who).toBe(expectedRead);
      // …is what the server does.
      expect(await canRead(caller.client, folder, 'f.jpg'), `${caller.who} read`).toBe(expectedRead);
      expect(await canWrite(caller.client, folder, 'f.jpg'), `${caller.who} write`).toBe(expectedWrite);
      expect((await caller.client.listFolders()).some((f) => f.name === folder), `${caller.who} lists`).toBe(expectedRead);
    }
  });
});

describe('one list for many targets', () => {
  const shared = (): Acl => ({ readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] });

  it('applies to a folder and every file in it, and reports the file that refuses', async () => {
    const folder = await folderWithFiles(w, 'tree', ['a.jpg', 'b.jpg', 'locked.jpg', 'c.jpg']);
    // locked.jpg gets a list of its own that leaves the demo user no write access (he confirms losing it).
    const locked: Acl = { readUsers: [w.demoUser], readApps: [], writeUsers: [w.otherUser], writeApps: [] };
    await w.ok('library.putAcl', { accountId: w.accountId, target: { folder, file: 'locked.jpg' }, acl: locked, allowLockout: true });

    const job = await runJob(w, 'library.applyAcl', { accountId: w.accountId, to: { kind: 'folderAndFiles', folder }, acl: shared() });
    expect(outcomes(job)).toEqual([
      [folder, 'ok'],
      [`${folder}/a.jpg`, 'ok'],
      [`${folder}/b.jpg`, 'ok'],
      [`${folder}/c.jpg`, 'ok'],
      [`${folder}/locked.jpg`, 'forbidden'],
    ]);
    const refused = job.result?.items?.find((r) => r.name === `${folder}/locked.jpg`);
    expect(refused?.message).toMatch(/locked\.jpg/);

    // Every other one now carries the list; the refusing one kept its own.
    expect((await w.demo.getAcl({ folder })).acl).toEqual(shared());
    for (const file of ['a.jpg', 'b.jpg', 'c.jpg']) expect((await w.demo.getAcl({ folder, file })).acl).toEqual(shared());
    expect((await w.demo.getAcl({ folder, file: 'locked.jpg' })).acl).toEqual(locked);
    // And the other user sees the change where it was made.
    expect(await canRead(w.other, folder, 'a.jpg')).toBe(true);
  });

  it('applies to the selected files only', async () => {
    const folder = await folderWithFiles(w, 'some', ['x.jpg', 'y.jpg', 'z.jpg']);
    const job = await runJob(w, 'library.applyAcl', { accountId: w.accountId, to: { kind: 'files', folder, files: ['x.jpg', 'z.jpg', 'missing.jpg'] }, acl: shared() });
    expect(outcomes(job).map(([, o]) => o)).toEqual(['ok', 'ok', 'not_found']);
    expect((await w.demo.getAcl({ folder, file: 'y.jpg' })).acl).toEqual(emptyAcl());
    expect(await canRead(w.other, folder, 'x.jpg')).toBe(true);
    expect(await canRead(w.other, folder, 'y.jpg')).toBe(false);
  });

  it('names the items the user would lock himself out of, and changes nothing until he confirms', async () => {
    const folder = await folderWithFiles(w, 'bulk-lock', ['p.jpg', 'q.jpg']);
    const onlyOther: Acl = { readUsers: [w.otherUser], readApps: [], writeUsers: [w.otherUser], writeApps: [] };
    const puts = () => w.sandbox.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    const message = await w.fails('library.applyAcl', { accountId: w.accountId, to: { kind: 'folderAndFiles', folder }, acl: onlyOther }, 'conflict');
    expect(message).toMatch(new RegExp(`lose your own access to 3 of the 3 items: folder "${folder}", "p\\.jpg", "q\\.jpg"\\. You could not undo this change yourself`));
    expect(puts()).toBe(before);
    const job = await runJob(w, 'library.applyAcl', { accountId: w.accountId, to: { kind: 'folderAndFiles', folder }, acl: onlyOther, allowLockout: true });
    expect(outcomes(job).map(([, o]) => o)).toEqual(['ok', 'ok', 'ok']);
    expect(await canRead(w.other, folder, 'p.jpg')).toBe(true);
    expect(await canRead(w.demo, folder, 'p.jpg')).toBe(false);
  });

  it('fails as a whole, before changing anything, when the folder cannot be read', async () => {
    await w.fails('library.applyAcl', { accountId: w.accountId, to: { kind: 'folderAndFiles', folder: 'colleague-private' }, acl: shared() }, 'forbidden');
    await w.fails('library.applyAcl', { accountId: w.accountId, to: { kind: 'files', folder: 'nowhere', files: ['a.jpg'] }, acl: shared() }, 'not_found');
  });
});
