// A disk that fills up, or a folder that disappears, at a chosen byte of a chosen file. A test file mocks `node:fs`
// with wrapFs(real fs): write streams (fs.createWriteStream, FileHandle.createWriteStream) and FileHandle.writeFile
// then pass through untouched unless a fault is armed for the file being written. When it is:
// - 'enospc': the bytes up to the limit reach the disk, then the write fails with the errno error the kernel gives
//   a full disk (code ENOSPC, syscall write): the code under test sees what it would see on a real full disk, and a
//   partial temp file really exists for it to clean up;
// - 'run': calls a function once the limit is crossed (the test removes the destination folder there), and the
//   write goes on, as it would on Linux where an open file outlives its unlinked folder.
// Nothing else of fs changes. This module imports no fs itself: it wraps the real module it is handed.
import type * as FsModule from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

type Fs = typeof FsModule;

export interface DiskFault {
  match: (file: string) => boolean;
  afterBytes: number;
  action: { kind: 'enospc' } | { kind: 'run'; run: (file: string) => void };
}

let armed: DiskFault | undefined;
const firedOn: string[] = [];

export const disk = {
  arm(fault: DiskFault): void {
    armed = fault;
    firedOn.length = 0;
  },
  disarm(): void {
    armed = undefined;
  },
  /** The files the fault fired on since it was armed. */
  get firedOn(): readonly string[] {
    return firedOn;
  },
};

function enospc(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write', path: file });
}

/** How much of `length` more bytes may still go to the file, and whether the fault fires on this write. */
function budget(file: string, written: number, length: number): { fault: DiskFault; allowed: number } | null {
  const fault = armed;
  if (!fault || !fault.match(file) || written + length <= fault.afterBytes) return null;
  return { fault, allowed: Math.max(0, fault.afterBytes - written) };
}

function guardStream<T extends FsModule.WriteStream>(stream: T, file: string): T {
  let written = 0;
  const write = stream._write.bind(stream);
  // One chunk at a time, so every byte goes through the check below.
  Object.defineProperty(stream, '_writev', { value: null, writable: true });
  stream._write = (chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void => {
    const over = budget(file, written, chunk.length);
    if (!over) {
      written += chunk.length;
      write(chunk, encoding, callback);
      return;
    }
    firedOn.push(file);
    if (over.fault.action.kind === 'run') {
      const crossed = written <= over.fault.afterBytes;
      written += chunk.length;
      if (crossed) over.fault.action.run(file);
      write(chunk, encoding, callback);
      return;
    }
    const head = chunk.subarray(0, over.allowed);
    written += head.length;
    if (head.length === 0) {
      callback(enospc(file));
      return;
    }
    write(head, encoding, (err) => callback(err ?? enospc(file)));
  };
  return stream;
}

function guardHandle(handle: FileHandle, file: string): FileHandle {
  const createWriteStream = handle.createWriteStream.bind(handle);
  handle.createWriteStream = (options) => guardStream(createWriteStream(options), file);
  const writeFile = handle.writeFile.bind(handle);
  handle.writeFile = async (data, options) => {
    const length = typeof data === 'string' ? Buffer.byteLength(data) : Buffer.isBuffer(data) ? data.length : 0;
    const over = budget(file, 0, length);
    if (!over || over.fault.action.kind !== 'enospc') return writeFile(data, options);
    firedOn.push(file);
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.isBuffer(data) ? data : Buffer.alloc(0);
    await writeFile(bytes.subarray(0, over.allowed));
    throw enospc(file);
  };
  return handle;
}

/** The module `node:fs` as the code under test sees it in a test file that mocks it with this. */
export function wrapFs(real: Fs): Fs {
  const createWriteStream = ((file: FsModule.PathLike, options?: Parameters<Fs['createWriteStream']>[1]) =>
    guardStream(real.createWriteStream(file, options), String(file))) as Fs['createWriteStream'];
  const open = (async (file: FsModule.PathLike, flags?: string | number, mode?: FsModule.Mode) =>
    guardHandle(await real.promises.open(file, flags, mode), String(file))) as Fs['promises']['open'];
  const promises = { ...real.promises, open };
  const wrapped = { ...real, createWriteStream, promises };
  return { ...wrapped, default: wrapped } as Fs;
}
