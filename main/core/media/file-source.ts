// A ByteSource over an open file, for the dimension readers: positioned reads, no stream, nothing buffered.
import fs from 'node:fs/promises';
import type { ByteSource } from './dimensions.js';

export interface FileByteSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileSource(path: string): Promise<FileByteSource> {
  const handle = await fs.open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      read: async (offset, length) => {
        const wanted = Math.max(0, Math.min(length, size - offset));
        const buffer = Buffer.alloc(wanted);
        let filled = 0;
        while (filled < wanted) {
          const { bytesRead } = await handle.read(buffer, filled, wanted - filled, offset + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return buffer.subarray(0, filled);
      },
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** Runs fn over the file's bytes and always closes the file. */
export async function withFileSource<T>(path: string, fn: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = await openFileSource(path);
  try {
    return await fn(source);
  } finally {
    await source.close();
  }
}
