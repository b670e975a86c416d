// Files handed over by the UI, always by an id main issued, never by a path the window wrote. In the browser host
// the bytes are streamed into a staging folder. In Electron the preload reads the path of a file the user dropped or
// picked from the File object itself (webUtils.getPathForFile) and hands it to main over its own channel, which
// grants it here; a page cannot make such a File for a path of its choosing, and invoke() cannot grant anything.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FileRef } from '../../common/contract.js';
import { AppError, sayable, toAppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';

export interface LocalFile {
  path: string;
  /** The name to show and send (the original name for staged files). */
  name: string;
  size: number;
}

const MAX_NAME = 255;
/** The folder, in the data folder, where staged files live on as long as a transfer owns them. */
export const KEPT_FILES_DIR = 'transfer-files';
const STAGED_ID = /^stg_[a-f0-9]{24}$/;

export function cleanFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim().slice(0, MAX_NAME);
  return cleaned.length > 0 ? cleaned : 'file';
}

/**
 * Bytes received before they are written out together (one writev): a socket hands over 16-64 KiB at a time, and
 * a write per piece cost the browser host more CPU than the network and the disk.
 */
const WRITE_BATCH = 1024 * 1024;

/** The most a staged file may hold; past it the staging fails and onExceeded is told (to answer 413). */
export interface StageLimit {
  maxBytes: number;
  onExceeded(): void;
  /** Bytes taken so far, after each piece (the browser host says it to the page sending them). */
  onReceived?(total: number): void;
}

/** Bounded, so a renderer granting files in a loop cannot grow the table without end. */
const MAX_GRANTED_FILES = 10_000;
/** Left free on the disk by staged files, for the app's own files (settings, the queue, the log). */
const DISK_RESERVE = 256 * 1024 * 1024;

