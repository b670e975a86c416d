// The folder and file table: sortable columns, a virtualized body (only the rows on screen, plus a few, are in the
// page, so a folder of 10,000 files opens at once), selection with click, Shift and Ctrl/Cmd, and the keyboard:
// arrows, Home/End, Page Up/Down, Space, Ctrl/Cmd+A; Enter, Delete and the rest go to the panel.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { Formats } from '../../../../main/common/i18n/format';
import type { LibraryFolderInfo } from '../../../../main/common/methods/library';
import { useFormats, useTranslation } from '../../i18n';
import { MarkedName } from '../../components/PersonName';
import { useDisplayNames } from '../../query/address-book';
import { rowAccess } from './access';
import { COLUMNS, sizeText, tableDate, type Row, type Sort, type SortKey } from './format';
import { LockIcon, RowPicture } from './RowIcons';
import { useAclSummary } from './useAclSummary';

export const ROW_HEIGHT = 34;
/** The header row's height: the body's rows start below it, and scrolling to a row keeps it clear of the header. */
const HEAD_HEIGHT = 33;

export interface GridSelection {
  selected: ReadonlySet<string>;
  /** Index (in the shown rows) of the row with the keyboard focus. */
  active: number;
  /** Where a Shift range starts. */
  anchor: number;
}

