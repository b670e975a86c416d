import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { FILE_CHUNK, PiecedBody, pumpBody, type FileRange } from '../../../../main/providers/http/file-body.js';
import { collectBody } from './collect-body.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'file-body-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Every 4-byte word is its own offset: a chunk sent twice, late or from a reused buffer shows as the wrong bytes. */
function numbered(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i + 4 <= bytes; i += 4) data.writeUInt32BE(i, i);
  return data;
}

function range(file: string, length: number, start = 0): FileRange {
  return {
    path: file,
    start,
    length,
    shortError: (read) => new AppError('io', `short after ${read}`),
    readError: (code) => new AppError('io', `unreadable (${code})`),
  };
}

describe('pumpBody', () => {
  it('writes the pieces in order, a file of several chunks intact, and reports every byte as the sink takes it', async () => {
    const data = numbered(3 * FILE_CHUNK + 12_345);
    const file = path.join(dir, 'numbered.bin');
    await fs.writeFile(file, data);
    const head = Buffer.from('head\r\n');
    const tail = Buffer.from('\r\ntail');
    const body = new PiecedBody([head, range(file, data.length), tail]);
    const progress: number[] = [];
    const bytes = await collectBody(body, (sent) => progress.push(sent));
    expect(body.length).toBe(head.length + data.length + tail.length);
    expect(bytes.equals(Buffer.concat([head, data, tail]))).toBe(true);
    expect(progress.at(-1)).toBe(body.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // One report per write, not per byte: head, four file reads (three whole chunks and the rest), tail.
    expect(progress.length).toBe(6);
  });

  it('sends only the announced range of a file that grew', async () => {
    const data = numbered(FILE_CHUNK + 100);
    const file = path.join(dir, 'grown.bin');
    await fs.writeFile(file, data);
    const bytes = await collectBody(new PiecedBody([range(file, 5000, 16)]));
    expect(bytes.equals(data.subarray(16, 5016))).toBe(true);
  });

  it('fails with the range’s own error when the file is shorter than announced', async () => {
    const file = path.join(dir, 'short.bin');
    await fs.writeFile(file, numbered(FILE_CHUNK + 8));
    await expect(collectBody(new PiecedBody([range(file, 2 * FILE_CHUNK)]))).rejects.toMatchObject({ message: `short after ${FILE_CHUNK + 8}` });
  });

  it('fails with the range’s own error when the file cannot be opened', async () => {
    await expect(collectBody(new PiecedBody([range(path.join(dir, 'missing.bin'), 10)]))).rejects.toMatchObject({ message: 'unreadable (ENOENT)' });
  });

  it('gives the event loop its turn between batches even when the sink takes every write at once', async () => {
    // A socket whose kernel buffer has room acknowledges a write in the same tick (process.nextTick): without a turn
    // of the event loop between reads made in place, a cached file would go out whole before any answer, timer or
    // cancellation is heard.
    const chunks = 24;
    const file = path.join(dir, 'eager.bin');
    await fs.writeFile(file, numbered(chunks * FILE_CHUNK));
    let turn = 0;
    let pumping = true;
    const tick = (): void => {
      turn += 1;
      if (pumping) setImmediate(tick);
    };
    setImmediate(tick);
    const writesPerTurn = new Map<number, number>();
    await new Promise<void>((resolve, reject) => {
      pumpBody(
        new PiecedBody([range(file, chunks * FILE_CHUNK)]),
        {
          write(_chunk, callback) {
            writesPerTurn.set(turn, (writesPerTurn.get(turn) ?? 0) + 1);
            process.nextTick(() => callback());
            return true;
          },
          end: () => resolve(),
        },
        { onError: reject },
      );
    });
    pumping = false;
    expect([...writesPerTurn.values()].reduce((a, b) => a + b, 0)).toBe(chunks);
    expect(Math.max(...writesPerTurn.values())).toBeLessThanOrEqual(6);
  });

  it('writes nothing more and never ends the sink once stopped', async () => {
    const file = path.join(dir, 'stopped.bin');
    await fs.writeFile(file, numbered(4 * FILE_CHUNK));
    let writes = 0;
    let ended = false;
    const pump = pumpBody(
      new PiecedBody([range(file, 4 * FILE_CHUNK)]),
      {
        write(_chunk, callback) {
          writes += 1;
          if (writes === 1) pump.stop();
          setImmediate(() => callback());
          return true;
        },
        end() {
          ended = true;
        },
      },
      { onError: () => undefined },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writes).toBe(1);
    expect(ended).toBe(false);
  });
});
