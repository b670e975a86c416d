// The media library browser: the domain's folders and a folder's files in one sortable, filterable, virtualized
// table with breadcrumbs and the keyboard; create and delete; upload by dropping onto the folder view or a folder
// row; download to a chosen folder; details with previews and the voicemail; the access-list editor. Server state
// comes from the query cache (queries.ts); this keeps only what is on screen: the open folder, the selection, the
// filter, the open dialog.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n';
import type { AccountSummary } from '../../../../main/common/accounts';
import { knownPrincipals } from '../../../../main/common/library-acl';
import type { LibraryFileInfo } from '../../../../main/common/methods/library';
import { messageOf } from '../../bridge';
import { useNoticeWhile } from '../../store/notices-store';
import { MOD_KEY } from '../../hooks/grid-keys';
import { libraryActions, uploadAction } from './access';
import { useDeleteFlow } from './deleting';
import { DetailsPanel } from './DetailsPanel';
import { fileRows, folderRows, type Row, type Sort } from './format';
import { LibraryBody } from './LibraryBody';
import { aclScopeFor, LibraryDialogs, type Dialog } from './LibraryDialogs';
import { LibraryLoadError } from './LibraryLoadError';
import { LibraryToolbar } from './LibraryToolbar';
import { LibraryTransfers } from './LibraryTransfers';
import { useLibraryNotices } from './notices';
import { libraryKeys, useCreateFolder, useFolder, useFolders, useLibraryTransferEvents, useWhoami } from './queries';
import { useDownloadFlow, useUploadFlow, type AskConflicts } from './transfers-flow';
import { useDropNotice, useLibraryDrop } from './useLibraryDrop';
import { libraryKeyHandlers } from './library-keys';
import { useRememberedFolder } from './useRememberedFolder';
import { LibraryReaderContext } from './library-reader';
import { NO_SELECTION, only, useRowSelection } from './useRowSelection';
import './library.css';

export function LibraryPanel({ account }: { account: AccountSummary }) {
  const me = useWhoami(account.id).data;
  const reader = useMemo(() => ({ userId: me?.userId, appId: me?.appId }), [me?.userId, me?.appId]);
  return (
    <LibraryReaderContext.Provider value={reader}>
      <LibraryPanelBody account={account} />
    </LibraryReaderContext.Provider>
  );
}

