// Saves media to disk without ever leaving a partial file under the real name: the bytes stream into a hidden
// temporary file beside the destination, which is flushed, checked against the announced length and only then
// renamed. On any failure or cancellation the temporary file is removed.
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { renameDurably, syncFile, tempPathBeside } from '../../core/storage/atomic.js';
import type { MediaContent } from './media-content.js';

/** A folder (the file is named after the media, made unique there) or an exact file path (replaced if present). */
export type DownloadTarget = { dir: string } | { path: string };

export interface DownloadOptions {
  signal?: AbortSignal | undefined;
  /** Called as bytes arrive; total is known when the server announced a length. */
  onProgress?: ((received: number, total: number | undefined) => void) | undefined;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  contentType: string;
  fileName: string;
}

const absolute = z.string().min(1).refine((p) => path.isAbsolute(p), 'must be an absolute path');
const targetSchema = z.union([z.object({ dir: absolute }), z.object({ path: absolute })]);

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** "photo.jpg", then "photo (1).jpg", "photo (2).jpg"…: never overwrite a file the user already has. */
async function freeName(dir: string, fileName: string): Promise<string> {
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 0; n < 1000; n += 1) {
    const candidate = path.join(dir, n === 0 ? fileName : `${stem} (${n})${ext}`);
    if (!(await exists(candidate))) return candidate;
  }
  throw new AppError('io', phrase('errors:files.tooManyLike', { name: fileName }));
}

function failure(err: unknown, signal: AbortSignal | undefined, fileName: string, folder: string): AppError {
  if (signal?.aborted) return new AppError('cancelled', phrase('errors:twilio.downloadCancelled', { name: fileName }));
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const syscall = (err as NodeJS.ErrnoException | null)?.syscall;
  if (code === 'ENOSPC') return new AppError('io', phrase('errors:files.diskFullSaving', { name: fileName, folder }));
  if (code === 'ENOENT') return new AppError('io', phrase('errors:files.folderGone', { name: fileName, folder }));
  if (code === 'EACCES' || code === 'EPERM') return new AppError('io', phrase('errors:files.noSavePermission', { name: fileName, folder }));
  if (code === 'ENAMETOOLONG') return new AppError('io', phrase('errors:files.nameTooLong', { name: fileName, folder }));
  if (syscall !== undefined) return new AppError('io', code ? phrase('errors:files.diskWriteFailedCode', { name: fileName, code }) : phrase('errors:files.diskWriteFailed', { name: fileName }));
  return new AppError('network', phrase('errors:twilio.downloadDropped', { name: fileName }));
}

/**
 * Streams opened media to disk. `open` is called once (it performs the request); the body is always consumed
 * or destroyed, whatever happens.
 */
export async function saveMediaContent(
  open: (signal: AbortSignal | undefined) => Promise<MediaContent>,
  targetInput: DownloadTarget,
  opts: DownloadOptions = {},
): Promise<DownloadResult> {
  const parsedTarget = targetSchema.safeParse(targetInput);
  if (!parsedTarget.success) throw new AppError('validation', phrase('errors:files.destinationNotAbsolute'), { field: 'target' });
  const target = parsedTarget.data;
  const folder = 'dir' in target ? target.dir : path.dirname(target.path);
  if (!(await isDirectory(folder))) throw new AppError('io', phrase('errors:files.folderMissing', { folder }));

  const content = await open(opts.signal);
  let dest: string;
  try {
    dest = 'dir' in target ? await freeName(target.dir, content.fileName) : target.path;
  } catch (err) {
    content.body.destroy();
    throw err;
  }
  const temp = tempPathBeside(dest, 'part');
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      opts.onProgress?.(received, content.contentLength);
      done(null, chunk);
    },
  });
  try {
    await pipeline(content.body, counter, createWriteStream(temp, { flags: 'wx' }), { signal: opts.signal });
    await syncFile(temp);
    if (content.contentLength !== undefined && received !== content.contentLength) {
      throw new AppError('network', phrase('errors:twilio.downloadShort', { name: content.fileName, received, total: content.contentLength }));

    }
    await renameDurably(temp, dest);
  } catch (err) {
    content.body.destroy();
    // Best effort: a failing clean-up (the folder gone, a name too long) must not hide why the download failed.
    await rm(temp, { force: true }).catch(() => undefined);
    throw failure(err, opts.signal, content.fileName, path.dirname(dest));
  }
  return { path: dest, bytes: received, contentType: content.contentType, fileName: path.basename(dest) };
}
