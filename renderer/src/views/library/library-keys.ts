// The library's keyboard, over the app's one grid key map (hooks/grid-keys.ts): Enter opens, Delete asks to delete,
// Backspace (or Alt+Up) goes up, Ctrl/Cmd+I shows or hides the details. Escape closes the details first; the table's
// own Escape (clearing the selection) is the second press.
import type { KeyboardEvent } from 'react';
import { gridCommand } from '../../hooks/grid-keys';
import type { Row } from './format';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return Boolean(target.closest('input, textarea, select, dialog, [contenteditable="true"]'));
}

export interface LibraryKeyActions {
  detailsOpen: boolean;
  closeDetails: () => void;
  toggleDetails: () => void;
  /** Goes up a level; false where there is none (the folder list). */
  goUp: () => boolean;
  activeRow: Row | undefined;
  openRow: (row: Row) => void;
  startDelete: () => void;
}

/** The table's key handler (`command`) and the panel's (`onPanelKey`), both over `actions`. */
export function libraryKeyHandlers(actions: LibraryKeyActions) {
  const command = (event: KeyboardEvent<HTMLElement>): boolean => {
    const escape = event.key === 'Escape' && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey;
    switch (escape && actions.detailsOpen ? 'close' : gridCommand(event)) {
      case 'close':
        actions.closeDetails();
        break;
      case 'details':
        actions.toggleDetails();
        break;
      case 'up':
        if (!actions.goUp()) return false;
        break;
      case 'open':
        if (!actions.activeRow) return false;
        actions.openRow(actions.activeRow);
        break;
      case 'delete':
        actions.startDelete();
        break;
      default:
        return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  };

  // Outside the table (a toolbar button has the focus): going up and the details still work; Enter and Delete
  // belong to what has the focus.
  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (isTyping(event.target)) return;
    const which = gridCommand(event);
    if (which === 'up' || which === 'details') command(event);
  };

  return { command, onPanelKey };
}
