// The media library's transfer runners. Uploads: the bytes are checked again (the file may have changed since it
// was dropped), then streamed with progress into the folder, under the same name (replacing) or a free one
// ("name (1).jpg"). Downloads: the size is read from the server when the transfer starts, the bytes land under a
// temporary name and are renamed only when complete and of that size; an existing file is replaced, kept beside
// ("name (1).jpg") or left alone (the transfer fails, saying so). Cancel stops the request and leaves nothing behind.
import path from 'node:path';
import { z } from 'zod';
import { accountIdSchema } from '../../common/accounts.js';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import {
  DOWNLOAD_EXISTING,
  libraryFileIdSchema,
  libraryFolderIdSchema,
  localFileName,
  numberedName,
  UPLOAD_EXISTING,
} from '../../common/methods/library.js';
import type { TransferResult } from '../../common/transfers.js';
import type { AccountStore } from '../../core/accounts/account-store.js';
import { checkMediaFile } from '../../core/media/check.js';
import type { RunContext, TransferQueue } from '../../core/transfers/transfer-queue.js';
import type { LibraryClient, TransferProgress } from '../../providers/library/index.js';
import { libraryClientFor } from '../library-client.js';
import { freeLocalPath, grantedDestination, verifyGrantedFolder } from '../grants.js';
import type { WrittenFiles } from '../written-files.js';
import type { DownloadRunnerContext } from './index.js';

export const LIBRARY_UPLOAD = 'library.upload';
export const LIBRARY_DOWNLOAD = 'library.download';

/** How many alternative names are tried before giving up ("name (1).jpg" … "name (999).jpg"). */
const MAX_ALTERNATIVES = 999;

export const libraryUploadParams = z.object({
  accountId: accountIdSchema,
  folder: libraryFolderIdSchema,
  /** The name in the library. */
  name: libraryFileIdSchema,
  /** The local file (a path the user gave, or a staged copy the queue owns) and its name for messages. */
  file: z.object({ path: z.string().min(1), name: z.string().min(1).max(255) }),
  onExisting: z.enum(UPLOAD_EXISTING),
});
export type LibraryUploadParams = z.infer<typeof libraryUploadParams>;

export const libraryDownloadParams = z.object({
  accountId: accountIdSchema,
  folder: libraryFolderIdSchema,
  name: libraryFileIdSchema,
  /** The real path of the granted folder to save into (main resolved the window's grant id when queueing). */
  destination: z.string().min(1),
  onExisting: z.enum(DOWNLOAD_EXISTING),
  voicemail: z.boolean().optional(),
});
export type LibraryDownloadParams = z.infer<typeof libraryDownloadParams>;

function progressTo(ctx: RunContext, fallbackTotal: number | null) {
  return ({ bytes, total }: TransferProgress) => ctx.progress(bytes, total ?? fallbackTotal);
}

/** Creates an empty entry under the first free name: the name itself, then "name (1).ext", "name (2).ext"… */
async function claimFreeName(client: LibraryClient, folder: string, name: string, signal: AbortSignal): Promise<string> {
  for (let n = 0; n <= MAX_ALTERNATIVES; n++) {
    const candidate = n === 0 ? name : numberedName(name, n);
    try {
      await client.createFile(folder, candidate, { signal });
      return candidate;
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') continue;
      throw err;
    }
  }
  throw new AppError('conflict', phrase('errors:library.noFreeName', { name, max: MAX_ALTERNATIVES, folder }));
}

export function libraryUploadRunner(accounts: AccountStore) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const p = libraryUploadParams.parse(ctx.params);
    const media = await checkMediaFile(p.file.path, p.file.name);
    ctx.progress(0, media.size);
    const client = libraryClientFor(accounts, p.accountId);
    const onProgress = progressTo(ctx, media.size);
    if (p.onExisting === 'replace') {
      ctx.phase('uploading');
      const result = await client.uploadFile(p.folder, p.name, p.file.path, { signal: ctx.signal, onProgress });
      return { savedTo: `${p.folder}/${result.name}` };
    }
    const name = await claimFreeName(client, p.folder, p.name, ctx.signal);
    ctx.phase('uploading');
    try {
      await client.uploadFile(p.folder, name, p.file.path, { signal: ctx.signal, onProgress, create: 'never' });
    } catch (err) {
      // The entry made above would stay behind, empty: best effort, the failure itself is what counts.
      await client.deleteFile(p.folder, name).catch(() => undefined);
      throw err;
    }
    return { savedTo: `${p.folder}/${name}` };
  };
}

export function libraryDownloadRunner(accounts: AccountStore, written: WrittenFiles) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const p = libraryDownloadParams.parse(ctx.params);
    const dir = await verifyGrantedFolder(p.destination);
    const client = libraryClientFor(accounts, p.accountId);
    // The size as the server lists it now: what arrives must match it.
    const details = await client.getFile(p.folder, p.name, { signal: ctx.signal });
    ctx.progress(0, details.size ?? null);
    const local = localFileName(p.name);
    const free = p.onExisting === 'keepBoth' ? await freeLocalPath(dir, local) : path.join(dir, local);
    const dest = (await grantedDestination(dir, path.basename(free))).path;
    // Checked again now, not only when queued: a retry, after a restart too, replaces nothing the user put there since.
    if (p.onExisting === 'overwrite') await written.assertReplaceable(dest, local, dir);
    ctx.phase('downloading');
    const options = { signal: ctx.signal, onProgress: progressTo(ctx, details.size ?? null), expectedSize: details.size, overwrite: p.onExisting === 'overwrite' };
    const result =
      p.voicemail && p.name === `${p.folder}.mp3`
        ? await client.downloadVoicemail(p.folder, dest, options)
        : await client.downloadFile(p.folder, p.name, dest, options);
    await written.record(result.path);
    return { savedTo: result.path };
  };
}

export function registerLibraryRunners(queue: TransferQueue, context: DownloadRunnerContext): void {
  queue.registerRunner(LIBRARY_UPLOAD, libraryUploadRunner(context.accounts));
  queue.registerRunner(LIBRARY_DOWNLOAD, libraryDownloadRunner(context.accounts, context.written));
}
