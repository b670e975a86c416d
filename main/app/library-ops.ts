// Media library operations that take more than one request: folder views with the folder's own properties,
// deletes of many files or of a folder with its files (a result for each), access lists read with what the
// rules need, saves guarded against locking the user out, and the plan of one list applied to many targets (the
// applying itself is a job: runners/library-jobs.ts).
import { AppError, toAppError, wordsOf } from '../common/errors.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import { findLockout, hasOwnAcl, lockoutError, lockoutLabel, normalizeAcl, type Acl, type AclChange } from '../common/library-acl.js';
import type {
  LibraryAclState,
  LibraryDeleteFolderResult,
  LibraryFolderView,
  LibraryTarget,
  LibraryTargetResult,
  LibraryWhoami,
} from '../common/methods/library.js';
import { type LibraryClient, type LibraryFile, type LibraryItemInfo } from '../providers/library/index.js';
import { fileInfo, folderInfo } from './library-client.js';

type Me = Pick<LibraryWhoami, 'userId' | 'appId'>;

/** Runs `task` over `items` with at most `limit` at once; results keep the items' order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function isRefusal(err: unknown): boolean {
  const code = err instanceof AppError ? err.code : undefined;
  return code === 'forbidden' || code === 'not_found';
}

function describeTarget(target: LibraryTarget): string {
  return target.file === undefined ? `folder "${target.folder}"` : `"${target.folder}/${target.file}"`;
}

function nameList(names: readonly string[], max = 5): Phrase | string {
  const shown = names.slice(0, max).map((n) => `"${n}"`).join(', ');
  return names.length > max ? phrase('errors:library.acl.andMore', { items: shown, more: names.length - max }) : shown;
}

/** The folder's files, and its own properties (from its access list: the listing may not carry them). */
export async function folderView(client: LibraryClient, folder: string): Promise<LibraryFolderView> {
  const [details, own] = await Promise.all([
    client.getFolder(folder),
    client.getAcl({ folder }).catch((err: unknown) => {
      if (isRefusal(err)) return null;
      throw err;
    }),
  ]);
  const props = own ?? details.folder;
  return {
    folder: folderInfo({ ...details.folder, ...props, id: props.id || folder, name: folder }),
    files: details.files.map(fileInfo),
  };
}

// ---- deleting ----

/** `onDeleted`: called as each file is deleted (a job's progress). */
export async function deleteFiles(client: LibraryClient, folder: string, files: readonly string[], onDeleted?: () => void): Promise<LibraryTargetResult[]> {
  return mapLimited(files, 4, async (file): Promise<LibraryTargetResult> => {
    const target = { folder, file };
    try {
      await client.deleteFile(folder, file);
      onDeleted?.();
      return { target, ok: true };
    } catch (err) {
      return { target, ok: false, error: toAppError(err).toData() };
    }
  });
}

/** `onDeleted`: called as each of its files, then the folder, is deleted (a job's progress). */
export async function deleteFolder(client: LibraryClient, folder: string, withFiles: number | undefined, onDeleted?: () => void): Promise<LibraryDeleteFolderResult> {
  let files: LibraryFile[];
  try {
    files = (await client.getFolder(folder)).files;
  } catch (err) {
    return { folder, ok: false, fileCount: 0, deletedFiles: 0, error: toAppError(err).toData() };
  }
  const fileCount = files.length;
  const refuse = (said: Phrase): LibraryDeleteFolderResult => ({ folder, ok: false, fileCount, deletedFiles: 0, error: { code: 'conflict', ...wordsOf(said) } });
  let deletedFiles = 0;
  if (fileCount > 0) {
    if (withFiles === undefined) {
      return refuse(phrase('errors:library.folderHoldsFiles', { folder, count: fileCount }));
    }
    if (withFiles !== fileCount) {
      return refuse(phrase('errors:library.folderCountChanged', { folder, count: fileCount, confirmed: withFiles }));
    }
    const results = await deleteFiles(client, folder, files.map((f) => f.name), onDeleted);
    const failedFiles = results.filter((r) => !r.ok);
    deletedFiles = fileCount - failedFiles.length;
    if (failedFiles.length > 0) {
      const names = failedFiles.map((r) => r.target.file ?? '');
      return {
        folder,
        ok: false,
        fileCount,
        deletedFiles,
        failedFiles,
        error: {
          code: failedFiles.every((r) => !r.ok && r.error.code === 'forbidden') ? 'forbidden' : 'conflict',
          ...wordsOf(phrase('errors:library.filesNotDeleted', { failed: failedFiles.length, count: fileCount, folder, names: nameList(names) })),
        },
      };
    }
  }
  try {
    await client.deleteFolder(folder);
    onDeleted?.();
    return { folder, ok: true, fileCount, deletedFiles };
  } catch (err) {
    return { folder, ok: false, fileCount, deletedFiles, error: toAppError(err).toData() };
  }
}

