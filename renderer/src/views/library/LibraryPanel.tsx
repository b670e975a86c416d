// The media library browser: the domain's folders and a folder's files in one sortable, filterable, virtualized
// table with breadcrumbs and the keyboard; create and delete; upload by dropping onto the folder view or a folder
// row; download to a chosen folder; details with previews and the voicemail; the access-list editor.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AccountSummary } from '../../../../main/common/accounts';
import { knownPrincipals } from '../../../../main/common/library-acl';
import {
  localFileName,
  type DownloadExisting,
  type LibraryFileInfo,
  type LibraryFolderInfo,
  type LibraryFolderView,
  type LibraryTargetResult,
  type LibraryWhoami,
  type UploadExisting,
} from '../../../../main/common/methods/library';
import type { FileRef, FolderGrant } from '../../../../main/common/contract';
import { bridge, call, messageOf, UiError } from '../../bridge';
import { TransferList } from '../../components/TransferList';
import { useAppStore } from '../../store/app-store';
import { useTransfers } from '../../store/transfers-store';
import { AclEditor, type AclScope } from './AclEditor';
import { DetailsPanel } from './DetailsPanel';
import { ConflictDialog, DownloadFolderDialog, Modal, NewFolderDialog, type ConflictChoice } from './dialogs';
import { fileRows, filterRows, folderRows, formatSize, nameList, plural, sortRows, type Row, type Sort } from './format';
import { ItemGrid, type GridSelection } from './ItemGrid';
import { useLibraryDrop } from './useLibraryDrop';
import './library.css';

interface Notice {
  id: number;
  level: 'ok' | 'bad' | 'warn';
  text: string;
  items?: string[];
}

interface Selection {
  selected: ReadonlySet<string>;
  activeKey: string | null;
  anchorKey: string | null;
}

interface FolderToDelete {
  name: string;
  files?: string[];
  error?: string;
}

type Dialog =
  | { kind: 'newFolder' }
  | { kind: 'deleteFiles'; files: LibraryFileInfo[] }
  | { kind: 'deleteFolders'; folders: FolderToDelete[]; loading: boolean }
  | { kind: 'downloadFolder'; files: LibraryFileInfo[]; grant: FolderGrant }
  | { kind: 'conflict'; names: string[]; where: string; choices: ReadonlyArray<ConflictChoice<string>>; resolve(decisions: Map<string, string> | null): void }
  | { kind: 'acl'; scope: AclScope };

const UPLOAD_CHOICES: ReadonlyArray<ConflictChoice<UploadExisting | 'skip'>> = [
  { value: 'keepBoth', label: 'Keep both', hint: 'upload it as "name (1).jpg", leaving the one in the library as it is' },
  { value: 'replace', label: 'Replace', hint: 'replace the content of the file in the library' },
  { value: 'skip', label: 'Skip', hint: 'do not upload this file' },
];
const DOWNLOAD_CHOICES: ReadonlyArray<ConflictChoice<DownloadExisting | 'skip'>> = [
  { value: 'keepBoth', label: 'Keep both', hint: 'save the download as "name (1).jpg" beside the existing file' },
  { value: 'overwrite', label: 'Overwrite', hint: 'replace the file on this computer once the download is complete' },
  { value: 'skip', label: 'Skip', hint: 'do not download this file' },
];

/** How the details shortcut is written on this system. */
const MOD_KEY = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

const NO_SELECTION: Selection = { selected: new Set(), activeKey: null, anchorKey: null };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return Boolean(target.closest('input, textarea, select, dialog, [contenteditable="true"]'));
}

