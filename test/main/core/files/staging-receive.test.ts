import { promises as fs, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileStaging } from '../../../../main/core/files/staging';

let dir: string;
let staging: FileStaging;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-staging-'));
  staging = new FileStaging(dir);
  await staging.reset();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every 4-byte word is its own offset: a piece lost, repeated or written out of order shows as wrong bytes. */
function numbered(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i + 4 <= bytes; i += 4) data.writeUInt32BE(i, i);
  return data;
}

/** The body in pieces of `piece` bytes, as a socket hands them over. */
function inPieces(data: Buffer, piece: number): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < data.length; at += piece) pieces.push(data.subarray(at, at + piece));
  return Readable.from(pieces);
}

describe('receiving a staged file', () => {
  it('writes every byte, in order, of a body that comes in many small pieces and crosses several write batches', async () => {
    const data = numbered(3.5 * 1024 * 1024 + 123);
    const ref = await staging.stage('clip.mp4', inPieces(data, 7 * 1024 + 3));
    const file = await staging.resolve(ref);
    expect(file.size).toBe(data.length);
    expect((await fs.readFile(file.path)).equals(data)).toBe(true);
  });

  it('stops past the limit, tells the caller, keeps nothing, and leaves the body to the caller', async () => {
    const body = new PassThrough();
    let told = 0;
    const staged = staging.stage('big.mp4', body, { maxBytes: 10_000, onExceeded: () => (told += 1) });
    body.write(Buffer.alloc(6000, 1));
    body.write(Buffer.alloc(6000, 2));
    await expect(staged).rejects.toMatchObject({ code: 'io' });
    expect(told).toBe(1);
    // The caller answers 413 on the same connection: the body must not have been destroyed.
    expect(body.destroyed).toBe(false);
    expect(await fs.readdir(staging.dir)).toEqual([]);
  });

  it('fails and keeps nothing when the sender goes away half-way', async () => {
    const body = new PassThrough();
    const staged = staging.stage('cut.mp4', body);
    body.write(Buffer.alloc(50_000, 1));
    setTimeout(() => body.destroy(new Error('socket hang up')), 20);
    await expect(staged).rejects.toMatchObject({ code: 'io', message: expect.stringMatching(/Could not receive the file "cut\.mp4"/) });
    expect(await fs.readdir(staging.dir)).toEqual([]);
  });

  it('says a staging folder it cannot use in words, with the folder and what to do, not as the sender going away', async () => {
    // Something else took the folder's place (a file): making it, and so the staging, fails here, on this computer.
    await fs.rm(staging.dir, { recursive: true });
    await fs.writeFile(staging.dir, 'in the way');
    const staged = staging.stage('notes.mp4', Readable.from([Buffer.alloc(1000)]));
    await expect(staged).rejects.toMatchObject({
      code: 'io',
      message: `Could not receive the file "notes.mp4": the folder where Media Desk keeps received files, ${staging.dir}, is not a folder it can write in (something else is in its place). Remove what is there, or restart Media Desk, which makes the folder again.`,
      phrase: { key: 'errors:staging.folderUnusable' },
    });
    expect(await fs.readFile(staging.dir, 'utf8')).toBe('in the way');
  });

  it('says the disk’s own refusals in words (read-only, quota, input/output), and an unknown one with its code after words', async () => {
    const refusal = (code: string) => Object.assign(new Error(`${code}: refused, mkdir '${staging.dir}'`), { code, path: staging.dir });
    const cases: Array<[string, string]> = [
      ['EROFS', 'Could not receive the file "a.jpg": the disk is read-only.'],
      ['EDQUOT', 'Could not receive the file "a.jpg": your disk quota is used up.'],
      ['EIO', 'Could not receive the file "a.jpg": the disk could not be read or written (an input/output error).'],
      ['ELOOP', 'Could not receive the file "a.jpg": the system did not let Media Desk write it to the disk (error ELOOP).'],
    ];
    for (const [code, said] of cases) {
      vi.spyOn(fs, 'mkdir').mockRejectedValueOnce(refusal(code));
      await expect(staging.stage('a.jpg', Readable.from([Buffer.alloc(10)]))).rejects.toMatchObject({ code: 'io', message: said });
    }
  });

  it('counts the disk room between stagings under way: two that each fit but not together do not both stage', async () => {
    const MiB = 1024 * 1024;
    // A disk with the reserve (256 MiB) and 1.5 MiB free beyond it, less what the staging folder holds now.
    const bsize = 4096;
    const onDisk = (): number => readdirSync(staging.dir).reduce((sum, name) => sum + statSync(path.join(staging.dir, name)).size, 0);
    vi.spyOn(fs, 'statfs').mockImplementation(async () => ({ bsize, bavail: Math.floor((257.5 * MiB - onDisk()) / bsize) }) as never);
    const first = new PassThrough();
    const second = new PassThrough();
    const staged = [staging.stage('a.mp4', first), staging.stage('b.mp4', second)];
    // Both have measured the disk before either writes.
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.end(Buffer.alloc(MiB, 1));
    second.end(Buffer.alloc(MiB, 2));
    const results = await Promise.allSettled(staged);
    const failed = results.filter((result) => result.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect((failed[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'io', message: expect.stringMatching(/disk is full/) });
    expect(readdirSync(staging.dir)).toHaveLength(1);
  });
});