function LibraryPanelBody({ account }: { account: AccountSummary }) {
  const accountId = account.id;
  const { t, i18n } = useTranslation('library');
  const client = useQueryClient();
  const me = useWhoami(accountId).data ?? null;
  const foldersQuery = useFolders(accountId);
  const [current, setCurrent] = useRememberedFolder(accountId, foldersQuery.data);
  const folderQuery = useFolder(accountId, current);
  const folders = foldersQuery.data;
  const view = current !== null ? folderQuery.data : undefined;
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const [filter, setFilter] = useState('');
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const notify = useLibraryNotices(accountId, current);
  const focusGrid = useCallback(() => setFocusToken((n) => n + 1), []);
  useLibraryTransferEvents();

  // ---- moving between the folders and a folder ----

  const openFolder = (name: string) => {
    if (name !== current) {
      setSelection(NO_SELECTION);
      setFilter('');
    }
    setCurrent(name);
    focusGrid();
  };
  const goUp = () => {
    if (current === null) return;
    setSelection(only(`d:${current}`));
    setFilter('');
    setCurrent(null);
    focusGrid();
  };
  const refresh = () => void client.invalidateQueries({ queryKey: current ? libraryKeys.folder(accountId, current) : libraryKeys.folders(accountId) });

  // ---- rows and selection ----

  // The rows carry their type's name in the window's language: made again when it changes.
  const language = i18n.language;
  const rows = useMemo(() => (current !== null ? (view ? fileRows(view.files, language) : []) : folders ? folderRows(folders, language) : []), [language, current, view, folders]);
  const { shown, setSelection, gridSelection, onGridSelection, selectedRows, activeRow, targets } = useRowSelection(rows, filter, sort);
  // Only the access-list editor needs them: not gathered from 10,000 files each time a folder opens.
  const aclOpen = dialog?.kind === 'acl';
  const knownUsers = useMemo(() => (aclOpen ? knownPrincipals([...(folders ?? []), ...(view ? [view.folder, ...view.files] : [])]).users : []), [aclOpen, folders, view]);
  const openedFolder = view?.folder ?? null;

  // ---- what the access lists allow ----

  const actions = libraryActions(targets, openedFolder, current === null, me);

  // ---- dialogs: closing one gives the focus back to the table's active row ----

  const closeDetails = () => {
    setDetailsOpen(false);
    focusGrid();
  };
  const closeDialog = useCallback(() => {
    setDialog(null);
    focusGrid();
  }, [focusGrid]);
  const askConflicts: AskConflicts = (names, where) =>
    new Promise((resolve) => {
      setDialog({
        kind: 'conflict',
        names,
        where,
        resolve: (decisions) => {
          closeDialog();
          resolve(decisions);
        },
      });
    });

  // ---- uploads, downloads, deletes ----

  const flow = { accountId, me, folders, notify, askConflicts };
  const uploadFiles = useUploadFlow(flow);
  const { startDownload: downloadFrom, queueDownloads } = useDownloadFlow(flow);
  const { lookInside, deleteFilesNow, deleteFoldersNow } = useDeleteFlow({ accountId, me, notify });
  const createFolder = useCreateFolder(accountId);

  const { dragging, overFolder } = useLibraryDrop((files, rowFolder) => {
    const target = rowFolder ?? current;
    if (!target) {
      notify('warn', t('drop.noFolder'));
      return;
    }
    void uploadFiles(files, target);
  });
  const dropTarget = overFolder ?? current;
  // Said in the notice area while its cause lasts: the drag, a folder list that could not be read again.
  useDropNotice(dragging, dropTarget, dropTarget ? uploadAction(dropTarget === current ? openedFolder : folders?.find((f) => f.name === dropTarget), me) : null);
  useNoticeWhile(`library:${accountId}:folders-error`, foldersQuery.error && folders ? { level: 'error', text: t('folders.rereadFailed', { error: messageOf(foldersQuery.error) }) } : null);

  const startDownload = () => {
    if (current === null || !actions.download.enabled) return;
    const files = targets.flatMap((r) => (r.kind === 'file' ? [r.item] : []));
    void downloadFrom(current, files, (grant) => setDialog({ kind: 'downloadFolder', folder: current, files, grant }), () => setDialog(null));
  };

  const startDelete = async () => {
    if (targets.length === 0 || !actions.delete.enabled) return;
    if (current !== null) {
      setDialog({ kind: 'deleteFiles', folder: current, files: targets.map((r) => r.item as LibraryFileInfo) });
      return;
    }
    const names = targets.map((r) => r.name);
    setDialog({ kind: 'deleteFolders', folders: names.map((name) => ({ name })), loading: true });
    const looked = await lookInside(names);
    setDialog((d) => (d?.kind === 'deleteFolders' ? { kind: 'deleteFolders', folders: looked, loading: false } : d));
  };

  const openPermissions = (forFolder = false) => {
    const scope = aclScopeFor(targets, current, view, actions, forFolder);
    if (scope) setDialog({ kind: 'acl', scope });
  };

  // ---- keyboard ----

  const openRow = (row: Row) => {
    if (row.kind === 'folder') openFolder(row.name);
    else {
      setSelection(only(row.key));
      setDetailsOpen(true);
    }
  };
  const { command, onPanelKey } = libraryKeyHandlers({
    detailsOpen,
    closeDetails,
    toggleDetails: () => setDetailsOpen((open) => !open),
    goUp: () => {
      if (current === null) return false;
      goUp();
      return true;
    },
    activeRow,
    openRow,
    startDelete: () => void startDelete(),
  });

  // ---- rendering ----

  if (foldersQuery.error && !folders) return <LibraryLoadError accountId={accountId} error={foldersQuery.error} onRetry={() => void foldersQuery.refetch()} />;

  const domain = me?.domain ?? (account.kind === 'library' ? account.domain : '');
  const loading = current !== null ? (folderQuery.isFetching ? t('status.opening', { folder: current }) : null) : foldersQuery.isFetching ? t('status.loadingFolders') : null;

  return (
    <div className={`library-panel${dragging ? ' dragging' : ''}`} onKeyDown={onPanelKey}>
      <LibraryToolbar
        domain={domain}
        current={current}
        filter={filter}
        onFilter={setFilter}
        onGoUp={goUp}
        onIntoGrid={focusGrid}
        actions={actions}
        onUpload={(files) => current !== null && void uploadFiles(files, current)}
        onDownload={startDownload}
        onPermissions={openPermissions}
        onNewFolder={() => setDialog({ kind: 'newFolder' })}
        onDelete={() => void startDelete()}
        detailsOpen={detailsOpen}
        onToggleDetails={() => setDetailsOpen((o) => !o)}
        modKey={MOD_KEY}
        refreshing={loading !== null}
        onRefresh={refresh}
      />

      <div className={`lib-main${detailsOpen ? ' with-details' : ''}`}>
        <LibraryBody
          accountId={accountId}
          domain={domain}
          openFolder={openedFolder}
          current={current}
          pending={current !== null ? folderQuery.isPending : foldersQuery.isPending}
          folderError={current !== null && folderQuery.error ? messageOf(folderQuery.error) : null}
          onRetry={() => void folderQuery.refetch()}
          onGoUp={goUp}
          loading={loading}
          rows={rows}
          shown={shown}
          filter={filter}
          onClearFilter={() => setFilter('')}
          sort={sort}
          onSort={setSort}
          selection={gridSelection}
          selectedCount={selectedRows.length}
          onSelection={onGridSelection}
          onOpen={openRow}
          onCommand={command}
          me={me}
          dropFolder={overFolder}
          dropInto={dragging && current !== null && !overFolder}
          focusToken={focusToken}
        />
        {detailsOpen ? (
          <DetailsPanel
            accountId={accountId}
            me={me}
            rows={targets}
            folder={openedFolder}
            actions={actions}
            onClose={closeDetails}
            onOpenFolder={openFolder}
            onDownload={startDownload}
            onPermissions={() => openPermissions()}
            onDelete={() => void startDelete()}
          />
        ) : null}
      </div>

      <LibraryTransfers accountId={accountId} label={account.label} />

      <LibraryDialogs
        dialog={dialog}
        accountId={accountId}
        me={me}
        folders={folders ?? []}
        openFolder={openedFolder}
        knownUsers={knownUsers}
        onClose={closeDialog}
        onCreateFolder={async (name) => {
          try {
            await createFolder.mutateAsync(name);
          } catch (err) {
            return messageOf(err);
          }
          notify('ok', t('folder.created', { folder: name }));
          setSelection(only(`d:${name}`));
          closeDialog();
          return null;
        }}
        onDeleteFiles={(folder, files) => {
          closeDialog();
          void deleteFilesNow(folder, files).then(() => setSelection(NO_SELECTION));
        }}
        onDeleteFolders={(list) => {
          closeDialog();
          void deleteFoldersNow(list);
        }}
        onDownloadInto={(folder, files, grant) => queueDownloads(folder, files, grant, closeDialog)}
      />
    </div>
  );
}