export class FileStaging {
  private readonly names = new Map<string, string>();
  private readonly granted = new Map<string, { path: string; name: string }>();
  private readonly room = new SharedDiskRoom();
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'staging');
  }

  /** Staged files do not outlive the process that staged them. */
  async reset(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  async stage(name: string, body: Readable, limit?: StageLimit): Promise<FileRef> {
    // The reading below reports a failing body; without a listener of its own from the start, the stream's 'error'
    // event (a client that went away, a form cut inside its file part) would be raised as an uncaught error that
    // ends the process when it comes before the reading began (while the file is made) or after it stopped.
    body.on('error', () => undefined);
    const id = `stg_${randomBytes(12).toString('hex')}`;
    const file = path.join(this.dir, id);
    try {
      // Inside the try: a staging folder that cannot be made (a file in its place, no permission) is a local cause.
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      // Held to the disk's room as it is shared with the stagings under way; the reserve stays free for the app's own files.
      const room = await this.room.measure(this.dir);
      await receiveInto(file, body, limit, room);
    } catch (err) {
      // Not there (never made), or no folder to hold it: either way nothing is left to remove.
      await fs.rm(file, { force: true }).catch(() => undefined);
      // A local cause (a full disk, no permission, the folder unusable) is said; anything else is the sender's stream
      // ending early. A file system call's failure carries the path it was about; the sender's never does.
      const local = toAppError(err);
      const shown = cleanFileName(name);
      const diskCode = typeof (err as NodeJS.ErrnoException).path === 'string' ? (err as NodeJS.ErrnoException).code : undefined;
      if (local.code === 'io') throw new AppError('io', phrase('errors:staging.receiveFailedBecause', { name: shown, reason: sayable(local) }));
      // Something other than a folder where the staging folder should be: said with the folder, and what to do.
      if (diskCode === 'EEXIST' || diskCode === 'ENOTDIR') throw new AppError('io', phrase('errors:staging.folderUnusable', { name: shown, folder: this.dir }));
      // A cause with no words of its own: said as the disk refusing, its code kept for support.
      throw new AppError('io', diskCode ? phrase('errors:staging.receiveFailedCode', { name: shown, code: diskCode }) : phrase('errors:staging.receiveFailed', { name: shown }));
    }
    this.names.set(id, cleanFileName(name));
    return { kind: 'staged', id };
  }

  /**
   * Electron: grants a file the user dropped or picked (its path as the preload read it from the File). Only a
   * regular file is granted, under its real path: a link is followed once, now, and a device, a FIFO or a folder is
   * refused. The bytes are still checked when the file is used.
   */
  async grantPath(file: string): Promise<FileRef> {
    if (!path.isAbsolute(file)) throw new AppError('validation', phrase('errors:staging.onlyAdded'));
    // The name as the user sees it on disk: a name the destination refuses is reported there, not silently changed.
    const name = path.basename(file);
    const real = await fs.realpath(file).catch(() => null);
    if (!real) throw new AppError('io', phrase('errors:files.cannotBeFound', { name }));
    await sizeOf(real, name);
    if (this.granted.size >= MAX_GRANTED_FILES) {
      const oldest = this.granted.keys().next().value;
      if (oldest !== undefined) this.granted.delete(oldest);
    }
    const id = `fg_${randomBytes(12).toString('hex')}`;
    this.granted.set(id, { path: real, name });
    return { kind: 'granted', id };
  }

  /** The name a ref was given, for messages about a file that could not be used. */
  nameOf(ref: FileRef): string | undefined {
    return ref.kind === 'staged' ? this.names.get(ref.id) : this.granted.get(ref.id)?.name;
  }

  async resolve(ref: FileRef): Promise<LocalFile> {
    if (ref.kind === 'staged') {
      const name = this.names.get(ref.id);
      if (!name) throw new AppError('not_found', phrase('errors:staging.noLongerAvailable'));
      const file = path.join(this.dir, ref.id);
      return { path: file, name, size: await sizeOf(file, name) };
    }
    const granted = this.granted.get(ref.id);
    if (!granted) throw new AppError('not_found', phrase('errors:staging.notAddedThisSession'));
    // lstat: the granted real path must still be a regular file, not a link put in its place since.
    return { path: granted.path, name: granted.name, size: await sizeOf(granted.path, granted.name, true) };
  }

  /**
   * Hands a file over to a transfer that may outlive this process (a retry after a restart): a staged file moves
   * out of the staging folder, which is emptied at start, into one the transfer queue owns.
   */
  async adopt(ref: FileRef, keepDir: string): Promise<LocalFile & { owned: boolean }> {
    const file = await this.resolve(ref);
    if (ref.kind !== 'staged') return { ...file, owned: false };
    await fs.mkdir(keepDir, { recursive: true, mode: 0o700 });
    const kept = path.join(keepDir, ref.id);
    await fs.rename(file.path, kept);
    this.names.delete(ref.id);
    return { ...file, path: kept, owned: true };
  }

  /** Removes a staged copy this process made and still holds; anything else (granted, adopted, unknown) stays. */
  async release(ref: FileRef): Promise<void> {
    if (ref.kind !== 'staged' || !this.names.delete(ref.id)) return;
    await fs.rm(path.join(this.dir, ref.id), { force: true });
  }
}

/**
 * Writes the body to a new file: pieces are corked and written together once about WRITE_BATCH bytes have come,
 * and reading waits while the disk is behind. The body is not destroyed when this fails (the caller may still
 * answer on its connection).
 */
