// The media library's jobs over many items, run by the transfer queue: one access list applied to many targets,
// files deleted, folders deleted with their files. Each shows n of N, stops starting items when cancelled (those on
// the wire finish, so every result is what the server did) and ends with a result per item.
import { z } from 'zod';
import { accountIdSchema } from '../../common/accounts.js';
import { errorWords, sayable, wordsOf } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { countOutcomes, type JobItemResult, type TransferResult } from '../../common/transfers.js';
import { libraryAclSchema, libraryApplyToSchema, libraryFileIdSchema, libraryFolderIdSchema, libraryItemName } from '../../common/methods/library.js';
import type { RunContext, TransferQueue } from '../../core/transfers/transfer-queue.js';
import { applyAclToMany } from '../../providers/library/index.js';
import { libraryClientFor, whoami } from '../library-client.js';
import { deleteFolder, planAclApply } from '../library-ops.js';
import { JobItems } from './job-items.js';
import type { RunnerContext } from './index.js';

export const LIBRARY_APPLY_ACL = 'library.applyAcl';
export const LIBRARY_DELETE_FILES = 'library.deleteFiles';
export const LIBRARY_DELETE_FOLDERS = 'library.deleteFolders';

/** Requests in flight at once: the same as the queue's transfers, gentle with the server. */
export const LIBRARY_JOB_CONCURRENCY = 4;

export const libraryApplyAclParams = z.object({ accountId: accountIdSchema, to: libraryApplyToSchema, acl: libraryAclSchema, allowLockout: z.boolean() });
export type LibraryApplyAclParams = z.infer<typeof libraryApplyAclParams>;

export const libraryDeleteFilesParams = z.object({ accountId: accountIdSchema, folder: libraryFolderIdSchema, files: z.array(libraryFileIdSchema).min(1) });
export type LibraryDeleteFilesParams = z.infer<typeof libraryDeleteFilesParams>;

export const libraryDeleteFoldersParams = z.object({
  accountId: accountIdSchema,
  folders: z.array(z.object({ folder: libraryFolderIdSchema, withFiles: z.number().int().min(1).optional() })).min(1),
});
export type LibraryDeleteFoldersParams = z.infer<typeof libraryDeleteFoldersParams>;

/** "12 saved, 2 refused, 30 cancelled" (the outcomes that happened). */
export function describeOutcomes(items: readonly JobItemResult[], okWord: string): string {
  const counts = countOutcomes(items);
  const parts = [`${counts.ok} ${okWord}`];
  if (counts.refused > 0) parts.push(`${counts.refused} refused`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  if (counts.cancelled > 0) parts.push(`${counts.cancelled} not done (cancelled)`);
  return parts.join(', ');
}

export function libraryApplyAclRunner({ accounts, log }: RunnerContext) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const p = libraryApplyAclParams.parse(ctx.params);
    const client = libraryClientFor(accounts, p.accountId);
    // Read again now: the lock-out rule is judged on the items as they are when the job starts, not when queued.
    const { targets, acl } = await planAclApply(client, whoami(accounts, p.accountId), p.to, p.acl, p.allowLockout);
    const items = new JobItems(ctx, targets.map(libraryItemName));
    await applyAclToMany(client, targets, acl, {
      signal: ctx.signal,
      concurrency: LIBRARY_JOB_CONCURRENCY,
      finishInFlight: true,
      onResult: (r, index) =>
        items.record(index, r.ok ? { outcome: 'ok' } : r.error.code === 'cancelled' ? { outcome: 'cancelled', ...errorWords(r.error) } : { outcome: 'refused', ...errorWords(r.error), code: r.error.code }),
    });
    const results = items.finish();
    const counts = countOutcomes(results);
    log.add(counts.refused + counts.cancelled > 0 ? 'warn' : 'info', 'library', `Access list applied in "${p.to.folder}": ${describeOutcomes(results, 'saved')}.`, p.accountId);
    return { items: results };
  };
}

export function libraryDeleteFilesRunner({ accounts, log }: RunnerContext) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const p = libraryDeleteFilesParams.parse(ctx.params);
    const client = libraryClientFor(accounts, p.accountId);
    const items = new JobItems(ctx, p.files.map((file) => libraryItemName({ folder: p.folder, file })));
    // No signal to the request: a delete on the wire finishes, so its result is what the server did.
    await items.run(p.files.map((_, i) => i), LIBRARY_JOB_CONCURRENCY, (i) => client.deleteFile(p.folder, p.files[i] as string));
    const results = items.finish();
    const counts = countOutcomes(results);
    log.add(counts.refused + counts.cancelled > 0 ? 'warn' : 'info', 'library', `Deleting files in "${p.folder}": ${describeOutcomes(results, 'deleted')}.`, p.accountId);
    return { items: results };
  };
}

/** What a delete-folders job counts: each file the user confirmed deleting with its folder, and each folder. */
export function filesAndFolders(folders: LibraryDeleteFoldersParams['folders']): number {
  return folders.reduce((sum, f) => sum + (f.withFiles ?? 0) + 1, 0);
}

export function libraryDeleteFoldersRunner({ accounts, log }: RunnerContext) {
  return async (ctx: RunContext): Promise<TransferResult> => {
    const p = libraryDeleteFoldersParams.parse(ctx.params);
    const client = libraryClientFor(accounts, p.accountId);
    const items = new JobItems(ctx, p.folders.map((f) => f.folder), filesAndFolders(p.folders));
    // One folder at a time: each deletes its own files a few at a time.
    await items.run(p.folders.map((_, i) => i), 1, async (i) => {
      const { folder, withFiles } = p.folders[i] as { folder: string; withFiles?: number };
      const result = await deleteFolder(client, folder, withFiles, () => items.count());
      if (result.ok) return;
      // The folder's reason, then the files that stopped it (20 at most), each with the server's reason.
      const reason = result.error ? sayable(result.error) : phrase('errors:library.folderNotDeleted');
      const files = (result.failedFiles ?? []).flatMap((f) => (f.ok ? [] : [phrase('errors:library.fileRefused', { file: f.target.file ?? '', reason: sayable(f.error) })]));
      const words = files.length > 0 ? wordsOf(phrase('errors:library.folderNotDeletedFiles', { reason, files: files.slice(0, 20) })) : typeof reason === 'string' ? { message: reason } : wordsOf(reason);
      return { outcome: 'refused', ...words, ...(result.error ? { code: result.error.code } : {}) };
    });
    const results = items.finish();
    const counts = countOutcomes(results);
    log.add(counts.refused + counts.cancelled > 0 ? 'warn' : 'info', 'library', `Deleting folders: ${describeOutcomes(results, 'deleted')}.`, p.accountId);
    return { items: results, counted: items.countedDone };
  };
}

export function registerLibraryJobRunners(queue: TransferQueue, context: RunnerContext): void {
  queue.registerRunner(LIBRARY_APPLY_ACL, libraryApplyAclRunner(context));
  queue.registerRunner(LIBRARY_DELETE_FILES, libraryDeleteFilesRunner(context));
  queue.registerRunner(LIBRARY_DELETE_FOLDERS, libraryDeleteFoldersRunner(context));
}