export function LibraryPanel({ account }: { account: AccountSummary }) {
  const accountId = account.id;
  const navigate = useAppStore((s) => s.navigate);
  const [me, setMe] = useState<LibraryWhoami | null>(null);
  const [folders, setFolders] = useState<LibraryFolderInfo[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const [view, setView] = useState<LibraryFolderView | null>(null);
  const [loading, setLoading] = useState<string | null>('Loading folders…');
  const [loadError, setLoadError] = useState<{ code: string; message: string } | null>(null);
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const [filter, setFilter] = useState('');
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const seq = useRef(0);
  const noticeSeq = useRef(0);
  const currentRef = useRef<string | null>(null);
  currentRef.current = current;
  const fileInput = useRef<HTMLInputElement>(null);
  const emptyState = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusToken > 0) emptyState.current?.focus();
  }, [focusToken]);

  const notify = useCallback((level: Notice['level'], text: string, items?: string[]) => {
    const notice: Notice = { id: ++noticeSeq.current, level, text, ...(items && items.length > 0 ? { items } : {}) };
    // A new message replaces the last good news; warnings and errors stay (the last two) until dismissed.
    setNotices((list) => [...list.filter((n) => n.level !== 'ok').slice(-2), notice]);
  }, []);
  const clearGoodNews = () => setNotices((list) => (list.some((n) => n.level === 'ok') ? list.filter((n) => n.level !== 'ok') : list));
  const focusGrid = () => setFocusToken((n) => n + 1);

  // ---- loading ----

  const loadFolders = useCallback(
    async (select?: string) => {
      const mine = ++seq.current;
      setLoading('Loading folders…');
      setLoadError(null);
      try {
        const list = await call('library.listFolders', { accountId });
        if (mine !== seq.current) return;
        setFolders(list);
        if (currentRef.current !== null) clearGoodNews();
        setCurrent(null);
        setView(null);
        const key = select ? `d:${select}` : null;
        setSelection(key ? { selected: new Set([key]), activeKey: key, anchorKey: key } : NO_SELECTION);
      } catch (err) {
        if (mine !== seq.current) return;
        setLoadError({ code: err instanceof UiError ? err.code : 'internal', message: messageOf(err) });
      } finally {
        if (mine === seq.current) setLoading(null);
      }
    },
    [accountId],
  );

  const openFolder = useCallback(
    async (name: string, options: { keepSelection?: boolean; quiet?: boolean } = {}) => {
      const mine = ++seq.current;
      if (!options.quiet) setLoading(`Opening ${name}…`);
      try {
        const opened = await call('library.getFolder', { accountId, folder: name });
        if (mine !== seq.current) return;
        const same = currentRef.current === name;
        setView(opened);
        setCurrent(name);
        if (!options.keepSelection || !same) {
          setSelection(NO_SELECTION);
          setFilter('');
        }
        if (!same) clearGoodNews();
        if (!options.quiet) focusGrid();
      } catch (err) {
        if (mine !== seq.current) return;
        notify('bad', `Folder "${name}" could not be opened: ${messageOf(err)}`);
      } finally {
        if (mine === seq.current) setLoading(null);
      }
    },
    [accountId, notify],
  );

  useEffect(() => {
    call('library.whoami', { accountId })
      .then(setMe)
      .catch(() => undefined);
    void loadFolders();
  }, [accountId, loadFolders]);

  const refresh = () => (current ? void openFolder(current, { keepSelection: true, quiet: true }) : void loadFolders());
  const goUp = useCallback(() => {
    if (currentRef.current === null) return;
    const left = currentRef.current;
    void loadFolders(left).then(focusGrid);
  }, [loadFolders]);

  // ---- rows and selection ----

  const rows = useMemo(() => (current && view ? fileRows(view.files) : folders ? folderRows(folders) : []), [current, view, folders]);
  const shown = useMemo(() => sortRows(filterRows(rows, filter), sort), [rows, filter, sort]);
  const indexOf = useMemo(() => new Map(shown.map((r, i) => [r.key, i])), [shown]);
  const gridSelection: GridSelection = {
    selected: selection.selected,
    active: selection.activeKey !== null ? (indexOf.get(selection.activeKey) ?? -1) : -1,
    anchor: selection.anchorKey !== null ? (indexOf.get(selection.anchorKey) ?? -1) : -1,
  };
  const onGridSelection = (next: GridSelection) =>
    setSelection({ selected: next.selected, activeKey: shown[next.active]?.key ?? null, anchorKey: shown[next.anchor]?.key ?? null });
  const selectedRows = useMemo(() => shown.filter((r) => selection.selected.has(r.key)), [shown, selection.selected]);
  const activeRow = selection.activeKey !== null ? shown[indexOf.get(selection.activeKey) ?? -1] : undefined;
  const targets = selectedRows.length > 0 ? selectedRows : activeRow ? [activeRow] : [];
  const knownUsers = useMemo(() => knownPrincipals([...(folders ?? []), ...(view ? [view.folder, ...view.files] : [])]).users, [folders, view]);

  // ---- uploads ----

  const askConflicts = <T extends string>(names: string[], where: string, choices: ReadonlyArray<ConflictChoice<T>>): Promise<Map<string, T> | null> =>
    new Promise((resolve) => {
      setDialog({
        kind: 'conflict',
        names,
        where,
        choices,
        resolve: (decisions) => {
          setDialog(null);
          resolve(decisions as Map<string, T> | null);
        },
      });
    });

  const uploaded = useRef(new Map<string, string>());
  const uploadFiles = async (files: File[], folder: string) => {
    const refused: string[] = [];
    const refs: Array<{ ref: FileRef; name: string }> = [];
    notify('ok', `Preparing ${plural(files.length, 'file')} for "${folder}"…`);
    for (const file of files) {
      try {
        refs.push({ ref: await bridge.fileRef(file), name: file.name });
      } catch (err) {
        refused.push(`${file.name}: ${messageOf(err)}`);
      }
    }
    let existing: Set<string> | null = null;
    if (folder === currentRef.current && view) existing = new Set(view.files.map((f) => f.name));
    else {
      try {
        existing = new Set((await call('library.getFolder', { accountId, folder })).files.map((f) => f.name));
      } catch {
        existing = null; // unknown: each upload keeps both, so nothing is replaced by surprise
      }
    }
    const taken = refs.filter((r) => existing?.has(r.name)).map((r) => r.name);
    let decisions = new Map<string, UploadExisting | 'skip'>();
    if (taken.length > 0) {
      const answer = await askConflicts(taken, `folder "${folder}"`, UPLOAD_CHOICES);
      if (!answer) {
        notify('warn', 'Upload cancelled: nothing was sent.');
        return;
      }
      decisions = answer;
    }
    const chosen = refs
      .filter((r) => decisions.get(r.name) !== 'skip')
      .map((r) => {
        const decision = decisions.get(r.name);
        return decision && decision !== 'skip' ? { ref: r.ref, onExisting: decision } : { ref: r.ref };
      });
    const skipped = refs.length - chosen.length;
    if (chosen.length === 0) {
      notify('warn', refused.length > 0 ? 'Nothing was uploaded.' : `Nothing was uploaded: ${plural(skipped, 'file')} skipped.`, refused);
      return;
    }
    try {
      const outcome = await call('library.upload', { accountId, folder, files: chosen });
      for (const item of outcome.queued) uploaded.current.set(item.id, folder);
      // A small upload may be done before this answer arrives.
      checkUploads();
      for (const r of outcome.refused) refused.push(`${r.name}: ${r.error.message}`);
      const parts = [`Uploading ${plural(outcome.queued.length, 'file')} into "${folder}"; progress is shown under Transfers below.`];
      if (skipped > 0) parts.push(`${plural(skipped, 'file')} skipped.`);
      if (refused.length > 0) parts.push(`${plural(refused.length, 'file')} refused:`);
      notify(refused.length > 0 ? (outcome.queued.length > 0 ? 'warn' : 'bad') : 'ok', parts.join(' '), refused);
    } catch (err) {
      notify('bad', `The upload could not start: ${messageOf(err)}`, refused);
    }
  };

  const { dragging, overFolder } = useLibraryDrop((files, rowFolder) => {
    const target = rowFolder ?? currentRef.current;
    if (!target) {
      notify('warn', 'Drop the files onto a folder row, or open a folder first and drop them there.');
      return;
    }
    void uploadFiles(files, target);
  });

  // Reload the open folder when uploads into it finish.
  const items = useTransfers((s) => s.items);
  const order = useTransfers((s) => s.order);
  useEffect(() => {
    void useTransfers.getState().load();
  }, []);
  const checkUploads = useCallback(() => {
    const now = useTransfers.getState().items;
    let reload = false;
    for (const [id, folder] of uploaded.current) {
      const item = now.get(id);
      if (!item || !['done', 'failed', 'cancelled'].includes(item.state)) continue;
      uploaded.current.delete(id);
      if (item.state === 'done' && folder === currentRef.current) reload = true;
    }
    if (reload && currentRef.current) void openFolder(currentRef.current, { keepSelection: true, quiet: true });
  }, [openFolder]);
  useEffect(checkUploads, [items, checkUploads]);
  const history = useMemo(
    () => order.map((id) => items.get(id)).filter((i) => i !== undefined && i.accountId === accountId).reverse(),
    [items, order, accountId],
  ) as NonNullable<ReturnType<typeof items.get>>[];

  // ---- downloads ----

  const queueDownloads = async (files: LibraryFileInfo[], grant: FolderGrant): Promise<string | null> => {
    if (!current) return null;
    const destination = grant.path;
    let existing: string[];
    try {
      existing = await call('files.findExisting', { grantId: grant.grantId, names: files.map((f) => localFileName(f.name)) });
    } catch (err) {
      return messageOf(err);
    }
    setDialog(null);
    let decisions = new Map<string, DownloadExisting | 'skip'>();
    if (existing.length > 0) {
      const taken = files.filter((f) => existing.includes(localFileName(f.name))).map((f) => f.name);
      const answer = await askConflicts(taken, destination, DOWNLOAD_CHOICES);
      if (!answer) {
        notify('warn', 'Download cancelled: nothing was saved.');
        return null;
      }
      decisions = answer;
    }
    const chosen = files
      .filter((f) => decisions.get(f.name) !== 'skip')
      .map((f) => {
        const decision = decisions.get(f.name);
        return { name: f.name, ...(f.size !== undefined ? { size: f.size } : {}), onExisting: decision && decision !== 'skip' ? decision : ('fail' as const) };
      });
    if (chosen.length === 0) {
      notify('warn', 'Nothing was downloaded: every file was skipped.');
      return null;
    }
    try {
      const queued = await call('library.download', { accountId, folder: current, grantId: grant.grantId, files: chosen });
      const skipped = files.length - chosen.length;
      notify('ok', `Downloading ${plural(queued.length, 'file')} to ${destination}${skipped > 0 ? ` (${plural(skipped, 'file')} skipped)` : ''}; progress is shown under Transfers below.`);
    } catch (err) {
      notify('bad', `The download could not start: ${messageOf(err)}`);
    }
    return null;
  };

  const startDownload = async () => {
    const files = targets.filter((r) => r.kind === 'file').map((r) => r.item);
    if (files.length === 0) return;
    let picked;
    try {
      picked = await call('files.pickFolder', { title: 'Choose where to save the downloads' });
    } catch (err) {
      notify('bad', messageOf(err));
      return;
    }
    if (!picked) return;
    if (picked.picked) {
      const failure = await queueDownloads(files, picked);
      if (failure) notify('bad', failure);
    } else {
      setDialog({ kind: 'downloadFolder', files, grant: picked });
    }
  };

  // ---- deleting ----

  const startDelete = async () => {
    if (targets.length === 0) return;
    if (current) {
      setDialog({ kind: 'deleteFiles', files: targets.map((r) => r.item as LibraryFileInfo) });
      return;
    }
    const list: FolderToDelete[] = targets.map((r) => ({ name: r.name }));
    setDialog({ kind: 'deleteFolders', folders: list, loading: true });
    // What each folder holds, so the confirmation names what will go.
    const looked = await Promise.all(
      list.map(async (f): Promise<FolderToDelete> => {
        try {
          return { name: f.name, files: (await call('library.getFolder', { accountId, folder: f.name })).files.map((x) => x.name) };
        } catch (err) {
          return { name: f.name, error: messageOf(err) };
        }
      }),
    );
    setDialog((d) => (d?.kind === 'deleteFolders' ? { kind: 'deleteFolders', folders: looked, loading: false } : d));
  };

  const failures = (results: readonly LibraryTargetResult[]) => results.flatMap((r) => (r.ok ? [] : [`${r.target.file ?? r.target.folder}: ${r.error.message}`]));

  const deleteFilesNow = async (files: LibraryFileInfo[]) => {
    setDialog(null);
    if (!current) return;
    try {
      const results = await call('library.deleteFiles', { accountId, folder: current, files: files.map((f) => f.name) });
      const failed = failures(results);
      const done = results.length - failed.length;
      if (failed.length === 0) notify('ok', `Deleted ${plural(done, 'file')}.`);
      else notify('bad', `Deleted ${done.toLocaleString()} of ${plural(results.length, 'file')}; ${failed.length.toLocaleString()} could not be deleted:`, failed);
    } catch (err) {
      notify('bad', `Nothing was deleted: ${messageOf(err)}`);
    }
    await openFolder(current, { keepSelection: false, quiet: true });
    focusGrid();
  };

  const deleteFoldersNow = async (list: FolderToDelete[]) => {
    setDialog(null);
    const readable = list.filter((f) => f.files !== undefined);
    if (readable.length === 0) return;
    try {
      const results = await call('library.deleteFolders', {
        accountId,
        folders: readable.map((f) => (f.files && f.files.length > 0 ? { folder: f.name, withFiles: f.files.length } : { folder: f.name })),
      });
      const ok = results.filter((r) => r.ok);
      const bad = results.filter((r) => !r.ok);
      const lines = bad.flatMap((r) => [`${r.folder}: ${r.error?.message ?? 'not deleted'}`, ...(r.failedFiles ?? []).flatMap((f) => (f.ok ? [] : [`  ${f.target.file}: ${f.error.message}`]))]);
      const deletedFiles = ok.reduce((n, r) => n + r.deletedFiles, 0);
      if (bad.length === 0) notify('ok', `Deleted ${plural(ok.length, 'folder')}${deletedFiles > 0 ? ` and ${plural(deletedFiles, 'file')} in them` : ''}.`);
      else notify('bad', `${plural(bad.length, 'folder')} could not be deleted${ok.length > 0 ? ` (${plural(ok.length, 'folder')} deleted)` : ''}:`, lines);
    } catch (err) {
      notify('bad', `Nothing was deleted: ${messageOf(err)}`);
    }
    await loadFolders();
    focusGrid();
  };

  // ---- permissions ----

  const openPermissions = (forFolder = false) => {
    if (current && view) {
      const files = targets.filter((r) => r.kind === 'file').map((r) => r.item);
      if (forFolder || files.length === 0) setDialog({ kind: 'acl', scope: { kind: 'folder', folder: view.folder, fileCount: view.files.length } });
      else if (files.length === 1 && files[0]) setDialog({ kind: 'acl', scope: { kind: 'file', file: files[0] } });
      else setDialog({ kind: 'acl', scope: { kind: 'files', folder: current, files } });
      return;
    }
    const folder = targets[0];
    if (targets.length === 1 && folder?.kind === 'folder') setDialog({ kind: 'acl', scope: { kind: 'folder', folder: folder.item } });
  };

  // ---- keyboard ----

  const command = (event: KeyboardEvent<HTMLElement>): boolean => {
    const mod = event.ctrlKey || event.metaKey;
    if ((event.key === 'i' || event.key === 'I') && mod && !event.altKey) {
      setDetailsOpen((open) => !open);
    } else if (event.key === 'Backspace' || (event.key === 'ArrowUp' && event.altKey)) {
      if (!current) return false;
      goUp();
    } else if (event.key === 'Enter' && !mod) {
      if (!activeRow) return false;
      openRow(activeRow);
    } else if (event.key === 'Delete') {
      void startDelete();
    } else {
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  };

  const openRow = (row: Row) => {
    if (row.kind === 'folder') void openFolder(row.name);
    else {
      setSelection({ selected: new Set([row.key]), activeKey: row.key, anchorKey: row.key });
      setDetailsOpen(true);
    }
  };

  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTyping(event.target)) return;
    const mod = event.ctrlKey || event.metaKey;
    if (((event.key === 'i' || event.key === 'I') && mod) || event.key === 'Backspace' || (event.key === 'ArrowUp' && event.altKey)) command(event);
  };

  // ---- rendering ----

  if (loadError && !folders) {
    return (
      <div className="library-panel">
        <div className="banner bad" role="alert">
          <p>The media library could not be read: {loadError.message}</p>
          <div className="actions">
            <button type="button" onClick={() => void loadFolders()}>Try again</button>
            {loadError.code === 'config' || loadError.code === 'unauthorized' ? (
              <button type="button" onClick={() => navigate({ view: 'account-edit', accountId })}>Edit account</button>
            ) : null}
          </div>
        </div>
      </div>
    );
  }

  const domain = me?.domain ?? (account.kind === 'library' ? account.domain : '');
  const fileCount = view?.files.length ?? 0;
  const totalSize = view ? view.files.reduce((n, f) => n + (f.size ?? 0), 0) : 0;
  const onlyFiles = targets.length > 0 && targets.every((r) => r.kind === 'file');
  const dropTarget = overFolder ?? current;

  const gridLabel = current ? `Files in folder ${current}` : `Folders in domain ${domain}`;
  const emptyMessage = !folders
    ? null
    : rows.length === 0
      ? current
        ? `The folder "${current}" is empty. Drop JPEG photos or MP4 videos here, or choose Upload files.`
        : `There is no folder you can see in domain "${domain}". Create one with New folder, then drop files on it.`
      : shown.length === 0
        ? `Nothing here has "${filter.trim()}" in its name.`
        : null;

  return (
    <div className={`library-panel${dragging ? ' dragging' : ''}`} onKeyDown={onPanelKey}>
      <div className="lib-bar">
        <nav className="crumbs" aria-label="Location">
          <ol>
            <li>
              {current ? (
                <button type="button" className="link crumb" onClick={goUp} title="Back to the folders (Backspace, Alt+↑)">{domain}</button>
              ) : (
                <span className="crumb" aria-current="page">{domain}</span>
              )}
            </li>
            {current ? (
              <li>
                <span className="crumb" aria-current="page">{current}</span>
              </li>
            ) : null}
          </ol>
        </nav>
        <div className="actions">
          <input
            type="search"
            className="lib-filter"
            aria-label="Filter by name"
            placeholder="Filter by name"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                focusGrid();
              }
            }}
          />
          {current ? (
            <>
              <button type="button" onClick={() => fileInput.current?.click()}>Upload files…</button>
              <button type="button" disabled={!onlyFiles} onClick={() => void startDownload()}>Download…</button>
              <button type="button" onClick={() => openPermissions(true)}>Folder permissions…</button>
              <button type="button" disabled={!onlyFiles} onClick={() => openPermissions()}>File permissions…</button>
            </>
          ) : (
            <>
              <button type="button" onClick={() => setDialog({ kind: 'newFolder' })}>New folder…</button>
              <button type="button" disabled={targets.length !== 1} onClick={() => openPermissions()}>Permissions…</button>
            </>
          )}
          <button type="button" className="danger" disabled={targets.length === 0} onClick={() => void startDelete()}>Delete…</button>
          <button type="button" aria-pressed={detailsOpen} onClick={() => setDetailsOpen((o) => !o)} title={`${MOD_KEY}I`}>Details</button>
          <button type="button" onClick={refresh} disabled={loading !== null}>Refresh</button>
        </div>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept="image/jpeg,video/mp4"
          hidden
          data-testid="lib-file-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length > 0 && current) void uploadFiles(files, current);
          }}
        />
      </div>

      {notices.map((n) => (
        <div key={n.id} className={`banner ${n.level} lib-notice`} role={n.level === 'bad' ? 'alert' : 'status'}>
          <div className="lib-notice-text">
            <p>{n.text}</p>
            {n.items ? (
              <ul>
                {n.items.map((line) => <li key={line}>{line}</li>)}
              </ul>
            ) : null}
          </div>
          <button type="button" className="small" aria-label="Dismiss" onClick={() => setNotices((list) => list.filter((x) => x.id !== n.id))}>×</button>
        </div>
      ))}
      {dragging ? (
        <p className="banner ok lib-drop-hint" role="status">
          {dropTarget ? `Drop to upload into "${dropTarget}".` : 'Drop the files onto a folder row to upload them into it.'}
        </p>
      ) : null}
      {loadError && folders ? <p className="banner bad" role="alert">{loadError.message}</p> : null}

      <div className={`lib-main${detailsOpen ? ' with-details' : ''}`}>
        <div className={`lib-table${dragging && current && !overFolder ? ' drop-target' : ''}`} data-testid="lib-drop-area">
          {loading && !folders ? (
            <p className="empty" role="status">{loading}</p>
          ) : emptyMessage && rows.length === 0 ? (
            // Focusable, so that the keyboard (Backspace, Alt+Up) still works in an empty folder.
            <p ref={emptyState} className="empty lib-empty" data-testid="lib-empty" tabIndex={0}>{emptyMessage}</p>
          ) : (
            <>
              <ItemGrid
                label={gridLabel}
                rows={shown}
                sort={sort}
                onSort={setSort}
                selection={gridSelection}
                onSelection={onGridSelection}
                onOpen={openRow}
                onCommand={command}
                me={me}
                dropFolder={overFolder}
                focusToken={focusToken}
              />
              {emptyMessage ? (
                <p className="lib-empty-filter subtle">
                  {emptyMessage} <button type="button" className="link" onClick={() => setFilter('')}>Clear the filter</button>
                </p>
              ) : null}
            </>
          )}
          <p className="lib-status subtle">
            {loading && folders ? <span role="status">{loading} </span> : null}
            {current
              ? `${plural(fileCount, 'file')} · ${formatSize(totalSize)}`
              : folders
                ? plural(folders.length, 'folder')
                : ''}
            {filter.trim() && rows.length > 0 ? ` · showing ${shown.length.toLocaleString()}` : ''}
            {selectedRows.length > 0 ? ` · ${selectedRows.length.toLocaleString()} selected` : ''}
            <span className="lib-keys"> · Keys: ↑↓ move, Enter open, Backspace up, Delete delete, {MOD_KEY}I details</span>
          </p>
        </div>
        {detailsOpen ? (
          <DetailsPanel
            accountId={accountId}
            me={me}
            rows={targets}
            folder={view?.folder ?? null}
            onClose={() => {
              setDetailsOpen(false);
              focusGrid();
            }}
            onOpenFolder={(name) => void openFolder(name)}
            onDownload={() => void startDownload()}
            onPermissions={() => openPermissions()}
            onDelete={() => void startDelete()}
          />
        ) : null}
      </div>

      {history.length > 0 ? (
        <section className="lib-transfers" aria-labelledby="lib-transfers-title">
          <h2 id="lib-transfers-title" className="section-title">Transfers</h2>
          <TransferList items={history} label={`Transfers of ${account.label}, newest first`} onCopy={(text) => void navigator.clipboard.writeText(text)} />
        </section>
      ) : null}

      {dialog?.kind === 'newFolder' ? (
        <NewFolderDialog
          existing={new Set((folders ?? []).map((f) => f.name))}
          onCancel={() => setDialog(null)}
          onCreate={async (name) => {
            try {
              await call('library.createFolder', { accountId, folder: name });
            } catch (err) {
              return messageOf(err);
            }
            setDialog(null);
            notify('ok', `Folder "${name}" created. Drop files onto it to upload them, or open it.`);
            await loadFolders(name);
            focusGrid();
            return null;
          }}
        />
      ) : null}

      {dialog?.kind === 'deleteFiles' ? (
        <Modal
          title={dialog.files.length === 1 ? `Delete "${dialog.files[0]?.name}"?` : `Delete ${plural(dialog.files.length, 'file')}?`}
          onCancel={() => setDialog(null)}
          actions={
            <>
              <button type="button" autoFocus onClick={() => setDialog(null)}>Cancel</button>
              <button type="button" className="danger" onClick={() => void deleteFilesNow(dialog.files)}>
                {dialog.files.length === 1 ? 'Delete file' : `Delete ${plural(dialog.files.length, 'file')}`}
              </button>
            </>
          }
        >
          <p>
            From folder <strong>{current}</strong>: {nameList(dialog.files.map((f) => f.name), 10)}.
          </p>
          <p>They are deleted from the library for everyone. This cannot be undone.</p>
        </Modal>
      ) : null}

      {dialog?.kind === 'deleteFolders' ? <DeleteFoldersDialog dialog={dialog} onCancel={() => setDialog(null)} onConfirm={(list) => void deleteFoldersNow(list)} /> : null}

      {dialog?.kind === 'downloadFolder' ? (
        <DownloadFolderDialog count={dialog.files.length} folder={dialog.grant.path} onCancel={() => setDialog(null)} onChoose={() => queueDownloads(dialog.files, dialog.grant)} />
      ) : null}

      {dialog?.kind === 'conflict' ? (
        <ConflictDialog names={dialog.names} where={dialog.where} choices={dialog.choices} onDone={(d) => dialog.resolve(d)} onCancel={() => dialog.resolve(null)} />
      ) : null}

      {dialog?.kind === 'acl' && me ? (
        <AclEditor
          accountId={accountId}
          me={me}
          scope={dialog.scope}
          folder={view?.folder ?? null}
          knownUsers={knownUsers}
          onClose={(changed) => {
            setDialog(null);
            if (changed) refresh();
            focusGrid();
          }}
        />
      ) : null}
    </div>
  );
}