interface ItemGridProps {
  label: string;
  rows: readonly Row[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  selection: GridSelection;
  onSelection: (selection: GridSelection) => void;
  onOpen: (row: Row) => void;
  /** Keys the panel handles (Enter, Delete, Backspace, Alt+Up, Ctrl/Cmd+I); return true when handled. */
  onCommand: (event: KeyboardEvent<HTMLDivElement>) => boolean;
  me: { userId: string; appId: string } | null;
  accountId: string;
  /** The open folder (its list governs files without one); null for the domain's folders. */
  openFolder: LibraryFolderInfo | null;
  /** File counts of the folders whose listing has been read (folder-counts.ts); absent means not known. */
  folderCounts: ReadonlyMap<string, number>;
  /** The folder row a drag is over, for the highlight. */
  dropFolder: string | null;
  /** Set by the panel to bring the focus into the table. */
  focusToken: number;
}

function range(rows: readonly Row[], from: number, to: number): Set<string> {
  const [a, b] = from <= to ? [from, to] : [to, from];
  return new Set(rows.slice(a, b + 1).map((r) => r.key));
}

/**
 * The Size cell: a file's size; a folder's file count when its listing has been read (in words of its own: the column
 * has no room for Japanese's ファイル N 件), else a dash that says so.
 */
function SizeCell({ row, folderCounts, f }: { row: Row; folderCounts: ReadonlyMap<string, number>; f: Formats }) {
  const { t } = useTranslation('library');
  if (row.kind === 'file') return sizeText(f, row.size);
  const count = folderCounts.get(row.name);
  if (count !== undefined) return t('grid.fileCount', { count });
  return <span className="subtle" title={t('grid.notCounted')}>–</span>;
}

/** Headers in the order of the cells; Access is not a sort key (it depends on who is asking). */
const HEADERS = [...COLUMNS.slice(0, 3), 'access', ...COLUMNS.slice(3)] as const;

export function ItemGrid(props: ItemGridProps) {
  const { label, rows, sort, onSort, selection, onSelection, onOpen, onCommand, me, dropFolder, focusToken, accountId, openFolder, folderCounts } = props;
  // The grid itself scrolls (so the element that scrolls is the one with the keyboard focus), under a sticky header.
  const grid = useRef<HTMLDivElement>(null);
  const idBase = useId();
  // The access cell's tooltip names people as the address book does.
  const { t } = useTranslation('library');
  const f = useFormats();
  const summarize = useAclSummary(useDisplayNames().name);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => grid.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  // The rows to render first: working them out brings the range up to date. `range` read before it is the range of
  // the last render, which after a refetch that added rows above left the rows pushed down "off screen", without
  // their thumbnails until something else rendered the table again.
  const items = virtualizer.getVirtualItems();
  const visible = virtualizer.range;
  const active = Math.min(selection.active, rows.length - 1);
  const activeRow = active >= 0 ? rows[active] : undefined;

  useEffect(() => {
    if (focusToken > 0) grid.current?.focus();
  }, [focusToken]);
  useEffect(() => {
    if (active >= 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, virtualizer]);

  const move = (to: number, event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => {
    if (rows.length === 0) return;
    const target = Math.max(0, Math.min(rows.length - 1, to));
    const row = rows[target];
    if (!row) return;
    if (event.shiftKey) onSelection({ selected: range(rows, selection.anchor < 0 ? target : selection.anchor, target), active: target, anchor: selection.anchor < 0 ? target : selection.anchor });
    else if (event.ctrlKey || event.metaKey) onSelection({ ...selection, active: target });
    else onSelection({ selected: new Set([row.key]), active: target, anchor: target });
  };

  const pageSize = Math.max(1, Math.floor(((grid.current?.clientHeight ?? ROW_HEIGHT * 10) - HEAD_HEIGHT) / ROW_HEIGHT) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== grid.current) return;
    if (onCommand(event)) return;
    const mod = event.ctrlKey || event.metaKey;
    switch (event.key) {
      case 'ArrowDown':
        move(active + 1, event);
        break;
      case 'ArrowUp':
        move(active - 1, event);
        break;
      case 'Home':
        move(0, event);
        break;
      case 'End':
        move(rows.length - 1, event);
        break;
      case 'PageDown':
        move(active + pageSize, event);
        break;
      case 'PageUp':
        move(active - pageSize, event);
        break;
      case ' ': {
        if (!activeRow) return;
        const selected = new Set(selection.selected);
        if (selected.has(activeRow.key)) selected.delete(activeRow.key);
        else selected.add(activeRow.key);
        onSelection({ selected, active, anchor: active });
        break;
      }
      case 'a':
      case 'A':
        if (!mod) return;
        onSelection({ selected: new Set(rows.map((r) => r.key)), active: Math.max(0, active), anchor: selection.anchor });
        break;
      case 'Escape':
        if (selection.selected.size === 0) return;
        onSelection({ selected: new Set(), active, anchor: active });
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onRowClick = (event: MouseEvent, index: number) => {
    const row = rows[index];
    if (!row) return;
    if (event.shiftKey) {
      const anchor = selection.anchor < 0 ? index : selection.anchor;
      onSelection({ selected: range(rows, anchor, index), active: index, anchor });
    } else if (event.ctrlKey || event.metaKey) {
      const selected = new Set(selection.selected);
      if (selected.has(row.key)) selected.delete(row.key);
      else selected.add(row.key);
      onSelection({ selected, active: index, anchor: index });
    } else {
      onSelection({ selected: new Set([row.key]), active: index, anchor: index });
    }
    grid.current?.focus();
  };

  const sortButton = (key: SortKey) => {
    const current = sort.key === key;
    const text = t(`column.${key}`);
    return (
      <button
        type="button"
        className="sort-button"
        onClick={() => onSort({ key, dir: current && sort.dir === 'asc' ? 'desc' : 'asc' })}
        title={t(`sortBy.${key}`)}
      >
        {text}
        <span className="sort-mark" aria-hidden="true" data-dir={current ? sort.dir : undefined} />
      </button>
    );
  };

  const rowId = (index: number) => `${idBase}-row-${index}`;

  return (
    <div
      ref={grid}
      className="lib-grid"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={HEADERS.length}
      aria-multiselectable="true"
      // Only a row that is in the page can be named (rows scrolled far away are not rendered).
      aria-activedescendant={activeRow && items.some((v) => v.index === active) ? rowId(active) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="lib-grid-head">
        <div role="row" aria-rowindex={1} className="lib-row lib-head-row">
          {HEADERS.map((key) =>
            key === 'access' ? (
              <div key={key} role="columnheader" className="lib-cell col-access">
                <span className="lib-head-text">{t('column.access')}</span>
              </div>
            ) : (
              <div
                key={key}
                role="columnheader"
                className={`lib-cell col-${key}`}
                aria-sort={sort.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
              >
                {sortButton(key)}
              </div>
            ),
          )}
        </div>
      </div>
      <div role="rowgroup" className="lib-grid-rows" data-testid="lib-grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            // Rows rendered ahead of the scroll are not on screen: they ask for no thumbnail.
            const onScreen = !virtualizer.isScrolling && visible !== null && v.index >= visible.startIndex && v.index <= visible.endIndex;
            const row = rows[v.index];
            if (!row) return null;
            const selected = selection.selected.has(row.key);
            const classes = ['lib-row', `lib-${row.kind}`];
            if (selected) classes.push('selected');
            if (v.index === active) classes.push('active');
            if (row.kind === 'folder' && dropFolder === row.name) classes.push('drop-target');
            const by = row.item.createdBy;
            const withApp = row.item.createdWith;
            const access = rowAccess(row, me, openFolder, summarize);
            return (
              <div
                key={row.key}
                id={rowId(v.index)}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={selected}
                className={classes.join(' ')}
                style={{ transform: `translateY(${v.start - HEAD_HEIGHT}px)` }}
                data-drop-folder={row.kind === 'folder' ? row.name : undefined}
                data-name={row.name}
                onClick={(e) => onRowClick(e, v.index)}
                onDoubleClick={() => onOpen(row)}
              >
                <div role="gridcell" className="lib-cell col-name">
                  <RowPicture accountId={accountId} row={row} onScreen={onScreen} readable={access === null || access.level === 'full' || access.level === 'read'} />
                  <span className="lib-name" title={row.name}>{row.name}</span>
                </div>
                <div role="gridcell" className="lib-cell col-type">{row.type}</div>
                <div role="gridcell" className="lib-cell col-size"><SizeCell row={row} folderCounts={folderCounts} f={f} /></div>
                <div role="gridcell" className={`lib-cell col-access access-${access?.level ?? 'unknown'}`} title={access?.title} data-testid="lib-access">
                  {access && access.level !== 'full' ? <LockIcon /> : null}
                  <span className="lib-access-text">{access?.label ?? ''}</span>
                </div>
                <div role="gridcell" className="lib-cell col-createdOn" title={f.dateTime(row.item.createdOn)}>{tableDate(f, row.item.createdOn)}</div>
                <div role="gridcell" className="lib-cell col-createdBy" title={by}>
                  <MarkedName text={by ?? '—'} {...(me && by === me.userId ? { mark: t('grid.mark.you'), markLabel: t('mark.you') } : {})} />
                </div>
                <div role="gridcell" className="lib-cell col-createdWith" title={withApp}>
                  <MarkedName text={withApp ?? '—'} {...(me && withApp === me.appId ? { mark: t('grid.mark.thisApp'), markLabel: t('mark.thisApp') } : {})} />
                </div>
              </div>
            );
          })}
      </div>
    </div>
  );
}
