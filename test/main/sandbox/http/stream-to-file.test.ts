// The sandbox's size limit holds on the disk, not only in its answer: however much of an upload waits in memory
// (UPLOAD_BUFFER_BYTES), no byte past the limit is ever written to the file, and the refused file is removed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamToFile, UPLOAD_BUFFER_BYTES } from '../../../../main/sandbox/http/stream-to-file.js';
import { makeTempDir } from '../helpers.js';

const CHUNK = 64 * 1024; // one socket read
let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('stream-to-file-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The upload's file, held open: once it is removed, the bytes it was given can still be counted. */
async function holdWhenCreated(file: string): Promise<fs.FileHandle> {
  for (;;) {
    const handle = await fs.open(file, 'r').catch(() => undefined);
    if (handle) return handle;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function untilSize(handle: fs.FileHandle, size: number): Promise<void> {
  while ((await handle.stat()).size < size) await new Promise((resolve) => setImmediate(resolve));
}

describe('streamToFile over its limit', () => {
  it('writes nothing past the limit, whether the file is idle or busy when the limit is crossed, and removes it', async () => {
    expect(UPLOAD_BUFFER_BYTES).toBeGreaterThan(8 * CHUNK); // the busy case below fits in the buffer
    for (const busy of [false, true]) {
      const file = path.join(dir, `upload-${busy ? 'busy' : 'idle'}`);
      const source = new PassThrough({ highWaterMark: UPLOAD_BUFFER_BYTES });
      const limit = 4 * CHUNK;
      const done = streamToFile(source, file, { limit, tooLarge: () => new Error('too large') });
      const handle = await holdWhenCreated(file);
      try {
        for (let i = 0; i < 4; i++) source.write(Buffer.alloc(CHUNK, 0x41 + i));
        // Idle: every byte up to the limit is on the disk and the file waits for more; busy: they are still queued.
        if (!busy) await untilSize(handle, limit);
        source.write(Buffer.alloc(busy ? 4 * CHUNK : 1, 0x5a));
        await expect(done).rejects.toThrow('too large');
        const kept = await handle.readFile();
        expect(kept.length, busy ? 'busy' : 'idle').toBeLessThanOrEqual(limit);
        expect(kept.includes(0x5a), 'a byte past the limit').toBe(false);
        await expect(fs.stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
      } finally {
        await handle.close();
      }
    }
  });
});
