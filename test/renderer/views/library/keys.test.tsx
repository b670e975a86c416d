// The library's table follows the app's grid key map: Backspace goes up and never deletes, Delete asks and deletes
// only once confirmed, Enter opens; Escape closes the details before it clears the selection; Ctrl+I shows them
// and hides them, from the table and from the bar.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { folder, ME } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

beforeEach(() => {
  layOutTable();
  resetLibrary(lib, [folder('photos', ME.userId, {}, [{ name: 'sunset.jpg' }])]);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const grid = () => screen.getByRole('grid');
const deletes = () => lib.calls.filter((c) => /delete/i.test(c.method));

describe('the library table’s keys', () => {
  it('opens with Enter, goes up with Backspace without deleting, and deletes with Delete only once confirmed', async () => {
    showLibrary();
    fireEvent.click(await screen.findByText('photos'));
    fireEvent.keyDown(grid(), { key: 'Enter' });
    fireEvent.click(await screen.findByText('sunset.jpg'));
    expect(grid().getAttribute('aria-label')).toBe('Files in folder photos');
    expect(screen.getByText(/Keys: arrows move, Enter opens, Backspace goes up, Delete deletes \(after asking\)/)).toBeTruthy();

    for (const mods of [{}, { metaKey: true }, { ctrlKey: true }]) {
      fireEvent.keyDown(grid(), { key: 'Backspace', ...mods });
      expect(screen.queryByRole('dialog')).toBeNull();
      if (grid().getAttribute('aria-label') !== 'Files in folder photos') {
        fireEvent.keyDown(grid(), { key: 'Enter' });
        await screen.findByRole('grid', { name: 'Files in folder photos' });
        fireEvent.click(await screen.findByText('sunset.jpg'));
      }
    }
    expect(deletes()).toEqual([]);

    fireEvent.keyDown(grid(), { key: 'Delete' });
    const confirm = await screen.findByRole('dialog');
    expect(deletes()).toEqual([]);
    fireEvent.click(within(confirm).getByRole('button', { name: /^Delete/ }));
    await waitFor(() => expect(deletes()).toHaveLength(1));
  });

  it('closes the details with the first Escape and clears the selection with the second; Ctrl+I shows and hides them', async () => {
    showLibrary();
    fireEvent.click(await screen.findByText('photos'));
    fireEvent.keyDown(grid(), { key: 'Enter' });
    fireEvent.click(await screen.findByText('sunset.jpg'));
    fireEvent.keyDown(grid(), { key: 'Enter' });
    expect(await screen.findByTestId('lib-details')).toBeTruthy();

    fireEvent.keyDown(grid(), { key: 'Escape' });
    expect(screen.queryByTestId('lib-details')).toBeNull();
    expect(row('sunset.jpg').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid(), { key: 'Escape' });
    expect(row('sunset.jpg').getAttribute('aria-selected')).toBe('false');

    fireEvent.keyDown(grid(), { key: 'i', ctrlKey: true });
    expect(screen.getByTestId('lib-details')).toBeTruthy();
    const bar = screen.getByRole('button', { name: /^Refresh/ });
    fireEvent.keyDown(bar, { key: 'i', ctrlKey: true });
    expect(screen.queryByTestId('lib-details')).toBeNull();
  });
});
