// Files that must never be seen half-written: write a temporary file beside the target, fsync it, rename it over
// the target, fsync the folder. A crash at any point leaves either the old file or the new one. The one home of
// this for the app, the CLI and the downloads of the providers; the sandbox keeps its own (see its README).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';

export interface WriteOptions {
  /** File mode for a new file (0o600 for anything sensitive). */
  mode?: number;
}

/**
 * The hidden temporary name beside `target` that a file is written under until complete: ".NAME.<12 hex>.tmp" for
 * small files written at once, ".part" for downloads (main/common/files.ts leaves room for it in file names).
 */
export function tempPathBeside(target: string, ext: 'tmp' | 'part' = 'tmp'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.${ext}`);
}

/** Flushes a file written as a stream to the disk; answers its size. */
export async function syncFile(file: string): Promise<number> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
    return (await handle.stat()).size;
  } finally {
    await handle.close();
  }
}

/** Puts a complete (synced) temporary file in place of `target` and makes the rename itself durable. */
export async function renameDurably(temp: string, target: string): Promise<void> {
  await fs.rename(temp, target);
  await syncDirectory(path.dirname(target));
}

export async function writeFileAtomic(target: string, data: string | Buffer, options: WriteOptions = {}): Promise<void> {
  // Folders the app creates hold its data: the user's only (0700).
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = tempPathBeside(target);
  const handle = await fs.open(temp, 'wx', options.mode ?? 0o600);
  let written = false;
  try {
    await handle.writeFile(data);
    await handle.sync();
    written = true;
  } finally {
    await handle.close();
    // A write that failed (a full disk) leaves no half-written temp file behind.
    if (!written) await fs.rm(temp, { force: true });
  }
  try {
    await renameDurably(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeJsonAtomic(target: string, value: unknown, options: WriteOptions = {}): Promise<void> {
  await writeFileAtomic(target, `${JSON.stringify(value, null, 2)}\n`, options);
}

export type JsonReadResult<T> =
  | { status: 'ok'; value: T }
  | { status: 'missing' }
  /** The file did not parse or did not match the schema; it was moved to `movedTo`. */
  | { status: 'corrupt'; movedTo: string; reason: Phrase };

/** `reason` says what is wrong with the file, as a phrase to put inside the notice or error that reports it. */
export type JsonInspectResult<T> = { status: 'ok'; value: T } | { status: 'missing' } | { status: 'unreadable'; reason: Phrase; isFolder: boolean };

/** Reads and validates a JSON file and changes nothing, whatever it finds (for readers such as the CLI). */
export async function inspectJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<JsonInspectResult<z.output<S>>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing' };
    // A folder where the file should be (a sync tool, a hand mistake) is a damaged file like any other.
    if (code === 'EISDIR') return { status: 'unreadable', reason: phrase('errors:files.damagedFolder'), isFolder: true };
    throw err;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return { status: 'ok', value: parsed.data };
    // The schema's own words (zod's, English) name what is wrong, for support: a detail, not the app's sentence.
    return { status: 'unreadable', reason: phrase('errors:files.damagedShape', { detail: parsed.error.issues[0]?.message ?? 'invalid' }), isFolder: false };
  } catch {
    return { status: 'unreadable', reason: phrase(text.length === 0 ? 'errors:files.damagedEmpty' : 'errors:files.damagedNotJson'), isFolder: false };
  }
}

/**
 * Reads a JSON file and validates it. A corrupt file is never silently replaced: it is renamed aside
 * (`name.corrupt-<time>`) so the user can recover it, and the caller is told.
 */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S): Promise<JsonReadResult<z.output<S>>> {
  const read = await inspectJsonFile(file, schema);
  if (read.status !== 'unreadable') return read;
  return { status: 'corrupt', movedTo: await setAsideCorrupt(file), reason: read.reason };
}

/** The name a damaged file is kept under: `NAME.corrupt-<time>`. */
export function asideName(file: string): string {
  return `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
}

/** Renames a damaged file aside as `NAME.corrupt-<time>`, never deleting it, so the user can recover it. */
export async function setAsideCorrupt(file: string): Promise<string> {
  const movedTo = asideName(file);
  await fs.rename(file, movedTo);
  return movedTo;
}

/** Removes temporary files a crash left behind (they are never read). */
export async function removeStaleTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.startsWith('.') && n.endsWith('.tmp')).map((n) => fs.rm(path.join(dir, n), { force: true })));
}
