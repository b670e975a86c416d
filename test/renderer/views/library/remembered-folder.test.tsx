// The library reopens the folder left open, from main's settings (a restart is a new window with a new cache); a
// folder that is gone gives way to the domain's folders without an error.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settled } from '../../../../renderer/src/query/settings';
import { account, folder, ME } from './fake-library';
import { layOutTable, resetLibrary, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

/** main's settings file, which outlives every window. */
let settings: Record<string, unknown>;

beforeEach(() => {
  layOutTable();
  resetLibrary(lib, [folder('photos', ME.userId, {}, [{ name: 'sunset.jpg' }]), folder('videos', ME.userId, {}, [{ name: 'clip.mp4' }])]);
  settings = { theme: 'light', welcomeSeen: true, lastPlace: null, accountPlaces: {}, downloadFolders: {} };
  lib.override = (method, args) => {
    if (method === 'settings.get') return settings;
    if (method === 'settings.update') return (settings = { ...settings, ...args });
    return undefined;
  };
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A start: a new window, with its own cache. */
function start() {
  cleanup();
  return showLibrary();
}

describe('the folder left open', () => {
  it('is opened again at the next start', async () => {
    start();
    await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
    fireEvent.doubleClick(document.querySelector<HTMLElement>('[role="row"][data-name="videos"]')!);
    await screen.findByRole('grid', { name: /videos/ });
    await act(() => settled());
    expect(settings.accountPlaces).toEqual({ [account.id]: { folder: 'videos' } });

    start();
    await screen.findByRole('grid', { name: /videos/ });
    expect(document.querySelector('[role="row"][data-name="clip.mp4"]')).not.toBeNull();
  });

  it('gives way to the domain’s folders, quietly, when it was deleted since', async () => {
    settings = { ...settings, accountPlaces: { [account.id]: { folder: 'deleted-since' } } };
    start();
    await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(lib.calls.some((c) => c.method === 'library.getFolder')).toBe(false);
  });
});