function DeleteFoldersDialog({ dialog, onCancel, onConfirm }: { dialog: { folders: FolderToDelete[]; loading: boolean }; onCancel: () => void; onConfirm: (list: FolderToDelete[]) => void }) {
  const readable = dialog.folders.filter((f) => f.files !== undefined);
  const fileTotal = readable.reduce((n, f) => n + (f.files?.length ?? 0), 0);
  const single = dialog.folders.length === 1 ? dialog.folders[0] : undefined;
  const label =
    readable.length === 0
      ? 'Delete'
      : fileTotal === 0
        ? readable.length === 1
          ? 'Delete folder'
          : `Delete ${plural(readable.length, 'folder')}`
        : readable.length === 1
          ? `Delete folder and its ${plural(fileTotal, 'file')}`
          : `Delete ${plural(readable.length, 'folder')} and their ${plural(fileTotal, 'file')}`;
  return (
    <Modal
      title={single ? `Delete folder "${single.name}"?` : `Delete ${plural(dialog.folders.length, 'folder')}?`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" autoFocus onClick={onCancel}>Cancel</button>
          <button type="button" className="danger" disabled={dialog.loading || readable.length === 0} onClick={() => onConfirm(dialog.folders)}>
            {dialog.loading ? 'Looking inside…' : label}
          </button>
        </>
      }
    >
      {dialog.loading ? <p role="status">Looking at what the folders hold…</p> : null}
      <ul className="delete-list">
        {dialog.folders.map((f) => (
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