async function receiveInto(file: string, body: Readable, limit: StageLimit | undefined, room: RoomGauge): Promise<void> {
  const out = createWriteStream(file, { mode: 0o600, highWaterMark: 2 * WRITE_BATCH });
  const failed = once(out, 'error').then(([err]) => Promise.reject(err instanceof Error ? err : new Error(String(err))));
  failed.catch(() => undefined);
  let total = 0;
  let batched = 0;
  try {
    out.cork();
    for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      if (out.errored) throw out.errored;
      total += chunk.length;
      if (limit && total > limit.maxBytes) {
        limit.onExceeded();
        throw new AppError('too_large', phrase('errors:staging.tooLarge'));
      }
      limit?.onReceived?.(total);
      const fits = room.take(chunk.length);
      if (fits !== true && !(await fits)) {
        room.settle(chunk.length);
        throw new AppError('io', phrase('errors:files.diskFull'));
      }
      // Counted as on the disk once written (or dropped with the file): a measure then sees it in the free bytes.
      out.write(chunk, () => room.settle(chunk.length));
      batched += chunk.length;
      if (batched >= WRITE_BATCH) {
        batched = 0;
        out.uncork();
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), failed]);
        out.cork();
      }
    }
    out.uncork();
    out.end();
    await Promise.race([finished(out), failed]);
  } catch (err) {
    // Wait for the file to be closed (or its late open undone), so the caller's removal of it is the last word.
    const closed = out.closed ? Promise.resolve() : once(out, 'close');
    out.destroy();
    await closed.catch(() => undefined);
    throw err;
  }
}

/** One staging's view of the shared room: take() says whether `bytes` more fit, settle() that they left memory. */
interface RoomGauge {
  take(bytes: number): boolean | Promise<boolean>;
  settle(bytes: number): void;
}

/**
 * The disk's room as the stagings under way share it. A staging measures the disk when it begins; every byte any
 * staging takes from then on counts against that measure, so stagings that each fit cannot together eat the
 * reserve. When the count says the room is spent, the disk is measured again (a file released or refused since
 * gives its room back; bytes taken but not yet written still count) before the staging is refused.
 */
class SharedDiskRoom {
  /** Bytes taken by every staging of this process, ever. */
  private taken = 0;
  /** Bytes taken and not yet written out (or dropped): a measure of the disk does not see them. */
  private unwritten = 0;

  async measure(dir: string): Promise<RoomGauge> {
    let free = await freeBytes(dir);
    let since = this.taken - this.unwritten;
    const fits = (): boolean => free === null || this.taken - since <= free - DISK_RESERVE;
    return {
      take: (bytes) => {
        this.taken += bytes;
        this.unwritten += bytes;
        if (fits()) return true;
        return freeBytes(dir).then((measured) => {
          free = measured;
          since = this.taken - this.unwritten;
          return fits();
        });
      },
      settle: (bytes) => {
        this.unwritten -= bytes;
      },
    };
  }
}

/** Bytes free for this user on the disk of `dir`, or null where the system cannot say. */
async function freeBytes(dir: string): Promise<number | null> {
  try {
    const stats = await fs.statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return null;
  }
}

async function sizeOf(file: string, name: string, noFollow = false): Promise<number> {
  let stat;
  try {
    stat = noFollow ? await fs.lstat(file) : await fs.stat(file);
  } catch {
    throw new AppError('io', phrase('errors:files.cannotBeFound', { name }));
  }
  if (stat.isDirectory()) throw new AppError('unsupported_media', phrase('errors:files.isFolder', { name }));
  if (stat.isSymbolicLink()) throw new AppError('unsupported_media', phrase('errors:files.replacedByLink', { name }));
  if (!stat.isFile()) throw new AppError('unsupported_media', phrase('errors:files.notRegularFile', { name }));

  return stat.size;
}

/**
 * Removes kept files that no transfer owns any more (a job whose save to transfers.json was lost). Only files
 * this module made are touched: names of the staged-id form, regular files; anything else in the folder stays.
 */
export async function removeOrphanedKeptFiles(keepDir: string, owned: Iterable<string>): Promise<string[]> {
  // By name: ids are random, and a data folder moved elsewhere keeps its jobs' files.
  const ownedNames = new Set([...owned].map((file) => path.basename(file)));
  let names: string[];
  try {
    names = await fs.readdir(keepDir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!STAGED_ID.test(name) || ownedNames.has(name)) continue;
    const file = path.join(keepDir, name);
    const stat = await fs.lstat(file).catch(() => null);
    if (!stat?.isFile()) continue;
    await fs.rm(file, { force: true });
    removed.push(name);
  }
  return removed;
}
