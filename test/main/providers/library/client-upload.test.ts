import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransferProgress } from '../../../../main/providers/library/upload.js';
import { expectAppError, useHarness } from './harness.js';

const h = useHarness();

function localFile(name: string, content: Buffer): string {
  const file = path.join(h.tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

const calls = (): string[] => h.fake.requests.map((r) => `${r.method} ${r.path}`);

describe('LibraryClient.uploadFile', () => {
  it('creates the entry when missing, then streams the bytes with their exact length as octet-stream', async () => {
    h.fake.addFolder('box');
    const content = randomBytes(300_000);
    const progress: TransferProgress[] = [];
    const result = await h.client.uploadFile('box', 'clip.mp4', localFile('clip.mp4', content), { onProgress: (p) => progress.push(p) });

    expect(calls()).toEqual(['GET /media/demo/box/clip.mp4', 'POST /media/demo/box', 'POST /media/demo/box/clip.mp4']);
    expect(h.fake.folders.get('box')?.files.get('clip.mp4')?.content.equals(content)).toBe(true);
    const upload = h.fake.requests[2];
    expect(upload?.headers['content-type']).toBe('application/octet-stream');
    expect(upload?.headers['content-length']).toBe(String(content.length));
    expect(upload?.headers['transfer-encoding']).toBeUndefined();
    expect(result).toMatchObject({ folder: 'box', name: 'clip.mp4', size: content.length, created: true });
    expect(result.location).toMatch(/\/rest\/1\.0\/media\/demo\/box\/clip\.mp4$/);
    expect(progress.at(-1)).toEqual({ bytes: content.length, total: content.length });
    expect(progress.map((p) => p.bytes)).toEqual([...progress.map((p) => p.bytes)].sort((a, b) => a - b));
  });

  it('uploads into an existing file without creating it again', async () => {
    h.fake.addFile('box', 'hello.mp3', Buffer.from('old'));
    const result = await h.client.uploadFile('box', 'hello.mp3', localFile('new.mp3', Buffer.from('new content')));
    expect(result.created).toBe(false);
    expect(calls()).toEqual(['GET /media/demo/box/hello.mp3', 'POST /media/demo/box/hello.mp3']);
    expect(h.fake.folders.get('box')?.files.get('hello.mp3')?.content.toString()).toBe('new content');
  });

  it('uploads an empty file with Content-Length 0', async () => {
    h.fake.addFile('box', 'empty', Buffer.from('was not empty'));
    await h.client.uploadFile('box', 'empty', localFile('empty', Buffer.alloc(0)), { create: 'never' });
    expect(h.fake.requests[0]?.headers['content-length']).toBe('0');
    expect(h.fake.folders.get('box')?.files.get('empty')?.content.length).toBe(0);
  });

  it("with create: 'never', reports a missing file as not found and creates nothing", async () => {
    h.fake.addFolder('box');
    await expectAppError(h.client.uploadFile('box', 'nope', localFile('nope', Buffer.from('x')), { create: 'never' }), 'not_found', /File "box\/nope" was not found/);
    expect(h.fake.folders.get('box')?.files.size).toBe(0);
  });

  it('removes the entry it created when the server refuses the content', async () => {
    h.fake.addFolder('box');
    h.fake.intercept('POST', '/media/demo/box/big.mp4', (_req, res) => {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'quota exceeded' }));
    });
    await expectAppError(h.client.uploadFile('box', 'big.mp4', localFile('big.mp4', randomBytes(1000))), 'too_large', /File "box\/big\.mp4" is too large for 127\.0\.0\.1:\d+: quota exceeded/);
    expect(calls().at(-1)).toBe('DELETE /media/demo/box/big.mp4');
    expect(h.fake.folders.get('box')?.files.has('big.mp4')).toBe(false);
  });

  it('cancels mid-upload: the request is cut, nothing is stored, the new entry is removed', async () => {
    h.fake.addFolder('box');
    const size = 16 * 1024 * 1024;
    const file = localFile('large.bin', randomBytes(size));
    const controller = new AbortController();
    const aborted = h.fake.nextAbortedUpload();
    // Past 4 MiB (four 1 MiB reads) the request is surely on the wire: the file stream pauses until the socket drains.
    const upload = h.client.uploadFile('box', 'large.bin', file, {
      signal: controller.signal,
      onProgress: (p) => p.bytes >= 4 * 1024 * 1024 && controller.abort(),
    });
    await expectAppError(upload, 'cancelled');
    const seen = await aborted;
    expect(seen.path).toBe('/media/demo/box/large.bin');
    expect(seen.bodyBytes).toBeLessThan(size);
    expect(h.fake.folders.get('box')?.files.has('large.bin')).toBe(false);
    expect(calls().at(-1)).toBe('DELETE /media/demo/box/large.bin');
  });

  it('refuses a local file that does not exist, or a folder, before any request', async () => {
    await expectAppError(h.client.uploadFile('box', 'a', path.join(h.tmp, 'missing.mp3')), 'io', /missing\.mp3" to upload does not exist/);
    await expectAppError(h.client.uploadFile('box', 'a', h.tmp), 'validation', /not a regular file/);
    expect(h.fake.requests).toHaveLength(0);
  });
});