// ---- access lists ----

function stateFrom(target: LibraryTarget, info: LibraryItemInfo): LibraryAclState {
  const state: LibraryAclState = { target, id: info.id, acl: info.acl, ownAcl: hasOwnAcl(info.acl), reloaded: true };
  if (info.createdBy !== undefined) state.createdBy = info.createdBy;
  if (info.createdWith !== undefined) state.createdWith = info.createdWith;
  if (info.createdOn !== undefined) state.createdOn = info.createdOn;
  return state;
}

/** The target's list as the server has it; for a file, its folder's too (null when it cannot be read). */
export async function readAclState(client: LibraryClient, target: LibraryTarget): Promise<LibraryAclState> {
  const clean: LibraryTarget = target.file === undefined ? { folder: target.folder } : { folder: target.folder, file: target.file };
  if (clean.file === undefined) return stateFrom(clean, await client.getAcl(clean));
  const [info, folder] = await Promise.all([
    client.getAcl(clean),
    client.getAcl({ folder: clean.folder }).catch((err: unknown) => {
      if (isRefusal(err)) return null;
      throw err;
    }),
  ]);
  const state = stateFrom(clean, info);
  state.folderAcl = folder ? folder.acl : null;
  if (folder?.createdBy !== undefined) state.folderCreatedBy = folder.createdBy;
  return state;
}

/**
 * Saves `acl` on the target. A change that takes away the caller's own read or write access is refused unless
 * the user confirmed it (`allowLockout`). Answers with the state read back from the server.
 */
export async function saveAcl(client: LibraryClient, me: Me, target: LibraryTarget, acl: Acl, allowLockout: boolean): Promise<LibraryAclState> {
  const clean = normalizeAcl(acl);
  const before = await readAclState(client, target);
  const folderAcl = before.target.file === undefined ? undefined : (before.folderAcl ?? null);
  const change: AclChange = {
    label: describeTarget(before.target),
    createdBy: before.createdBy,
    before: before.acl,
    after: clean,
    ...(folderAcl !== undefined ? { folder: { before: folderAcl, after: folderAcl } } : {}),
  };
  const lockout = findLockout(me, [change]);
  if (lockout && !allowLockout) throw lockoutError(lockout, phrase('errors:library.acl.confirmSave'));
  await client.putAcl(before.target, clean);
  try {
    return await readAclState(client, before.target);
  } catch (err) {
    // Saved, but the new list no longer lets this user read it back.
    if (!(err instanceof AppError && err.code === 'forbidden')) throw err;
    return { ...before, acl: clean, ownAcl: hasOwnAcl(clean), reloaded: false };
  }
}

export type ApplyTo = { kind: 'files'; folder: string; files: string[] } | { kind: 'folderAndFiles'; folder: string };

/**
 * One list for several files of a folder, or for a folder and every file in it: the targets, in order (the folder
 * first, when it is one, then its files). Targets the caller would lock himself out of are named and refused
 * unless `allowLockout`: the rule covers every item of the batch, read as the server has them now.
 */
export async function planAclApply(client: LibraryClient, me: Me, to: ApplyTo, acl: Acl, allowLockout: boolean): Promise<{ targets: LibraryTarget[]; acl: Acl }> {
  const clean = normalizeAcl(acl);
  const view = await folderView(client, to.folder);
  const byName = new Map(view.files.map((f) => [f.name, f]));
  const fileNames = to.kind === 'files' ? [...new Set(to.files)] : view.files.map((f) => f.name);
  const targets: LibraryTarget[] = [...(to.kind === 'folderAndFiles' ? [{ folder: to.folder }] : []), ...fileNames.map((file) => ({ folder: to.folder, file }))];

  const folderBefore = view.folder.acl;
  const folderAfter = to.kind === 'folderAndFiles' ? clean : folderBefore;
  const changes: AclChange[] = [];
  if (to.kind === 'folderAndFiles') changes.push({ label: lockoutLabel.folder(to.folder), createdBy: view.folder.createdBy, before: folderBefore, after: clean });
  for (const name of fileNames) {
    const file = byName.get(name);
    // Not listed: no list and no creator, so no access to lose, but it counts among the items; its result says not found.
    if (!file) changes.push({ label: lockoutLabel.file(name), before: null, after: clean, folder: { before: null, after: null } });
    else changes.push({ label: lockoutLabel.file(name), createdBy: file.createdBy, before: file.acl, after: clean, folder: { before: folderBefore, after: folderAfter } });
  }
  const lockout = findLockout(me, changes);
  if (lockout && !allowLockout) throw lockoutError(lockout, phrase('errors:library.acl.confirmApply'));
  return { targets, acl: clean };
}
