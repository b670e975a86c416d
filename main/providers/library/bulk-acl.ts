// One ACL applied to many folders and files, with a result for every target: users of other file managers report
// recursive permission changes that silently stop half-way. Here every target ends as saved, failed (with the
// reason) or cancelled, and the caller hears about each one as it happens.
import { toAppError, type AppErrorData } from '../../common/errors.js';
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
}

/** What bulk ACL changes need from a client (LibraryClient has both). */
export interface AclWriter {
  putAcl(target: LibraryTarget, acl: Acl, options?: CallOptions): Promise<unknown>;
}
export interface FolderReader {
  getFolder(folder: string, options?: CallOptions): Promise<LibraryFolderDetails>;
}

function describeTarget(target: LibraryTarget): string {
  return target.file === undefined ? `folder "${target.folder}"` : `file "${target.folder}/${target.file}"`;
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
 * Saves `acl` on every target, one after another. The returned array has one result per target, in the order the
 * targets were given; a cancelled run reports the targets it did not reach as cancelled.
 */
export async function applyAclToMany(client: AclWriter, targets: readonly LibraryTarget[], acl: Acl, options: AclBulkOptions = {}): Promise<AclBulkResult[]> {
  const clean = normalizeAcl(acl);
  const results: AclBulkResult[] = new Array<AclBulkResult>(targets.length);
  for (const index of filesFirst(targets)) {
    const target = targets[index];
    if (!target) continue;
    let result: AclBulkResult;
    if (options.signal?.aborted) {
      result = { target, ok: false, error: { code: 'cancelled', message: `Cancelled before the access list of ${describeTarget(target)} was changed.` } };
    } else {
      try {
        await client.putAcl(target, clean, { signal: options.signal });
        result = { target, ok: true };
      } catch (err) {
        result = { target, ok: false, error: toAppError(err).toData() };
      }
    }
    results[index] = result;
    options.onResult?.(result, index);
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
