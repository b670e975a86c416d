// Counts the bytes this process reads from files while a function runs, without strace: the public read entry
// points of node:fs and node:fs/promises are wrapped (FileHandle.read/readv/readFile, fs.read/readSync,
// fs.readFile/readFileSync, fsp.readFile). fs streams read through fs.read, so they are counted too. Nested calls
// (readFileSync calling readSync) are counted once.
import fs from 'node:fs';
import fsp from 'node:fs/promises';

let active = 0;
let total = 0;
let depth = 0;
let installed: Promise<void> | undefined;

function add(bytes: unknown): void {
  if (active > 0 && depth === 0 && typeof bytes === 'number' && bytes > 0) total += bytes;
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof Uint8Array) return data.byteLength;
  return 0;
}

type AnyFn = (...args: unknown[]) => unknown;

/** Replaces obj[key] with a wrapper that measures each call's outcome with `count`. */
function wrap(obj: object, key: string, count: (result: unknown, args: unknown[]) => void): void {
  const target = obj as Record<string, AnyFn>;
  const original = target[key];
  if (typeof original !== 'function') return;
  target[key] = function (this: unknown, ...args: unknown[]): unknown {
    depth++;
    let result: unknown;
    try {
      result = original.apply(this, args);
    } finally {
      depth--;
    }
    if (result instanceof Promise) {
      return result.then((value: unknown) => {
        count(value, args);
        return value;
      });
    }
    count(result, args);
    return result;
  };
}

/** fs.read(fd, …, callback(err, bytesRead, buffer)): the callback is wrapped instead. */
function wrapCallbackRead(): void {
  const target = fs as unknown as Record<string, AnyFn>;
  const original = target.read;
  if (typeof original !== 'function') return;
  target.read = function (this: unknown, ...args: unknown[]): unknown {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (err: unknown, bytesRead: unknown, buffer: unknown) => {
        if (!err) add(bytesRead);
        (callback as AnyFn)(err, bytesRead, buffer);
      };
    }
    return original.apply(this, args);
  };
}

function wrapCallbackReadFile(): void {
  const target = fs as unknown as Record<string, AnyFn>;
  const original = target.readFile;
  if (typeof original !== 'function') return;
  target.readFile = function (this: unknown, ...args: unknown[]): unknown {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (err: unknown, data: unknown) => {
        if (!err) add(sizeOf(data));
        (callback as AnyFn)(err, data);
      };
    }
    return original.apply(this, args);
  };
}

async function install(): Promise<void> {
  // FileHandle is not exported: take its prototype from a handle on a file that surely exists.
  const handle = await fsp.open(process.execPath, 'r');
  const proto = Object.getPrototypeOf(handle) as object;
  await handle.close();
  wrap(proto, 'read', (r) => add((r as { bytesRead?: number } | undefined)?.bytesRead));
  wrap(proto, 'readv', (r) => add((r as { bytesRead?: number } | undefined)?.bytesRead));
  wrap(proto, 'readFile', (r) => add(sizeOf(r)));
  wrap(fsp, 'readFile', (r) => add(sizeOf(r)));
  wrap(fs, 'readSync', (r) => add(r));
  wrap(fs, 'readvSync', (r) => add(r));
  wrap(fs, 'readFileSync', (r) => add(sizeOf(r)));
  wrapCallbackRead();
  wrapCallbackReadFile();
}

/** Runs fn and returns its value with the file bytes read meanwhile (by anything in this process). */
export async function countReads<T>(fn: () => Promise<T>): Promise<{ value: T; bytes: number }> {
  installed ??= install();
  await installed;
  total = 0;
  active++;
  try {
    const value = await fn();
    return { value, bytes: total };
  } finally {
    active--;
  }
}
