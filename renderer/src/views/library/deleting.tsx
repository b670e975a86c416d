// Deleting files and folders: a confirmation that names what goes (a folder's files are looked at first, and a
// folder holding a file this account may not delete is named as kept before anything is sent), then a job in the
// transfer queue (progress and Cancel under Transfers), then a result naming every item that was not deleted.
import { useQueryClient } from '@tanstack/react-query';
import { canAccessFile } from '../../../../main/common/library-acl';
import type { LibraryFileInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import type { JobItemResult } from '../../../../main/common/transfers';
import { messageOf } from '../../bridge';
import { errorText, i18n, Trans, useTranslation } from '../../i18n';
import { Modal } from './dialogs';
import { nameList } from './format';
import type { Notify } from './notices';
import { folderQuery, useDeleteFiles, useDeleteFolders } from './queries';

export interface FolderToDelete {
  name: string;
  files?: string[];
  error?: string;
}

/** The items a job did not do, each with why, for the notice under the toolbar. */
const notDone = (items: readonly JobItemResult[]) =>
  items.flatMap((i) => (i.outcome === 'ok' ? [] : [i18n.t('library:item.why', { name: i.name, why: i.message !== undefined ? errorText({ ...i, message: i.message }) : i18n.t(`library:outcome.${i.outcome}`) })]));

export function useDeleteFlow({ accountId, me, notify }: { accountId: string; me: LibraryWhoami | null; notify: Notify }) {
  const client = useQueryClient();
  // Progress shows in the Transfers list under the table (the job is one of its rows, with Cancel).
  const deleteFiles = useDeleteFiles(accountId, (job) => notify('ok', i18n.t('library:delete.startedFiles', { count: job.bytesTotal ?? 0 })));
  const deleteFolders = useDeleteFolders(accountId, (_job, folders) => notify('ok', i18n.t('library:delete.startedFolders', { count: folders })));

  /** What each folder holds, so the confirmation names what will go; a folder with a file we may not delete is kept. */
  const lookInside = (names: readonly string[]): Promise<FolderToDelete[]> =>
    Promise.all(
      names.map(async (name): Promise<FolderToDelete> => {
        try {
          const view = await client.fetchQuery(folderQuery(accountId, name));
          const locked = me ? view.files.filter((f) => !canAccessFile(f, view.folder, 'write', me.userId, me.appId)).map((f) => f.name) : [];
          if (locked.length > 0) return { name, error: i18n.t('library:delete.lockedFiles', { count: locked.length, names: nameList(locked, 3) }) };
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
      if (job.state === 'failed' && items.length === 0) notify('bad', i18n.t('library:delete.nothing', { error: job.error ? errorText(job.error) : '' }));
      else if (missed.length === 0) notify('ok', i18n.t('library:delete.doneFiles', { count: done }));
      else if (job.state === 'cancelled') notify('warn', i18n.t('library:delete.cancelledFiles', { done, count: items.length }), missed);
      else notify('bad', i18n.t('library:delete.partFiles', { done, count: items.length, missed: missed.length }), missed);
    } catch (err) {
      notify('bad', i18n.t('library:delete.nothing', { error: messageOf(err) }));
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
      if (job.state === 'failed' && items.length === 0) notify('bad', i18n.t('library:delete.nothing', { error: job.error ? errorText(job.error) : '' }));
      else if (missed.length === 0) {
        const files = readable.reduce((n, f) => n + (f.files?.length ?? 0), 0);
        const inThem = i18n.t('library:count.files', { count: files });
        notify('ok', files > 0 ? i18n.t('library:delete.doneFoldersAndFiles', { count: done, files: inThem }) : i18n.t('library:delete.doneFolders', { count: done }));
      }
      else {
        const level = job.state === 'cancelled' ? 'warn' : 'bad';
        notify(level, done > 0 ? i18n.t('library:delete.partFolders', { count: missed.length, deleted: i18n.t('library:count.folders', { count: done }) }) : i18n.t('library:delete.failedFolders', { count: missed.length }), missed);
      }
    } catch (err) {
      notify('bad', i18n.t('library:delete.nothing', { error: messageOf(err) }));
    }
  };

  return { lookInside, deleteFilesNow, deleteFoldersNow };
}

export function DeleteFilesDialog({ folder, files, onCancel, onConfirm }: { folder: string; files: LibraryFileInfo[]; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation(['library', 'common']);
  return (
    <Modal
      title={files.length === 1 ? t('delete.fileTitle', { name: files[0]?.name ?? '' }) : t('delete.filesTitle', { count: files.length })}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" autoFocus onClick={onCancel}>{t('common:action.cancel')}</button>
          <button type="button" className="danger" onClick={onConfirm}>
            {t('delete.filesButton', { count: files.length })}
          </button>
        </>
      }
    >
      <p>
        <Trans t={t} i18nKey="delete.fromFolder" values={{ folder, names: nameList(files.map((f) => f.name), 10) }} components={{ folder: <strong /> }} />
      </p>
      <p>{t('delete.forEveryone', { count: files.length })}</p>
    </Modal>
  );
}

export function DeleteFoldersDialog({ folders, loading, onCancel, onConfirm }: { folders: FolderToDelete[]; loading: boolean; onCancel: () => void; onConfirm: (list: FolderToDelete[]) => void }) {
  const readable = folders.filter((f) => f.files !== undefined);
  const fileTotal = readable.reduce((n, f) => n + (f.files?.length ?? 0), 0);
  const { t } = useTranslation(['library', 'common']);
  const single = folders.length === 1 ? folders[0] : undefined;
  const label =
    readable.length === 0
      ? t('common:action.delete')
      : fileTotal === 0
        ? t('delete.foldersButton', { count: readable.length })
        : readable.length === 1
          ? t('delete.folderAndFilesButton', { count: fileTotal })
          : t('delete.foldersAndFilesButton', { folders: t('count.folders', { count: readable.length }), count: fileTotal });
  return (
    <Modal
      title={single ? t('delete.folderTitle', { name: single.name }) : t('delete.foldersTitle', { count: folders.length })}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" autoFocus onClick={onCancel}>{t('common:action.cancel')}</button>
          <button type="button" className="danger" disabled={loading || readable.length === 0} onClick={() => onConfirm(folders)}>
            {loading ? t('delete.lookingButton') : label}
          </button>
        </>
      }
    >
      {loading ? <p role="status">{t('delete.looking')}</p> : null}
      <ul className="delete-list">
        {folders.map((f) => (
          <li key={f.name}>
            <strong className="mono">{f.name}</strong>
            {f.error ? (
              <span className="error"> — {t('delete.cannot', { error: f.error })}</span>
            ) : f.files === undefined ? null : f.files.length === 0 ? (
              <span className="subtle"> — {t('delete.empty')}</span>
            ) : (
              <span> — {t('delete.holds', { count: f.files.length, names: nameList(f.files, 6) })}</span>
            )}
          </li>
        ))}
      </ul>
      {fileTotal > 0 ? (
        <p>{t('delete.filesFirst')}</p>
      ) : null}
      <p>{t('delete.cannotUndo')}</p>
    </Modal>
  );
}
