// Deleting files and folders: a confirmation that names what goes (a folder's files are looked at first, and a
// folder holding a file this account may not delete is named as kept before anything is sent), then a result.
import { useQueryClient } from '@tanstack/react-query';
import { canAccessFile } from '../../../../main/common/library-acl';
import type { LibraryFileInfo, LibraryTargetResult, LibraryWhoami } from '../../../../main/common/methods/library';
import { messageOf } from '../../bridge';
import { Modal } from './dialogs';
import { nameList, plural } from './format';
import type { Notify } from './notices';
import { folderQuery, useDeleteFiles, useDeleteFolders } from './queries';

export interface FolderToDelete {
  name: string;
  files?: string[];
  error?: string;
}

const failures = (results: readonly LibraryTargetResult[]) => results.flatMap((r) => (r.ok ? [] : [`${r.target.file ?? r.target.folder}: ${r.error.message}`]));

export function useDeleteFlow({ accountId, me, notify }: { accountId: string; me: LibraryWhoami | null; notify: Notify }) {
  const client = useQueryClient();
  const deleteFiles = useDeleteFiles(accountId);
  const deleteFolders = useDeleteFolders(accountId);

  /** What each folder holds, so the confirmation names what will go; a folder with a file we may not delete is kept. */
  const lookInside = (names: readonly string[]): Promise<FolderToDelete[]> =>
    Promise.all(
      names.map(async (name): Promise<FolderToDelete> => {
        try {
          const view = await client.fetchQuery(folderQuery(accountId, name));
          const locked = me ? view.files.filter((f) => !canAccessFile(f, view.folder, 'write', me.userId, me.appId)).map((f) => f.name) : [];
          if (locked.length > 0) return { name, error: `you may not delete ${plural(locked.length, 'file')} in it (${nameList(locked, 3)})` };
          return { name, files: view.files.map((x) => x.name) };
        } catch (err) {
          return { name, error: messageOf(err) };
        }
      }),
    );

  const deleteFilesNow = async (folder: string, files: LibraryFileInfo[]) => {
    try {
      const results = await deleteFiles.mutateAsync({ folder, files: files.map((f) => f.name) });
      const failed = failures(results);
      const done = results.length - failed.length;
      if (failed.length === 0) notify('ok', `Deleted ${plural(done, 'file')}.`);
      else notify('bad', `Deleted ${done.toLocaleString()} of ${plural(results.length, 'file')}; ${failed.length.toLocaleString()} could not be deleted:`, failed);
    } catch (err) {
      notify('bad', `Nothing was deleted: ${messageOf(err)}`);
    }
  };

  const deleteFoldersNow = async (list: FolderToDelete[]) => {
    const readable = list.filter((f) => f.files !== undefined);
    if (readable.length === 0) return;
    try {
      const results = await deleteFolders.mutateAsync(readable.map((f) => (f.files && f.files.length > 0 ? { folder: f.name, withFiles: f.files.length } : { folder: f.name })));
      const ok = results.filter((r) => r.ok);
      const bad = results.filter((r) => !r.ok);
      const lines = bad.flatMap((r) => [`${r.folder}: ${r.error?.message ?? 'not deleted'}`, ...(r.failedFiles ?? []).flatMap((f) => (f.ok ? [] : [`  ${f.target.file}: ${f.error.message}`]))]);
      const deletedFiles = ok.reduce((n, r) => n + r.deletedFiles, 0);
      if (bad.length === 0) notify('ok', `Deleted ${plural(ok.length, 'folder')}${deletedFiles > 0 ? ` and ${plural(deletedFiles, 'file')} in them` : ''}.`);
      else notify('bad', `${plural(bad.length, 'folder')} could not be deleted${ok.length > 0 ? ` (${plural(ok.length, 'folder')} deleted)` : ''}:`, lines);
    } catch (err) {
      notify('bad', `Nothing was deleted: ${messageOf(err)}`);
    }
  };

  return { lookInside, deleteFilesNow, deleteFoldersNow };
}

export function DeleteFilesDialog({ folder, files, onCancel, onConfirm }: { folder: string; files: LibraryFileInfo[]; onCancel: () => void; onConfirm: () => void }) {
  return (
    <Modal
      title={files.length === 1 ? `Delete "${files[0]?.name}"?` : `Delete ${plural(files.length, 'file')}?`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" autoFocus onClick={onCancel}>Cancel</button>
          <button type="button" className="danger" onClick={onConfirm}>
            {files.length === 1 ? 'Delete file' : `Delete ${plural(files.length, 'file')}`}
          </button>
        </>
      }
    >
      <p>
        From folder <strong>{folder}</strong>: {nameList(files.map((f) => f.name), 10)}.
      </p>
      <p>They are deleted from the library for everyone. This cannot be undone.</p>
    </Modal>
  );
}

export function DeleteFoldersDialog({ folders, loading, onCancel, onConfirm }: { folders: FolderToDelete[]; loading: boolean; onCancel: () => void; onConfirm: (list: FolderToDelete[]) => void }) {
  const readable = folders.filter((f) => f.files !== undefined);
  const fileTotal = readable.reduce((n, f) => n + (f.files?.length ?? 0), 0);
  const single = folders.length === 1 ? folders[0] : undefined;
  const what = readable.length === 1 ? 'folder' : plural(readable.length, 'folder');
  const label =
    readable.length === 0
      ? 'Delete'
      : fileTotal === 0
        ? `Delete ${what}`
        : readable.length === 1
          ? `Delete folder and its ${plural(fileTotal, 'file')}`
          : `Delete ${what} and their ${plural(fileTotal, 'file')}`;
  return (
    <Modal
      title={single ? `Delete folder "${single.name}"?` : `Delete ${plural(folders.length, 'folder')}?`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" autoFocus onClick={onCancel}>Cancel</button>
          <button type="button" className="danger" disabled={loading || readable.length === 0} onClick={() => onConfirm(folders)}>
            {loading ? 'Looking inside…' : label}
          </button>
        </>
      }
    >
      {loading ? <p role="status">Looking at what the folders hold…</p> : null}
      <ul className="delete-list">
        {folders.map((f) => (
          <li key={f.name}>
            <strong className="mono">{f.name}</strong>
            {f.error ? (
              <span className="error"> — cannot be deleted: {f.error}</span>
            ) : f.files === undefined ? null : f.files.length === 0 ? (
              <span className="subtle"> — empty</span>
            ) : (
              <span> — holds {plural(f.files.length, 'file')}: {nameList(f.files, 6)}</span>
            )}
          </li>
        ))}
      </ul>
      {fileTotal > 0 ? (
        <p>
          The library refuses to delete a folder that still holds files, so its files are deleted first, then the folder. If a file cannot be deleted, the folder
          is kept and you are told which file and why.
        </p>
      ) : null}
      <p>This cannot be undone.</p>
    </Modal>
  );
}
