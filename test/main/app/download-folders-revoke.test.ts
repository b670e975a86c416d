// Forgetting the folder remembered for a kind of download (Settings) also ends the window's grants from picking it
// for that kind: until then, the window could still save into it, by the grant id it was handed, until a restart.
// The window names things, main decides: an id it kept from before the forget is refused as one never issued.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DownloadKind } from '../../../main/common/contract';
import { FINAL_STATES } from '../../../main/common/transfers';
import { forgetWorld } from './forget-support';
import { ASSETS, rawPath, waitForFinal, waitForState, type LibraryWorld } from './handlers/library-support';

const forgetting = forgetWorld('forget', ['a.jpg', 'b.jpg']);
const newDir = (stem: string) => forgetting.newDir(stem);
let w: LibraryWorld;
let remote: string;
beforeAll(() => void ({ w, remote } = forgetting));
/** The refusal of an id main did not issue (errors:files.folderNotGranted), unchanged. */
const NOT_GRANTED = /not chosen in this session/;

/** Downloads a.jpg into the grant's folder and waits for it: what a window may do with a live grant. */
async function downloads(grantId: string): Promise<void> {
  const [item] = await w.ok('library.download', { accountId: w.accountId, folder: remote, grantId, files: [{ name: 'a.jpg', onExisting: 'keepBoth' }] });
  expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'done' });
}

/** Every way the window names a grant, refused as never issued, and nothing queued or written. */
async function refused(grantId: string, dir: string): Promise<void> {
  const before = await fs.readdir(dir);
  const queued = w.app.services.transfers.list().length;
  await w.fails('library.download', { accountId: w.accountId, folder: remote, grantId, files: [{ name: 'a.jpg' }] }, 'forbidden', NOT_GRANTED);
  await w.fails('files.findExisting', { grantId, names: ['a.jpg'] }, 'forbidden', NOT_GRANTED);
  expect(w.app.services.transfers.list()).toHaveLength(queued);
  expect(await fs.readdir(dir)).toEqual(before);
}

const forget = (kind: DownloadKind) => w.ok('settings.forgetDownloadFolder', { kind });

describe('forgetting a remembered download folder', () => {
  it('refuses a download into it by the grant its pick gave; a pick of it again is a new grant, allowed', async () => {
    const dir = await newDir('photos');
    const old = await w.app.grantFolder(dir, 'library');
    await downloads(old);
    expect(await forget('library')).toMatchObject({ downloadFolders: {} });
    await refused(old, dir);

    const again = await w.app.grantFolder(dir, 'library');
    expect(again).not.toBe(old);
    await downloads(again);
    expect(await w.ok('settings.get', {})).toMatchObject({ downloadFolders: { library: dir } });
    // The new grant does not bring the old id back.
    await refused(old, dir);
  });

  it('leaves the grants of another kind alone, the same folder picked for it too, and picks made for no kind', async () => {
    const shared = await newDir('shared');
    const other = await newDir('other');
    const library = await w.app.grantFolder(shared, 'library');
    const twilioOther = await w.app.grantFolder(other, 'twilio');
    const noKind = await w.app.grantFolder(shared);
    await forget('twilio');
    await downloads(library);
    await downloads(noKind);
    await refused(twilioOther, other);

    // The folder remembered for both kinds: each kind's pick is its own grant, ended only by that kind's forget.
    const twilio = await w.app.grantFolder(shared, 'twilio');
    expect(new Set([library, twilio, noKind]).size).toBe(3);
    expect(await forget('library')).toMatchObject({ downloadFolders: { twilio: shared } });
    await refused(library, shared);
    await downloads(twilio);
    await downloads(noKind);
    await forget('twilio');
    await refused(twilio, shared);
    // Picked without a kind, never remembered: the user's own choice for this session, kept.
    await downloads(noKind);
  });

  it('hostile: the window replays an old id, with an "overwrite" it had confirmed, after the forget', async () => {
    const dir = await newDir('replay');
    await fs.writeFile(path.join(dir, 'a.jpg'), 'mine');
    const old = await w.app.grantFolder(dir, 'library');
    expect(await w.ok('files.findExisting', { grantId: old, names: ['a.jpg'] })).toEqual(['a.jpg']);
    await forget('library');
    await w.fails('library.download', { accountId: w.accountId, folder: remote, grantId: old, files: [{ name: 'a.jpg', onExisting: 'overwrite' }] }, 'forbidden', NOT_GRANTED);
    // Forgetting again, or a dialog the user cancels, grants nothing back; nor does another spelling of the id.
    await forget('library');
    expect(await w.ok('files.pickFolder', { kind: 'library' })).toBeNull();
    await w.fails('library.download', { accountId: w.accountId, folder: remote, grantId: old, files: [{ name: 'a.jpg', onExisting: 'overwrite' }] }, 'forbidden', NOT_GRANTED);
    await w.fails('files.findExisting', { grantId: old.toUpperCase(), names: ['a.jpg'] }, 'validation');
    expect(await fs.readFile(path.join(dir, 'a.jpg'), 'utf8')).toBe('mine');
  });

  it('lets a download already running into the folder finish whole, leaving no partial file', async () => {
    const dir = await newDir('running');
    const grantId = await w.app.grantFolder(dir, 'library');
    // Held at the server a while, so the forget comes while the download runs.
    w.sandbox.faults.set({ method: 'GET', path: rawPath(w, remote, 'b.jpg'), times: 2 }, { kind: 'delay', ms: 400 });
    try {
      const [item] = await w.ok('library.download', { accountId: w.accountId, folder: remote, grantId, files: [{ name: 'b.jpg' }] });
      await waitForState(w, item!.id, ['downloading']);
      await forget('library');
      expect(FINAL_STATES).not.toContain(w.app.services.transfers.get(item!.id)?.state);
      expect(await waitForFinal(w, item!.id)).toMatchObject({ state: 'done', result: { savedTo: path.join(dir, 'b.jpg') } });
    } finally {
      w.sandbox.faults.clear();
    }
    expect(await fs.readdir(dir)).toEqual(['b.jpg']);
    expect(await fs.readFile(path.join(dir, 'b.jpg'))).toEqual(await fs.readFile(path.join(ASSETS, 'fractal.jpg')));
    await refused(grantId, dir);
  });
});
