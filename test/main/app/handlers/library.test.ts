// The media library's contract methods through the app's dispatcher, against the sandbox: every method, and the
// ways each can fail (ids refused before any request, the server's 403 and 404, a second delete, no password…).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phrase, sayPhrase } from '../../../../main/common/i18n/phrase';
import { translatorFor } from '../../../../main/app/desktop-language';
import { LIBRARY_THUMBNAIL_MAX_BYTES, localFileName, numberedName } from '../../../../main/common/methods/library';
import { ASSETS, folderWithFiles, outcomes, rawPath, runJob, startLibraryWorld, type LibraryWorld } from './library-support';

let w: LibraryWorld;
beforeAll(async () => {
  w = await startLibraryWorld();
});
afterAll(async () => {
  await w?.close();
});

async function readAll(stream: Readable | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream ?? []) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('who the account is', () => {
  it('gives the user and application ids and the domain from the account', async () => {
    const me = await w.ok('library.whoami', { accountId: w.accountId });
    expect(me).toMatchObject({ accountId: w.accountId, userId: w.demoUser, appId: w.demoApp, domain: w.domain, label: 'Test library' });
    expect(me.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('refuses an account of another kind, an unknown account, and a malformed id', async () => {
    const generic = await w.ok('accounts.create', {
      config: { kind: 'generic', label: 'G', settings: { genericMediaUploadUrl: 'https://h/u', genericMediaUploadMultipartData: 'media=%media_content%' }, username: 'u', variables: {} },
    });
    await w.fails('library.listFolders', { accountId: generic.id }, 'validation', /not a library account/);
    await w.fails('library.listFolders', { accountId: 'acc_00000000' }, 'not_found');
    await w.fails('library.listFolders', { accountId: '../acc' }, 'validation', /Invalid arguments/);
  });

  it('says the password is missing instead of sending a request without one', async () => {
    const lib = w.sandbox.accounts.library;
    const account = await w.ok('accounts.create', { config: { kind: 'library', label: 'No password', serverUrl: lib.serverUrl, domain: lib.domain, userId: lib.userId, appId: lib.appId } });
    const before = w.requestCount();
    await w.fails('library.listFolders', { accountId: account.id }, 'config', /password of "No password" is not set/);
    expect(w.requestCount()).toBe(before);
  });

  it("passes on a server failure and an answer that is not JSON, in words, without a stack trace", async () => {
    const domainPath = rawPath(w);
    w.sandbox.faults.set({ method: 'GET', path: domainPath, times: 1 }, { kind: 'status', status: 503 });
    const failed = await w.fails('library.listFolders', { accountId: w.accountId }, 'remote', /failed while handling the folder list of domain .* \(HTTP 503\)/);
    expect(failed).not.toMatch(/\bat \w+ \(/);
    w.sandbox.faults.set({ method: 'GET', path: domainPath, times: 1 }, { kind: 'malformed', body: '<html>oops</html>', contentType: 'text/html' });
    await w.fails('library.listFolders', { accountId: w.accountId }, 'protocol', /not JSON/);
    w.sandbox.faults.set({ method: 'GET', path: domainPath, times: 1 }, { kind: 'malformed', body: '{"entry":[{"id":"../escape"}]}' });
    await w.fails('library.listFolders', { accountId: w.accountId }, 'protocol', /unsafe/);
    expect((await w.ok('library.listFolders', { accountId: w.accountId })).length).toBeGreaterThan(0);
  });

  it('says when the server refuses the credentials', async () => {
    const lib = w.sandbox.accounts.library;
    const account = await w.ok('accounts.create', {
      config: { kind: 'library', label: 'Wrong password', serverUrl: lib.serverUrl, domain: lib.domain, userId: lib.userId, appId: lib.appId },
      secret: 'not-the-password',
    });
    await w.fails('library.listFolders', { accountId: account.id }, 'unauthorized', /did not accept the credentials/);
  });
});

describe('ids are checked before any request', () => {
  const badFolders = ['', ' padded', '../etc', 'a/b', 'a\\b', '..', 'x'.repeat(201), 'tab\there', '\ud800'];
  it.each(badFolders.map((f) => [JSON.stringify(f), f]))('folder %s is refused for every method that takes one', async (_label, folder) => {
    const before = w.requestCount();
    const calls: Array<[string, unknown]> = [
      ['library.getFolder', { accountId: w.accountId, folder }],
      ['library.createFolder', { accountId: w.accountId, folder }],
      ['library.deleteFolders', { accountId: w.accountId, folders: [{ folder }] }],
      ['library.getFile', { accountId: w.accountId, folder, file: 'a.jpg' }],
      ['library.deleteFiles', { accountId: w.accountId, folder, files: ['a.jpg'] }],
      ['library.mediaUrl', { accountId: w.accountId, folder, file: 'a.jpg' }],
      ['library.getAcl', { accountId: w.accountId, target: { folder } }],
      ['library.putAcl', { accountId: w.accountId, target: { folder }, acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } }],
      ['library.download', { accountId: w.accountId, folder, grantId: await w.app.grantFolder(w.tmp), files: [{ name: 'a.jpg' }] }],
      ['library.upload', { accountId: w.accountId, folder, files: [{ ref: await w.app.grantFile(path.join(ASSETS, 'fractal.jpg')) }] }],
      ['library.applyAcl', { accountId: w.accountId, to: { kind: 'folderAndFiles', folder }, acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } }],
    ];
    for (const [method, args] of calls) await w.fails(method as 'library.getFolder', args, 'validation', /Invalid arguments/);
    expect(w.requestCount()).toBe(before);
  });

  it('refuses bad file names, "acl" included, and bad ids in access lists', async () => {
    const before = w.requestCount();
    for (const file of ['acl', '../x', 'a/b.jpg', '', ' x.jpg']) {
      await w.fails('library.getFile', { accountId: w.accountId, folder: 'photos', file }, 'validation');
      await w.fails('library.getAcl', { accountId: w.accountId, target: { folder: 'photos', file } }, 'validation');
    }
    const message = await w.fails('library.getFile', { accountId: w.accountId, folder: 'photos', file: '../x' }, 'validation');
    expect(message).toMatch(/file name "\.\.\/x" cannot be used: it contains a slash/);
    const acl = { readUsers: ['ok', 'bad/user'], readApps: [], writeUsers: [], writeApps: [] };
    await w.fails('library.putAcl', { accountId: w.accountId, target: { folder: 'photos' }, acl }, 'validation', /user or application id "bad\/user"/);
    await w.fails('library.putAcl', { accountId: w.accountId, target: { folder: 'photos' }, acl: { readUsers: [] } }, 'validation');
    await w.fails('library.putAcl', { accountId: w.accountId, target: { folder: 'photos' }, acl: { ...acl, readUsers: ['x'], extra: [] } }, 'validation');
    expect(w.requestCount()).toBe(before);
  });
});

describe('folders', () => {
  it('lists the folders the demo user can see, with their properties, and not the colleague\'s private one', async () => {
    const folders = await w.ok('library.listFolders', { accountId: w.accountId });
    const names = folders.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['photos', 'videos', 'from-colleague', 'partner-drop', '26919119']));
    expect(names).not.toContain('colleague-private');
    const photos = folders.find((f) => f.name === 'photos');
    expect(photos).toMatchObject({ id: 'photos', createdBy: w.demoUser, createdWith: w.demoApp, acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } });
    expect(Date.parse(photos?.createdOn ?? '')).not.toBeNaN();
    expect(folders.find((f) => f.name === 'from-colleague')?.acl.readUsers).toEqual([w.otherUser, w.demoUser]);
  });

  it("shows a folder's own properties and its files", async () => {
    const view = await w.ok('library.getFolder', { accountId: w.accountId, folder: 'videos' });
    expect(view.folder).toMatchObject({ name: 'videos', createdBy: w.demoUser, acl: { readUsers: [w.demoUser, w.otherUser], writeUsers: [w.demoUser] } });
    expect(view.files.map((f) => f.name)).toEqual(['clip.mp4', 'draft-cut.mp4']);
    const clip = view.files[0];
    expect(clip).toMatchObject({ id: 'videos/clip.mp4', folder: 'videos', createdBy: w.demoUser, createdWith: w.demoApp, voicemail: false });
    expect(clip?.size).toBe((await fs.stat(path.join(ASSETS, 'clip-h264.mp4'))).size);
    expect(view.files[1]?.acl.readUsers).toEqual([w.demoUser]);
  });

  it('answers 404 and 403 from the server as not_found and forbidden', async () => {
    await w.fails('library.getFolder', { accountId: w.accountId, folder: 'no-such-folder' }, 'not_found', /folder "no-such-folder" was not found/i);
    await w.fails('library.getFolder', { accountId: w.accountId, folder: 'colleague-private' }, 'forbidden', /Access to folder "colleague-private" was refused/);
  });

  it('creates a folder, which then appears in the list; a second one with the same name is a conflict', async () => {
    const folder = w.folder('made');
    const created = await w.ok('library.createFolder', { accountId: w.accountId, folder });
    expect(created).toMatchObject({ id: folder, name: folder, createdBy: w.demoUser, createdWith: w.demoApp });
    expect((await w.ok('library.listFolders', { accountId: w.accountId })).map((f) => f.name)).toContain(folder);
    await w.fails('library.createFolder', { accountId: w.accountId, folder }, 'conflict', /already exists/);
  });

  it('deletes an empty folder as a job; a second delete says it is gone', async () => {
    const folder = w.folder('empty');
    await w.ok('library.createFolder', { accountId: w.accountId, folder });
    const job = await runJob(w, 'library.deleteFolders', { accountId: w.accountId, folders: [{ folder }] });
    expect(job).toMatchObject({ state: 'done', direction: 'job', unit: 'items', bytesDone: 1, bytesTotal: 1 });
    expect(outcomes(job)).toEqual([[folder, 'ok']]);
    expect(outcomes(await runJob(w, 'library.deleteFolders', { accountId: w.accountId, folders: [{ folder }] }))).toEqual([[folder, 'not_found']]);
  });

  it('refuses to delete a folder with files unless told to delete them too, with the count the user saw', async () => {
    const folder = await folderWithFiles(w, 'full', ['a.jpg', 'b.jpg', 'c.jpg']);
    const [refused] = (await runJob(w, 'library.deleteFolders', { accountId: w.accountId, folders: [{ folder }] })).result?.items ?? [];
    expect(refused).toMatchObject({ outcome: 'refused', code: 'conflict' });
    expect(refused?.message).toMatch(/is not empty: it holds 3 files/);
    // The user confirmed two files, but there are three now: nothing goes.
    const [stale] = (await runJob(w, 'library.deleteFolders', { accountId: w.accountId, folders: [{ folder, withFiles: 2 }] })).result?.items ?? [];
    expect(stale).toMatchObject({ outcome: 'refused', code: 'conflict' });
    expect(stale?.message).toMatch(/now holds 3 files, not the 2 you confirmed/);
    expect((await w.demo.getFolder(folder)).files).toHaveLength(3);

    // The job counts what it deletes, the three files and the folder, not the one folder it was given.
    const job = await runJob(w, 'library.deleteFolders', { accountId: w.accountId, folders: [{ folder, withFiles: 3 }] });
    expect(job).toMatchObject({ state: 'done', bytesDone: 4, bytesTotal: 4, detailPhrase: { key: 'shell:transfer.job.filesAndFoldersDetail' } });
    expect(outcomes(job)).toEqual([[folder, 'ok']]);
    await expect(w.demo.getFolder(folder)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps a folder whose files refuse to go, and names them', async () => {
    // The colleague's folder is shared read-only with the demo user: nothing in it can be deleted by him.
    const [result] = (await runJob(w, 'library.deleteFolders', { accountId: w.accountId, folders: [{ folder: 'from-colleague', withFiles: 2 }] })).result?.items ?? [];
    expect(result).toMatchObject({ name: 'from-colleague', outcome: 'refused', code: 'forbidden' });
    expect(result?.message).toMatch(/2 of the 2 files in "from-colleague" could not be deleted \("ocean-copy\.jpg", "portrait\.jpg"\), so the folder was kept/);
    expect(result?.message).toMatch(/Files not deleted: ocean-copy\.jpg: .+; portrait\.jpg: /);
    // The same words as a phrase, for a reader of Japanese: the folder's reason and each file's, none in English.
    const inJapanese = sayPhrase(translatorFor('ja'), result?.phrase ?? phrase('errors:library.folderNotDeleted'));
    expect(inJapanese).toMatch(/フォルダー「from-colleague」のファイル 2 件のうち 2 件を削除できなかったため.*削除できなかったファイル：ocean-copy\.jpg：/);
    expect((await w.other.getFolder('from-colleague')).files).toHaveLength(2);
  });

  it('deletes several folders with a result for each', async () => {
    const a = w.folder('multi');
    const b = w.folder('multi');
    await w.ok('library.createFolder', { accountId: w.accountId, folder: a });
    await w.ok('library.createFolder', { accountId: w.accountId, folder: b });
    const job = await runJob(w, 'library.deleteFolders', { accountId: w.accountId, folders: [{ folder: a }, { folder: 'partner-drop', withFiles: 1 }, { folder: b }] });
    expect(outcomes(job)).toEqual([[a, 'ok'], ['partner-drop', 'forbidden'], [b, 'ok']]);
    // Two empty folders deleted; the refused one's file and itself not.
    expect(job).toMatchObject({ bytesDone: 2, bytesTotal: 4 });
  });
});

