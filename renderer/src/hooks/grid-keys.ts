// The one key map of the app's grids (the library's table, the Twilio media grid), and its words for the hints
// under them. Delete asks to delete (each grid confirms first); Backspace never deletes: it goes up a level where
// there is one (the library's folder back to the folder list), and does nothing elsewhere, since a slip of the
// key next to Enter must not cost a file. Moving (arrows, Home, End) and selecting stay with each grid.
import { i18n } from '../i18n';

export type GridCommand = 'open' | 'delete' | 'up' | 'details';

/** The parts of a key event the map reads (a React or DOM KeyboardEvent has them). */
export interface GridKeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

export function gridCommand(event: GridKeyPress): GridCommand | null {
  const mod = event.ctrlKey || event.metaKey;
  if (event.key === 'Delete' && !mod && !event.altKey) return 'delete';
  if (event.key === 'Enter' && !mod && !event.altKey) return 'open';
  if ((event.key === 'Backspace' && !mod && !event.altKey) || (event.key === 'ArrowUp' && event.altKey && !mod)) return 'up';
  if ((event.key === 'i' || event.key === 'I') && mod && !event.altKey) return 'details';
  return null;
}

/** How Ctrl/Cmd is written on this system. */
export const MOD_KEY = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** The keys of a grid, in words, for the hint under it; `up` and `details` only where the grid has them. */
export function gridKeysHint({ up = false, details = false }: { up?: boolean; details?: boolean } = {}): string {
  // One whole sentence per combination: a translation may order or join the keys in its own way.
  const key = up ? (details ? 'shell:keys.hintUpDetails' : 'shell:keys.hintUp') : details ? 'shell:keys.hintDetails' : 'shell:keys.hint';
  return i18n.t(key, { mod: MOD_KEY });
}
