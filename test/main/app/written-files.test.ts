// The files the app saved into download folders: the only ones an "overwrite" may replace. Kept across restarts, and
// a file changed since, replaced by another, or turned into a link is no longer the app's.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WrittenFiles } from '../../../main/app/written-files';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-written-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('WrittenFiles', () => {
  it('knows a saved file after a restart, and forgets it once the user changes or swaps it', async () => {
    const list = path.join(dir, 'downloaded-files.json');
    const photo = path.join(dir, 'photo.jpg');
    await fs.writeFile(photo, 'the server sent this');
    const before = new WrittenFiles(list);
    expect(await before.isOurs(photo)).toBe(false);
    await before.record(photo);
    expect(await before.isOurs(photo)).toBe(true);

    const after = new WrittenFiles(list);
    await after.load();
    expect(await after.isOurs(photo)).toBe(true);
    await expect(after.assertReplaceable(photo, 'photo.jpg', dir)).resolves.toBeUndefined();

    // Swapped for the user's own file of the same size: another inode.
    await fs.rm(photo);
    await fs.writeFile(photo, 'the user wrote this!');
    expect(await after.isOurs(photo)).toBe(false);
    await expect(after.assertReplaceable(photo, 'photo.jpg', dir)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('a dangling link where a saved file was is not the app\'s; an absent file may be written', async () => {
    const written = new WrittenFiles();
    const photo = path.join(dir, 'photo.jpg');
    await fs.writeFile(photo, 'x');
    await written.record(photo);
    await fs.rm(photo);
    await expect(written.assertReplaceable(photo, 'photo.jpg', dir)).resolves.toBeUndefined();
    await fs.symlink(path.join(dir, 'nowhere'), photo);
    expect(await written.isOurs(photo)).toBe(false);
    await expect(written.assertReplaceable(photo, 'photo.jpg', dir)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