describe('files', () => {
  it('gives a file its details; a voicemail is marked and carries its call', async () => {
    const file = await w.ok('library.getFile', { accountId: w.accountId, folder: 'photos', file: 'sunset.jpg' });
    expect(file).toMatchObject({ id: 'photos/sunset.jpg', name: 'sunset.jpg', folder: 'photos', createdBy: w.demoUser, createdWith: w.demoApp, voicemail: false });
    expect(file.size).toBe((await fs.stat(path.join(ASSETS, 'sunset-gradient.jpg'))).size);
    const voicemail = await w.ok('library.getFile', { accountId: w.accountId, folder: '26919119', file: '26919119.mp3' });
    expect(voicemail).toMatchObject({ voicemail: true, dest: 'tel:+15005550006', startTime: '2025-06-02T08:00:00Z' });
    await w.fails('library.getFile', { accountId: w.accountId, folder: 'photos', file: 'nope.jpg' }, 'not_found', /file "photos\/nope\.jpg" was not found/i);
  });

  it('deletes several files with a result for each: the refused and the missing ones say why', async () => {
    const folder = await folderWithFiles(w, 'del', ['one.jpg', 'two.jpg', 'keep.jpg']);
    // keep.jpg gets a list of its own that leaves the demo user read access only.
    await w.demo.putAcl({ folder, file: 'keep.jpg' }, { readUsers: [w.demoUser], readApps: [], writeUsers: [w.otherUser], writeApps: [] });
    const job = await runJob(w, 'library.deleteFiles', { accountId: w.accountId, folder, files: ['one.jpg', 'keep.jpg', 'ghost.jpg', 'two.jpg'] });
    expect(outcomes(job)).toEqual([
      [`${folder}/one.jpg`, 'ok'],
      [`${folder}/keep.jpg`, 'forbidden'],
      [`${folder}/ghost.jpg`, 'not_found'],
      [`${folder}/two.jpg`, 'ok'],
    ]);
    expect((await w.demo.getFolder(folder)).files.map((f) => f.name)).toEqual(['keep.jpg']);
  });
});

