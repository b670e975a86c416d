// Uploading a local file's content: sent from disk as application/octet-stream with its exact length (never
// chunked), progress as bytes leave, cancellation that really stops the request, and no empty entry left behind
// when this call created the file and the upload then fails.
import fs from 'node:fs';
import { AppError, toAppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { PiecedBody } from '../http/file-body.js';
import { assertLibraryId } from '../../common/library-ids.js';
import { discard, expectStatus, sendLibrary, type LibraryContext } from './http.js';
import { describe, paths } from './paths.js';

export interface TransferProgress {
  bytes: number;
  /** Undefined when the length is not known in advance. */
  total: number | undefined;
}

export interface TransferOptions {
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
}

export interface UploadOptions extends TransferOptions {
  /** 'ifMissing' (default) creates the file entry first when the server does not have it; 'never' uploads only. */
  create?: 'ifMissing' | 'never';
}

export interface UploadResult {
  folder: string;
  name: string;
  size: number;
  /** Whether this call created the file entry. */
  created: boolean;
  /** The Location the server gave, if any. */
  location?: string;
}

/** The operations upload needs from the client around the transfer itself. */
export interface UploadSteps {
  fileExists(folder: string, name: string, signal?: AbortSignal): Promise<boolean>;
  createFile(folder: string, name: string, options?: { signal?: AbortSignal }): Promise<unknown>;
  deleteFile(folder: string, name: string, options?: { signal?: AbortSignal }): Promise<void>;
}

async function statLocal(localPath: string): Promise<number> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(localPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('io', phrase('errors:files.uploadMissing', { path: localPath }));
    throw new AppError('io', code ? phrase('errors:files.uploadUnreadableCode', { path: localPath, code }) : phrase('errors:files.uploadUnreadable', { path: localPath }));
  }
  if (!stat.isFile()) throw new AppError('validation', phrase('errors:files.notRegular', { path: localPath }));
  return stat.size;
}

/** Sends the bytes of localPath to an existing file entry. */
async function sendContent(ctx: LibraryContext, folder: string, name: string, localPath: string, size: number, options: TransferOptions): Promise<string | undefined> {
  const what = describe.file(folder, name);
  // The file goes from disk to the socket through reused buffers (file-body.ts), never more than `size` bytes; a file
  // that shrinks while it is sent fails with its own message instead of leaving the server waiting.
  const body = new PiecedBody([
    {
      path: localPath,
      length: size,
      shortError: (read) => new AppError('io', phrase('errors:files.changedWhileUploading', { path: localPath, read, size })),
      readError: (code) => new AppError('io', phrase('errors:files.unreadableWhileUploading', { path: localPath, code })),

    },
  ]);
  options.onProgress?.({ bytes: 0, total: size });
  const res = await sendLibrary(ctx.conn, ctx.limits, {
    method: 'POST',
    path: paths.file(ctx.conn.domain, folder, name),
    contentType: 'application/octet-stream',
    body,
    signal: options.signal,
    onUploadProgress: (bytes) => options.onProgress?.({ bytes, total: size }),
  });
  await expectStatus(res, [200, 201, 202, 204], ctx.conn, what);
  const location = res.headers.location;
  await discard(res);
  return location;
}

export async function uploadFromDisk(
  ctx: LibraryContext,
  steps: UploadSteps,
  folder: string,
  name: string,
  localPath: string,
  options: UploadOptions = {},
): Promise<UploadResult> {
  assertLibraryId(folder, 'folder');
  assertLibraryId(name, 'file');
  const size = await statLocal(localPath);
  let created = false;
  if ((options.create ?? 'ifMissing') === 'ifMissing' && !(await steps.fileExists(folder, name, options.signal))) {
    try {
      await steps.createFile(folder, name, { signal: options.signal });
      created = true;
    } catch (err) {
      // Someone created it in between: upload into it.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  try {
    const location = await sendContent(ctx, folder, name, localPath, size, options);
    const result: UploadResult = { folder, name, size, created };
    if (location) result.location = location;
    return result;
  } catch (err) {
    // The entry this call made would otherwise stay behind, empty. Best effort: the failure itself is what counts.
    if (created) await steps.deleteFile(folder, name).catch(() => undefined);
    throw toAppError(err);
  }
}
