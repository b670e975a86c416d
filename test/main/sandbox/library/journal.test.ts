// A crash can tear the last line of a folder's journal (that change was never answered): the store must keep every
// whole line before it, and changes made after the restart must not be lost behind the torn line.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../../../main/sandbox/library/store.js';

const creator = { user: 'alice', app: 'desk' };
const acl = (reader: string) => ({ readUsers: [reader], readApps: [], writeUsers: [], writeApps: [] });
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function journals(dir: string): Promise<string[]> {
  return (await fs.readdir(path.join(dir, 'folders'))).filter((name) => name.endsWith('.log')).map((name) => path.join(dir, 'folders', name));
}

describe("a folder's journal", () => {
  it('keeps the whole lines before a torn one, and the changes made after the restart', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'library-journal-'));
    dirs.push(dir);
    const first = await LibraryStore.open(dir);
    const folder = await first.createFolder('example.com', 'pics', creator);
    const file = await first.createFile(folder, 'a.jpg', creator);
    await first.setAcl(folder, file, acl('bob'));
    const [log] = await journals(dir);
    expect(log).toBeDefined();
    await fs.appendFile(log as string, '{"seq": 99, "file": {"id": "half'); // a crash mid-append

    const second = await LibraryStore.open(dir);
    const folder2 = second.getFolder('example.com', 'pics');
    expect(folder2?.files.get('a.jpg')?.readUsers).toEqual(['bob']);
    await second.setAcl(folder2!, folder2!.files.get('a.jpg')!, acl('carol'));
    await second.createFile(folder2!, 'b.jpg', creator);

    const third = await LibraryStore.open(dir);
    const folder3 = third.getFolder('example.com', 'pics');
    expect(folder3?.files.get('a.jpg')?.readUsers).toEqual(['carol']);
    expect(folder3?.files.has('b.jpg')).toBe(true);
  });
});