describe('media previews', () => {
  it('streams an image with Range through an opaque URL that carries no credential', async () => {
    const link = await w.ok('library.mediaUrl', { accountId: w.accountId, folder: 'photos', file: 'sunset.jpg' });
    expect(link.voicemail).toBe(false);
    expect(link.url).toMatch(/^\/media\/m_[a-f0-9]{32}$/);
    expect(link.url).not.toContain(w.sandbox.accounts.library.password);
    const source = w.app.media.get(link.url.slice('/media/'.length));
    expect(source).toBeDefined();
    const whole = await source!.open(undefined, new AbortController().signal);
    expect(whole).toMatchObject({ status: 200, contentType: 'image/jpeg', acceptRanges: true });
    const bytes = await readAll(whole.body);
    expect(bytes.equals(await fs.readFile(path.join(ASSETS, 'sunset-gradient.jpg')))).toBe(true);
    const part = await source!.open('bytes=2-11', new AbortController().signal);
    expect(part).toMatchObject({ status: 206, contentLength: 10, contentRange: `bytes 2-11/${bytes.length}` });
    expect((await readAll(part.body)).equals(bytes.subarray(2, 12))).toBe(true);
    const beyond = await source!.open(`bytes=${bytes.length + 10}-`, new AbortController().signal);
    expect(beyond.status).toBe(416);
    beyond.body?.destroy();
  });

  it('plays a video and the voicemail (audio/mpeg, through the voicemail resource)', async () => {
    const video = await w.ok('library.mediaUrl', { accountId: w.accountId, folder: 'videos', file: 'clip.mp4' });
    const v = await w.app.media.get(video.url.slice(7))!.open('bytes=0-', new AbortController().signal);
    expect([v.status, v.contentType]).toEqual([206, 'video/mp4']);
    v.body?.destroy();

    const voicemail = await w.ok('library.mediaUrl', { accountId: w.accountId, folder: '26919119', file: '26919119.mp3' });
    expect(voicemail.voicemail).toBe(true);
    const before = w.sandbox.requests.length;
    const a = await w.app.media.get(voicemail.url.slice(7))!.open(undefined, new AbortController().signal);
    expect(a.contentType).toBe('audio/mpeg');
    expect((await readAll(a.body)).equals(await fs.readFile(path.join(ASSETS, 'voicemail.mp3')))).toBe(true);
    const sent = w.sandbox.requests.slice(before).find((r) => r.method === 'GET');
    expect(sent?.headers.accept).toMatch(/^audio\/mpeg/);
  });

  it('says at once when a preview cannot be had (403, 404) instead of handing out a broken URL', async () => {
    await w.fails('library.mediaUrl', { accountId: w.accountId, folder: 'colleague-private', file: 'secret-plan.jpg' }, 'forbidden');
    await w.fails('library.mediaUrl', { accountId: w.accountId, folder: 'photos', file: 'gone.jpg' }, 'not_found');
  });

  it('gives a list thumbnail without a details request, capped at LIBRARY_THUMBNAIL_MAX_BYTES', async () => {
    const before = w.requestCount();
    const link = await w.ok('library.mediaUrl', { accountId: w.accountId, folder: 'photos', file: 'sunset.jpg', thumbnail: true });
    expect(w.requestCount()).toBe(before);
    const source = w.app.media.get(link.url.slice('/media/'.length))!;
    const image = await source.open(undefined, new AbortController().signal);
    expect((await readAll(image.body)).equals(await fs.readFile(path.join(ASSETS, 'sunset-gradient.jpg')))).toBe(true);
    // A file over the cap: refused from its announced length, whatever its name says.
    const big = await folderWithFiles(w, 'thumb-cap', []);
    const large = path.join(w.tmp, 'large.jpg');
    await fs.writeFile(large, Buffer.concat([await fs.readFile(path.join(ASSETS, 'fractal.jpg')), Buffer.alloc(LIBRARY_THUMBNAIL_MAX_BYTES)]));
    await w.demo.uploadFile(big, 'large.jpg', large);
    const capped = await w.ok('library.mediaUrl', { accountId: w.accountId, folder: big, file: 'large.jpg', thumbnail: true });
    await expect(w.app.media.get(capped.url.slice('/media/'.length))!.open(undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'too_large' });
  });
});

