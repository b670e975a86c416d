// Thousands of files created, given access lists and deleted over REST in one folder: each answer is sent once its
// change is on disk, yet concurrent changes share the folder's writes (a journal line per change, not the whole
// document), so 2,000 of them take seconds, not minutes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryStore } from '../../../../main/sandbox/library/store.js';
import { startTestSandbox, type TestSandbox } from '../helpers.js';
import { entries, libraryClient, type LibraryClient } from './client.js';

const FILES = 2000;
const CONCURRENCY = 16;
let t: TestSandbox;
let lib: LibraryClient;

beforeAll(async () => {
  t = await startTestSandbox();
  lib = libraryClient(t.sandbox);
});
afterAll(async () => {
  await t.stop();
});

async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Whether a folder document or journal on disk names the file (both are JSON; ids appear quoted). */
async function onDisk(id: string): Promise<boolean> {
  const dir = path.join(t.dataDir, 'library', 'folders');
  for (const name of await fs.readdir(dir)) {
    if ((name.endsWith('.json') || name.endsWith('.log')) && (await fs.readFile(path.join(dir, name), 'utf8')).includes(JSON.stringify(id))) return true;
  }
  return false;
}

describe('the library store under many concurrent creates', () => {
  it(`creates ${FILES} files with ${CONCURRENCY} at a time, each durable once answered`, async () => {
    const folder = `${lib.domain}/bulk`;
    expect((await lib.call('POST', `/${lib.domain}`, { json: { id: 'bulk' } })).status).toBe(201);
    const started = Date.now();
    const statuses: number[] = [];
    const missingOnDisk: string[] = [];
    await inParallel(FILES, CONCURRENCY, async (i) => {
      const id = `file-${String(i).padStart(5, '0')}.jpg`;
      statuses.push((await lib.call('POST', `/${folder}`, { json: { id } })).status);
      // Answered means on disk: checked right at the answer for a sample of the creates.
      if (i % 50 === 0 && !(await onDisk(id))) missingOnDisk.push(id);
    });
    console.log(`${FILES} creates, ${CONCURRENCY} at a time: ${Date.now() - started} ms`);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    expect(missingOnDisk).toEqual([]);

    // Every answer was sent: a second store opened on the same disk now, without any flush or close of the
    // running one, must already see every file (what a crash right now would leave).
    const reopened = await LibraryStore.open(path.join(t.dataDir, 'library'));
    const files = reopened.getFolder(lib.domain, 'bulk')?.files;
    expect(files?.size).toBe(FILES);
    expect(files?.has('file-00000.jpg')).toBe(true);
    expect(files?.has(`file-${String(FILES - 1).padStart(5, '0')}.jpg`)).toBe(true);

    const listed = entries(await lib.call('GET', `/${folder}`));
    expect(listed).toHaveLength(FILES);
  }, 120_000);

  it('keeps every one of 2,000 access lists saved 4 at a time, with deletes in between, without a flush', async () => {
    const folder = `${lib.domain}/bulk`;
    const otherUser = t.sandbox.accounts.library.otherUser.userId;
    const me = t.sandbox.accounts.library.userId;
    const deleted = new Set(Array.from({ length: FILES / 20 }, (_, k) => `file-${String(k * 20 + 7).padStart(5, '0')}.jpg`));
    const started = Date.now();
    const statuses: number[] = [];
    await inParallel(FILES, 4, async (i) => {
      const id = `file-${String(i).padStart(5, '0')}.jpg`;
      const res = deleted.has(id)
        ? await lib.call('DELETE', `/${folder}/${id}`)
        : await lib.call('PUT', `/${folder}/${id}/acl`, { json: { readUsers: [me, otherUser], writeUsers: [me] } });
      statuses.push(res.status);
    });
    console.log(`${FILES} access lists and deletes, 4 at a time: ${Date.now() - started} ms`);
    expect(statuses.filter((status) => status !== 202 && status !== 204)).toEqual([]);

    // What a crash right now would leave: every answered change, none lost to a write that overtook another.
    const reopened = await LibraryStore.open(path.join(t.dataDir, 'library'));
    const files = reopened.getFolder(lib.domain, 'bulk')?.files;
    expect(files?.size).toBe(FILES - deleted.size);
    const unchanged = [...(files?.values() ?? [])].filter((file) => file.readUsers.join() !== [me, otherUser].join()).map((file) => file.id);
    expect(unchanged).toEqual([]);
    expect([...deleted].filter((id) => files?.has(id))).toEqual([]);
  }, 120_000);
});
