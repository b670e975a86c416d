// What the library panel's tests share: a table happy-dom can lay out, the fake library reset to a test's folders,
// the panel rendered as the app renders it, and a row found by its name.
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import type { AddressEntry } from '../../../../main/common/address-book';
import { LibraryPanel } from '../../../../renderer/src/views/library/LibraryPanel';
import { account, type FakeFolder, type FakeLibrary } from './fake-library';
import { renderWithQueries } from '../../render-with-queries';

/** happy-dom lays nothing out: the table is given a window's size so that its virtualizer renders rows. */
export function layOutTable(): void {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1000);
}

/** The fake library holds `folders` (and `book`), with no calls recorded and nothing failing, held or overridden. */
export function resetLibrary(lib: FakeLibrary, folders: FakeFolder[], book: AddressEntry[] = []): void {
  lib.folders = folders;
  lib.book = book;
  lib.calls.length = 0;
  lib.failing.clear();
  lib.holding.clear();
  lib.override = null;
}

/** The panel for the fake account, with `beside` (a notice region…) in the same query client. */
export function showLibrary(beside?: ReactNode) {
  return renderWithQueries(
    <>
      <LibraryPanel account={account} />
      {beside}
    </>,
  );
}

/** The table row named `name`; throws when there is none. */
export function row(name: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[role="row"][data-name="${name}"]`);
  if (!found) throw new Error(`no row ${name}`);
  return found;
}
