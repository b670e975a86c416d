// One running app per data folder. Two hosts on one folder would reset each other's staging folder and overwrite
// each other's accounts, so every host that writes takes this lock before it touches anything in the folder.
// The lock is proper-lockfile's (an `instance.lock` directory whose mtime the holder refreshes; released on exit and
// on signals, taken over once stale). Next to it, `instance.json` says who holds it (process, host, address; never
// the browser host's token) so a second host can tell the user where the running app is, and where its embedded
// sandbox listens, so the command line can tell the sandbox from whatever listens on its old port once the app is gone.
import { promises as fs, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { z } from 'zod';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { writeJsonAtomic } from './atomic.js';

export const LOCK_NAME = 'instance.lock';
export const INSTANCE_FILE = 'instance.json';
/** A holder that stops refreshing the lock for this long (frozen, or killed with no pid to check) loses it. */
const STALE_MS = 10_000;

const instanceSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  hostname: z.string(),
  startedAt: z.string(),
  url: z.string().optional(),
  /** The embedded sandbox's origin while it runs (absent in files written before it was announced). */
  sandbox: z
    .string()
    .max(200)
    .refine((value) => httpOriginOf(value) === value)
    .optional(),
});
export type InstanceInfo = z.infer<typeof instanceSchema>;

/** Thrown when another process holds the folder; nothing in the folder was created or changed. */
export class DataFolderInUseError extends Error {
  /** The same sentence in the reader's language (the message stays English, for the log and support). */
  readonly phrase: Phrase;

  constructor(
    readonly dataDir: string,
    readonly holder: InstanceInfo | null,
  ) {
    super(describeHolder(dataDir, holder));
    this.name = 'DataFolderInUseError';
    this.phrase = holderPhrase(dataDir, holder);
  }
}

function holderPhrase(dataDir: string, holder: InstanceInfo | null): Phrase {
  if (!holder) return phrase('errors:instance.inUseStarting', { dir: dataDir });
  const host = holder.host === 'browser' || holder.host === 'electron' ? phrase(`errors:instance.host.${holder.host}`) : phrase('errors:instance.host.other', { name: holder.host });
  const since = Date.parse(holder.startedAt);
  const values = { dir: dataDir, host, pid: holder.pid, since: Number.isNaN(since) ? holder.startedAt : since };
  const elsewhere = holder.hostname !== os.hostname();
  if (elsewhere && holder.url) return phrase('errors:instance.inUseElsewhereAt', { ...values, machine: holder.hostname, url: holder.url });
  if (elsewhere) return phrase('errors:instance.inUseElsewhere', { ...values, machine: holder.hostname });
  if (holder.url) return phrase('errors:instance.inUseAt', { ...values, url: holder.url });
  return phrase('errors:instance.inUse', values);
}

function describeHolder(dataDir: string, holder: InstanceInfo | null): string {
  if (!holder) return `The data folder ${dataDir} is in use by another Media Desk that is starting or stopping. Close it first, or choose another folder with --data-dir.`;
  const where = holder.url ? `, listening at ${holder.url}` : '';
  const machine = holder.hostname === os.hostname() ? '' : ` on ${holder.hostname}`;
  return `The data folder ${dataDir} is in use by Media Desk (${holder.host} host, process ${holder.pid}${machine}${where}, since ${holder.startedAt}). Use that one, close it first, or choose another folder with --data-dir.`;
}

function httpOriginOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface DataFolderLock {
  readonly dataDir: string;
  /**
   * Adds to instance.json the address the host listens at (the browser host, once it listens) or its embedded
   * sandbox's origin (once the sandbox listens).
   */
  announce(details: { url?: string; sandbox?: string }): Promise<void>;
  /** Called if the lock is lost while running (the folder removed, the lock taken over after a long freeze). */
  onCompromised(listener: (err: Error) => void): void;
  release(): Promise<void>;
}

