// One ACL applied to many folders and files, with a result for every target: users of other file managers report
// recursive permission changes that silently stop half-way. Here every target ends as saved, failed (with the
// reason) or cancelled, and the caller hears about each one as it happens.
import { AppError, toAppError, type AppErrorData } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { normalizeAcl, type Acl } from '../../common/library-acl.js';
import type { CallOptions } from './client.js';
import type { LibraryTarget } from './paths.js';
import type { LibraryFolderDetails } from './schemas.js';

export type AclBulkResult =
  | { target: LibraryTarget; ok: true }
  | { target: LibraryTarget; ok: false; error: AppErrorData };

export interface AclBulkOptions {
  signal?: AbortSignal;
  onResult?: (result: AclBulkResult, index: number) => void;
  /** Saves in flight at once (1 by default); the folders still wait until every file is done. */
  concurrency?: number;
  /**
   * Let a save already sent finish when the signal fires, so that its result is what the server did; by default it
   * is aborted. Either way no save starts after the signal.
   */
  finishInFlight?: boolean;
}

/** What bulk ACL changes need from a client (LibraryClient has both). */
export interface AclWriter {
  putAcl(target: LibraryTarget, acl: Acl, options?: CallOptions): Promise<unknown>;
}
export interface FolderReader {
  getFolder(folder: string, options?: CallOptions): Promise<LibraryFolderDetails>;
}

/**
 * Files go before folders: a folder's new ACL may take away the caller's write access, and files without an ACL
 * of their own follow their folder, so changing the folder first could lock the caller out of the rest.
 */
function filesFirst(targets: readonly LibraryTarget[]): number[] {
  const order = targets.map((_, index) => index);
  return [...order.filter((i) => targets[i]?.file !== undefined), ...order.filter((i) => targets[i]?.file === undefined)];
}

/**
 * Saves `acl` on every target, a few at a time (files first, then folders). The returned array has one result per
 * target, in the order the targets were given; a cancelled run reports the targets it did not reach as cancelled.
 */
export async function applyAclToMany(client: AclWriter, targets: readonly LibraryTarget[], acl: Acl, options: AclBulkOptions = {}): Promise<AclBulkResult[]> {
  const clean = normalizeAcl(acl);
  const results: AclBulkResult[] = new Array<AclBulkResult>(targets.length);
  const { signal } = options;
  const save = async (index: number): Promise<void> => {
    const target = targets[index];
    if (!target) return;
    let result: AclBulkResult;
    if (signal?.aborted) {
      const key = target.file === undefined ? 'errors:library.aclCancelledFolder' : 'errors:library.aclCancelledFile';
      result = { target, ok: false, error: new AppError('cancelled', phrase(key, { name: target.file === undefined ? target.folder : `${target.folder}/${target.file}` })).toData() };
    } else {
      try {
        await client.putAcl(target, clean, options.finishInFlight ? {} : { signal });
        result = { target, ok: true };
      } catch (err) {
        result = { target, ok: false, error: toAppError(err).toData() };
      }
    }
    results[index] = result;
    options.onResult?.(result, index);
  };
  const order = filesFirst(targets);
  const files = order.filter((i) => targets[i]?.file !== undefined);
  const folders = order.filter((i) => targets[i]?.file === undefined);
  const limit = Math.max(1, options.concurrency ?? 1);
  for (const group of [files, folders]) {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < group.length) await save(group[next++] as number);
    };
    await Promise.all(Array.from({ length: Math.min(limit, group.length) }, worker));
  }
  return results;
}

/** A folder and every file in it, as targets for applyAclToMany. */
export async function folderAndFiles(client: FolderReader, folder: string, options: CallOptions = {}): Promise<LibraryTarget[]> {
  const details = await client.getFolder(folder, options);
  return [{ folder }, ...details.files.map((file) => ({ folder, file: file.name }))];
}

export function summarizeBulkResults(results: readonly AclBulkResult[]): { saved: number; failed: number; cancelled: number } {
  let saved = 0;
  let failed = 0;
  let cancelled = 0;
  for (const result of results) {
    if (result.ok) saved += 1;
    else if (result.error.code === 'cancelled') cancelled += 1;
    else failed += 1;
  }
  return { saved, failed, cancelled };
}
