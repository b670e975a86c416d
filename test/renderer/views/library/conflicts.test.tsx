// The library's uploads and downloads meet names already taken with the app's one conflict question (the Twilio
// downloads ask the same), and Escape there sends nothing.
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeRegion } from '../../../../renderer/src/components/NoticeRegion';
import { useNoticeStore } from '../../../../renderer/src/store/notices-store';
import { expectTheConflictQuestion, pressEscapeIn } from '../../components/conflict-question';
import { folder, ME } from './fake-library';
import { layOutTable, resetLibrary, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

beforeEach(() => {
  layOutTable();
  resetLibrary(lib, [folder('photos', ME.userId, {}, [{ name: 'sunset.jpg' }, { name: 'beach.jpg' }])]);
  lib.override = (method, args) => {
    if (method === 'library.upload') return { queued: [], refused: [] };
    if (method === 'files.pickFolder') return { grantId: 'fg_downloads', path: '/home/me/Downloads', picked: true };
    if (method === 'files.findExisting') return args.names;
    if (method === 'library.download') return [];
    return undefined;
  };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  useNoticeStore.setState({ notices: [] });
});

const jpeg = (name: string) => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' });

async function openPhotos() {
  showLibrary(<NoticeRegion />);
  fireEvent.doubleClick(await screen.findByText('photos'));
  await screen.findByRole('grid', { name: 'Files in folder photos' });
}

describe('names already taken in the library', () => {
  it('asks about an upload with the app’s question, and Escape uploads nothing', async () => {
    await openPhotos();
    fireEvent.change(screen.getByTestId('lib-file-input'), { target: { files: [jpeg('sunset.jpg'), jpeg('beach.jpg'), jpeg('new.jpg')] } });
    const dialog = await screen.findByRole('dialog', { name: '2 names are already taken' });
    expectTheConflictQuestion(dialog, { name: 'sunset.jpg', others: 1 });
    pressEscapeIn(dialog);
    expect(await screen.findByText('Upload cancelled: nothing was sent.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(lib.calls.filter((c) => c.method === 'library.upload')).toEqual([]);
  });

  it('asks about a download with the same question; Replace for all overwrites each file', async () => {
    await openPhotos();
    fireEvent.keyDown(screen.getByRole('grid'), { key: 'a', ctrlKey: true });
    fireEvent.click(screen.getAllByRole('button', { name: 'Download…' })[0]!);
    const dialog = await screen.findByRole('dialog', { name: '2 names are already taken' });
    expectTheConflictQuestion(dialog, { name: 'beach.jpg', others: 1 });
    fireEvent.click(screen.getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(lib.calls.filter((c) => c.method === 'library.download')).toHaveLength(1));
    const sent = lib.calls.find((c) => c.method === 'library.download')?.args.files as Array<{ name: string; onExisting: string }>;
    expect(sent.map((f) => [f.name, f.onExisting])).toEqual([['beach.jpg', 'overwrite'], ['sunset.jpg', 'overwrite']]);
  });
});