/** Reads who holds the folder, or null when instance.json is missing or unreadable. Never changes anything. */
export function readInstanceInfo(dataDir: string): InstanceInfo | null {
  try {
    const parsed = instanceSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, INSTANCE_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type FolderHolder = { held: false } | { held: true; holder: InstanceInfo | null };

/**
 * Whether another live process holds the folder, and who, without creating or changing anything. Synchronous on
 * purpose: Electron must know before `app.setPath('userData')` and its own single-instance lock, both of which
 * write into the folder, and before its `ready` event.
 */
export function dataFolderHolder(dataDir: string): FolderHolder {
  let locked: boolean;
  try {
    locked = lockfile.checkSync(dataDir, { lockfilePath: path.join(dataDir, LOCK_NAME), realpath: false, stale: STALE_MS });
  } catch {
    locked = false;
  }
  if (!locked) return { held: false };
  const holder = readInstanceInfo(dataDir);
  if (holder && holder.hostname === os.hostname() && holder.pid !== process.pid && processIsGone(holder.pid)) return { held: false };
  return { held: true, holder };
}

/**
 * The embedded sandbox's origin of the app that holds the folder, live on this machine (its lock held and fresh,
 * its process running), as it announced it; null when the app is closed, left a stale file behind, runs elsewhere
 * or runs no sandbox. Whatever listens on a sandbox's port once its app is gone is anyone's.
 */
export function sandboxOfRunningApp(dataDir: string): string | null {
  // dataFolderHolder already takes a lock whose process is gone from this machine for free.
  const folder = dataFolderHolder(dataDir);
  if (!folder.held || folder.holder?.hostname !== os.hostname()) return null;
  return folder.holder.sandbox ?? null;
}

function processIsGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function lockDataFolder(dataDir: string, host: string): Promise<DataFolderLock> {
  // The data folder holds the vault and the log: the user's only (an existing folder keeps its mode).
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = path.join(dataDir, LOCK_NAME);
  const listeners = new Set<(err: Error) => void>();
  const options = {
    lockfilePath: lockPath,
    realpath: false,
    stale: STALE_MS,
    onCompromised: (err: Error) => {
      for (const listener of listeners) listener(err);
    },
  };
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await lockfile.lock(dataDir, options);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const holder = readInstanceInfo(dataDir);
    // A holder killed outright (SIGKILL, a crash) cannot release: when its process is gone on this machine, the
    // lock is taken over now rather than once its mtime goes stale.
    if (!holder || holder.hostname !== os.hostname() || holder.pid === process.pid || !processIsGone(holder.pid)) throw new DataFolderInUseError(dataDir, holder);
    await fs.rm(lockPath, { recursive: true, force: true });
    try {
      releaseLock = await lockfile.lock(dataDir, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataFolderInUseError(dataDir, readInstanceInfo(dataDir));
      throw again;
    }
  }

  const instanceFile = path.join(dataDir, INSTANCE_FILE);
  let info: InstanceInfo = { pid: process.pid, host, hostname: os.hostname(), startedAt: new Date().toISOString() };
  // proper-lockfile removes its lock on exit and on signals; the instance file goes with it.
  const removeInstanceFile = (): void => rmSync(instanceFile, { force: true });
  process.once('exit', removeInstanceFile);
  try {
    await writeJsonAtomic(instanceFile, info);
  } catch (err) {
    process.removeListener('exit', removeInstanceFile);
    await releaseLock();
    throw err;
  }
  let released = false;
  // One write at a time, so that an earlier write's rename can never land after (and over) a later one's.
  let writing: Promise<unknown> = Promise.resolve();
  return {
    dataDir,
    async announce(details) {
      if (released) return;
      info = { ...info, ...(details.url !== undefined ? { url: details.url } : {}), ...(details.sandbox !== undefined ? { sandbox: details.sandbox } : {}) };
      const written = info;
      const write = writing.catch(() => undefined).then(() => writeJsonAtomic(instanceFile, written));
      writing = write;
      await write;
    },
    onCompromised(listener) {
      listeners.add(listener);
    },
    async release() {
      if (released) return;
      released = true;
      process.removeListener('exit', removeInstanceFile);
      await writing.catch(() => undefined);
      await fs.rm(instanceFile, { force: true });
      await releaseLock().catch(() => undefined);
    },
  };
}
