// The table area: loading, the folder that could not be opened, the empty folder or domain (focusable, so the
// keyboard still works), the table, and the status line under it.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { LibraryFolderInfo, LibraryWhoami } from '../../../../main/common/methods/library';
import { noticeFloor } from '../../components/notice-placement';
import { gridKeysHint } from '../../hooks/grid-keys';
import { useFormats, useTranslation } from '../../i18n';
import { useFolderCounts } from './folder-counts';
import { sizeText, type Row, type Sort } from './format';
import { ItemGrid, type GridSelection } from './ItemGrid';

interface LibraryBodyProps {
  accountId: string;
  domain: string;
  /** The open folder's properties (its access list governs files without one). */
  openFolder: LibraryFolderInfo | null;
  current: string | null;
  /** Nothing to show yet: the first answer has not come. */
  pending: boolean;
  folderError: string | null;
  onRetry: () => void;
  onGoUp: () => void;
  /** What is being read now, for the status line (a refetch keeps the table on screen). */
  loading: string | null;
  rows: readonly Row[];
  shown: readonly Row[];
  filter: string;
  onClearFilter: () => void;
  sort: Sort;
  onSort: (sort: Sort) => void;
  selection: GridSelection;
  selectedCount: number;
  onSelection: (selection: GridSelection) => void;
  onOpen: (row: Row) => void;
  onCommand: (event: KeyboardEvent<HTMLElement>) => boolean;
  me: LibraryWhoami | null;
  dropFolder: string | null;
  /** A drag is over the open folder's view (not a row). */
  dropInto: boolean;
  focusToken: number;
}

function EmptyState({ text, focusToken }: { text: string; focusToken: number }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusToken > 0) ref.current?.focus();
  }, [focusToken]);
  return <p ref={ref} className="empty lib-empty" data-testid="lib-empty" tabIndex={0}>{text}</p>;
}

export function LibraryBody(props: LibraryBodyProps) {
  const { current, rows, shown, filter, domain } = props;
  const { t } = useTranslation(['library', 'common']);
  const f = useFormats();
  const folderCounts = useFolderCounts(props.accountId);
  const gridLabel = current ? t('body.filesGrid', { folder: current }) : t('body.foldersGrid', { domain });
  const emptyMessage = props.pending
    ? null
    : rows.length === 0
      ? current
        ? t('body.emptyFolder', { folder: current })
        : t('body.emptyDomain', { domain })
      : shown.length === 0
        ? t('body.nothingMatches', { filter: filter.trim() })
        : null;
  const fileCount = current ? rows.length : 0;
  const totalSize = current ? rows.reduce((n, r) => n + (r.size ?? 0), 0) : 0;

  let content;
  if (props.folderError && rows.length === 0) {
    content = (
      <div className="banner bad" role="alert">
        <p>{t('body.folderError', { folder: current ?? '', error: props.folderError })}</p>
        <div className="actions">
          <button type="button" onClick={props.onRetry}>{t('common:action.retry')}</button>
          <button type="button" onClick={props.onGoUp}>{t('body.backToFolders')}</button>
        </div>
      </div>
    );
  } else if (props.pending) {
    content = <p className="empty" role="status">{props.loading ?? t('body.loading')}</p>;
  } else if (emptyMessage && rows.length === 0) {
    content = <EmptyState text={emptyMessage} focusToken={props.focusToken} />;
  } else {
    content = (
      <>
        <ItemGrid
          label={gridLabel}
          rows={shown}
          sort={props.sort}
          onSort={props.onSort}
          selection={props.selection}
          onSelection={props.onSelection}
          onOpen={props.onOpen}
          onCommand={props.onCommand}
          me={props.me}
          accountId={props.accountId}
          openFolder={props.openFolder}
          folderCounts={folderCounts}
          dropFolder={props.dropFolder}
          focusToken={props.focusToken}
        />
        {emptyMessage ? (
          <p className="lib-empty-filter subtle">
            {emptyMessage} <button type="button" className="link" onClick={props.onClearFilter}>{t('body.clearFilter')}</button>
          </p>
        ) : null}
      </>
    );
  }

  return (
    <div className={`lib-table${current === null ? ' lib-top' : ''}${props.dropInto ? ' drop-target' : ''}`} data-testid="lib-drop-area">
      {content}
      {/* The notices sit above it (noticeFloor), as above the Transfers under it: it says what is selected. */}
      <p className="lib-status subtle" ref={noticeFloor}>
        {props.loading && !props.pending ? <span role="status">{props.loading} </span> : null}
        {current ? `${t('count.files', { count: fileCount })} · ${sizeText(f, totalSize)}` : props.pending ? '' : t('count.folders', { count: rows.length })}
        {filter.trim() && rows.length > 0 ? ` · ${t('status.showing', { count: shown.length })}` : ''}
        {props.selectedCount > 0 ? ` · ${t('status.selected', { count: props.selectedCount })}` : ''}
        <span className="lib-keys"> · {gridKeysHint({ up: current !== null, details: true })}</span>
      </p>
    </div>
  );
}