describe('access lists', () => {
  it("reads a folder's list, and a file's with its folder's", async () => {
    const folder = await w.ok('library.getAcl', { accountId: w.accountId, target: { folder: 'videos' } });
    expect(folder).toMatchObject({ target: { folder: 'videos' }, id: 'videos', createdBy: w.demoUser, ownAcl: true, reloaded: true });
    expect(folder.acl).toEqual({ readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] });
    const file = await w.ok('library.getAcl', { accountId: w.accountId, target: { folder: 'videos', file: 'clip.mp4' } });
    expect(file).toMatchObject({ id: 'videos/clip.mp4', ownAcl: false, folderAcl: folder.acl, folderCreatedBy: w.demoUser });
    await w.fails('library.getAcl', { accountId: w.accountId, target: { folder: 'colleague-private' } }, 'forbidden');
    await w.fails('library.getAcl', { accountId: w.accountId, target: { folder: 'photos', file: 'missing.jpg' } }, 'not_found');
  });

  it('saves a list and answers with what the server then has', async () => {
    const folder = await folderWithFiles(w, 'acl-save', ['a.jpg']);
    const acl = { readUsers: [w.demoUser, w.otherUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] };
    const saved = await w.ok('library.putAcl', { accountId: w.accountId, target: { folder, file: 'a.jpg' }, acl });
    expect(saved).toMatchObject({ reloaded: true, ownAcl: true, acl: { readUsers: [w.demoUser, w.otherUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] } });
    expect((await w.demo.getAcl({ folder, file: 'a.jpg' })).acl).toEqual(saved.acl);
    // Emptying a file's lists makes it follow its folder again.
    const cleared = await w.ok('library.putAcl', { accountId: w.accountId, target: { folder, file: 'a.jpg' }, acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } });
    expect(cleared.ownAcl).toBe(false);
  });

  it("passes on the server's 403 when the user may not change a list", async () => {
    // partner-drop is writable only through the partner's application.
    const acl = { readUsers: [w.demoUser], readApps: [], writeUsers: [w.demoUser], writeApps: [] };
    await w.fails('library.putAcl', { accountId: w.accountId, target: { folder: 'partner-drop' }, acl }, 'forbidden', /refused/);
  });

  it('refuses a change that locks the user out unless he confirmed it', async () => {
    const folder = await folderWithFiles(w, 'lockout', ['a.jpg']);
    const acl = { readUsers: [w.otherUser], readApps: [], writeUsers: [w.otherUser], writeApps: [] };
    const before = w.sandbox.requests.filter((r) => r.method === 'PUT').length;
    const message = await w.fails('library.putAcl', { accountId: w.accountId, target: { folder } }, 'validation');
    expect(message).toMatch(/acl/);
    const refusal = await w.fails('library.putAcl', { accountId: w.accountId, target: { folder }, acl }, 'conflict');
    expect(refusal).toMatch(new RegExp(`After saving, you \\(${w.demoUser} through ${w.demoApp}\\) will no longer be able to read or change folder "${folder}", nor undo this change\\. Confirm`));
    expect(w.sandbox.requests.filter((r) => r.method === 'PUT').length).toBe(before);

    const saved = await w.ok('library.putAcl', { accountId: w.accountId, target: { folder }, acl, allowLockout: true });
    // Saved, but no longer readable: the answer says so rather than pretending to have read it back.
    expect(saved).toMatchObject({ reloaded: false, acl });
    expect((await w.other.getAcl({ folder })).acl).toEqual(acl);
    await w.fails('library.getFolder', { accountId: w.accountId, folder }, 'forbidden');
  });
});

describe('helpers shared with the UI', () => {
  it('makes local names safe and numbers alternatives before the extension', () => {
    expect(localFileName('a:b?.jpg')).toBe('a_b_.jpg');
    expect(localFileName('CON.txt')).toBe('_CON.txt');
    expect(localFileName('trailing. ')).toBe('trailing');
    expect(numberedName('photo.jpg', 1)).toBe('photo (1).jpg');
    expect(numberedName('README', 2)).toBe('README (2)');
    expect(numberedName('.hidden', 3)).toBe('.hidden (3)');
    expect(numberedName(`${'x'.repeat(198)}.jpg`, 12).length).toBeLessThanOrEqual(200);
  });
});
