// The table's rows as shown (filtered, sorted) and the selection over them, kept by row key so that it survives a
// refetch, a re-sort or a filter; `targets` are what an action applies to: the selection and nothing else. The row
// with the keyboard focus is not a target of its own: after Escape has cleared the selection, Delete must not still
// act on the file that was selected (no status line, no highlight would say so).
import { useMemo, useState } from 'react';
import { filterRows, sortRows, type Row, type Sort } from './format';
import type { GridSelection } from './ItemGrid';

export interface Selection {
  selected: ReadonlySet<string>;
  activeKey: string | null;
  anchorKey: string | null;
}

export const NO_SELECTION: Selection = { selected: new Set(), activeKey: null, anchorKey: null };
export const only = (key: string): Selection => ({ selected: new Set([key]), activeKey: key, anchorKey: key });

export function useRowSelection(rows: readonly Row[], filter: string, sort: Sort) {
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
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
  return { shown, setSelection, gridSelection, onGridSelection, selectedRows, activeRow, targets: selectedRows };
}
