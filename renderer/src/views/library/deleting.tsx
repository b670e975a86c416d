// Deleting files and folders: a confirmation that names what goes (a folder's files are looked at first, and a
// folder holding a file this account may not delete is named as kept before anything is sent), then a job in the
// transfer queue (progress and Cancel under Transfers), then a result naming every item that was not deleted.
import { useQueryClient } from '@tanstack/react-query';
import { canAccessFile } from '../../../../main/common/library-acl';
import type { LibraryFileInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import type { JobItemResult } from '../../../../main/common/transfers';
import { ITEM_OUTCOME_LABEL } from '../../components/JobProgress';
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

/** The items a job did not do, each with why, for the notice under the toolbar. */
const notDone = (items: readonly JobItemResult[]) => items.flatMap((i) => (i.outcome === 'ok' ? [] : [`${i.name}: ${i.message ?? ITEM_OUTCOME_LABEL[i.outcome]}`]));

export function useDeleteFlow({ accountId, me, notify }: { accountId: string; me: LibraryWhoami | null; notify: Notify }) {
  const client = useQueryClient();
  // Progress shows in the Transfers list under the table (the job is one of its rows, with Cancel).
  const deleteFiles = useDeleteFiles(accountId, (job) => notify('ok', `Deleting ${plural(job.bytesTotal ?? 0, 'file')}; progress and Cancel are under Transfers below.`));
  const deleteFolders = useDeleteFolders(accountId, (job) => notify('ok', `Deleting ${plural(job.bytesTotal ?? 0, 'folder')}; progress and Cancel are under Transfers below.`));

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
      const job = await deleteFiles.mutateAsync({ folder, files: files.map((f) => f.name) });
      const items = job.result?.items ?? [];
      const missed = notDone(items);
      const done = items.length - missed.length;
      if (job.state === 'failed' && items.length === 0) notify('bad', `Nothing was deleted: ${job.error?.message ?? ''}`);
      else if (missed.length === 0) notify('ok', `Deleted ${plural(done, 'file')}.`);
      else if (job.state === 'cancelled') notify('warn', `Cancelled: deleted ${done.toLocaleString()} of ${plural(items.length, 'file')}; the others are still there:`, missed);
      else notify('bad', `Deleted ${done.toLocaleString()} of ${plural(items.length, 'file')}; ${missed.length.toLocaleString()} could not be deleted:`, missed);
    } catch (err) {
      notify('bad', `Nothing was deleted: ${messageOf(err)}`);
    }
  };

  const deleteFoldersNow = async (list: FolderToDelete[]) => {
    const readable = list.filter((f) => f.files !== undefined);
    if (readable.length === 0) return;
    try {
      const job = await deleteFolders.mutateAsync(readable.map((f) => (f.files && f.files.length > 0 ? { folder: f.name, withFiles: f.files.length } : { folder: f.name })));
      const items = job.result?.items ?? [];
      const missed = notDone(items);
      const done = items.length - missed.length;
      if (job.state === 'failed' && items.length === 0) notify('bad', `Nothing was deleted: ${job.error?.message ?? ''}`);
      else if (missed.length === 0) {
        const files = readable.reduce((n, f) => n + (f.files?.length ?? 0), 0);
        notify('ok', `Deleted ${plural(done, 'folder')}${files > 0 ? ` and ${plural(files, 'file')} in them` : ''}.`);
      }
      else notify(job.state === 'cancelled' ? 'warn' : 'bad', `${plural(missed.length, 'folder')} could not be deleted${done > 0 ? ` (${plural(done, 'folder')} deleted)` : ''}:`, missed);
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
