// One selection for the table, the details and the bar: Escape closes the details first and clears the selection on
// the second press, and the bar's Download, File permissions and Delete act on what is selected and on nothing else
// (never on the row the keyboard last rested on once the selection was cleared).
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { folder, ME } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

beforeEach(() => {
  layOutTable();
  resetLibrary(lib, [folder('photos', ME.userId, {}, [{ name: 'fractal.jpg' }, { name: 'ocean.jpg' }])]);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const grid = () => screen.getByRole('grid');
const status = () => document.querySelector('.lib-status')?.textContent ?? '';
const bar = (name: string) => within(document.querySelector<HTMLElement>('.lib-bar')!).getByRole<HTMLButtonElement>('button', { name });
const details = () => screen.queryByRole('complementary');

async function selectFractal() {
  showLibrary();
  fireEvent.doubleClick(await screen.findByText('photos'));
  await screen.findByRole('grid', { name: 'Files in folder photos' });
  fireEvent.click(await screen.findByText('fractal.jpg'));
  fireEvent.keyDown(grid(), { key: 'Enter' });
  expect(within(details()!).getByRole('heading', { name: 'fractal.jpg' })).toBeTruthy();
}

describe('Escape and the selection the bar acts on', () => {
  it('closes the details first, then clears the selection, and the bar then acts on nothing', async () => {
    await selectFractal();
    expect(status()).toMatch(/1 selected/);

    fireEvent.keyDown(grid(), { key: 'Escape' });
    expect(details()).toBeNull();
    // The first Escape only closed the panel: the file is still selected, and still what the bar acts on.
    expect(status()).toMatch(/1 selected/);
    expect(row('fractal.jpg').getAttribute('aria-selected')).toBe('true');
    expect(bar('Delete…').disabled).toBe(false);

    fireEvent.keyDown(grid(), { key: 'Escape' });
    expect(status()).not.toMatch(/selected/);
    expect(row('fractal.jpg').getAttribute('aria-selected')).toBe('false');
    for (const name of ['Download…', 'File permissions…', 'Delete…']) expect(bar(name).disabled, name).toBe(true);
    // Nothing selected, nothing to delete: the Delete key asks about no file.
    fireEvent.keyDown(grid(), { key: 'Delete' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // Opened again, the details say that nothing is selected rather than showing the last file.
    fireEvent.keyDown(grid(), { key: 'i', ctrlKey: true });
    expect(within(details()!).getByText('Select a folder or a file to see its details.')).toBeTruthy();
    expect(within(details()!).queryByText('fractal.jpg')).toBeNull();
  });

  it('closes with Escape from inside the panel and gives the focus back to the table', async () => {
    await selectFractal();
    const close = within(details()!).getByRole('button', { name: 'Close the details' });
    close.focus();
    fireEvent.keyDown(close, { key: 'Escape' });
    expect(details()).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(grid()));
    // Only the panel closed: the selection is the second Escape's.
    expect(status()).toMatch(/1 selected/);
  });
});
