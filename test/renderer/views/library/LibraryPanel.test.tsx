// The library browser's states as an admin meets them: loading, an empty domain, a library that cannot be read, a
// change that shows at once (the cache refetches what a mutation touched), and what the access lists rule out
// (disabled, with the reason), and the focus handed back to the table when a dialog is closed with Escape.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoticeRegion } from '../../../../renderer/src/components/NoticeRegion';
import { useNoticeStore } from '../../../../renderer/src/store/notices-store';
import { account, folder, ME, OTHER } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

beforeEach(() => {
  layOutTable();
  resetLibrary(
    lib,
    [
      folder('photos', ME.userId, {}, [{ name: 'sunset.jpg' }]),
      // Shared read-only by a colleague.
      folder('from-colleague', OTHER.userId, { readUsers: [OTHER.userId, ME.userId], writeUsers: [OTHER.userId] }, [{ name: 'portrait.jpg' }]),
      // Readable through this app, writable only through the partner's.
      folder('partner-drop', ME.userId, { readApps: [ME.appId, OTHER.appId], writeApps: [OTHER.appId] }),
    ],
  );
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  useNoticeStore.setState({ notices: [] });
});

const show = () => showLibrary(<NoticeRegion />);

const grid = () => screen.getByRole('grid');
const notices = () => within(screen.getByRole('region', { name: 'Notifications' }));

async function folders() {
  await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
}

describe('the library browser', () => {
  it('says it is loading while the folder list has not come', async () => {
    lib.holding.add('library.listFolders');
    show();
    expect(await screen.findByText('Loading folders…')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('says what to do in a domain with no folder it can see', async () => {
    lib.folders = [folder('colleague-private', OTHER.userId)];
    show();
    expect((await screen.findByTestId('lib-empty')).textContent).toBe('There is no folder you can see in domain "demo.example". Create one with New folder, then drop files on it.');
  });

  it('says why the library could not be read, and tries again when asked', async () => {
    lib.failing.set('library.listFolders', { code: 'network', message: 'The server did not answer.' });
    show();
    expect((await screen.findByRole('alert')).textContent).toContain('The media library could not be read: The server did not answer.');
    lib.failing.clear();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await folders();
  });

  it('shows a new folder as soon as it is created (the folder list is refetched)', async () => {
    show();
    await folders();
    fireEvent.click(screen.getByRole('button', { name: 'New folder…' }));
    fireEvent.change(screen.getByLabelText('Folder name'), { target: { value: 'holiday' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create folder' }));
    await waitFor(() => expect(row('holiday').getAttribute('aria-selected')).toBe('true'));
    expect(lib.calls.filter((c) => c.method === 'library.listFolders')).toHaveLength(2);
  });

  it('shows an uploaded file when the transfer queue says its upload is done (the folder is refetched)', async () => {
    const transfer = { id: 'tr_1', accountId: account.id, direction: 'upload', title: 'beach.jpg', detail: 'into photos', state: 'queued', bytesDone: 0, bytesTotal: 3, speed: 0, eta: null, createdAt: '2026-01-03T00:00:00Z' };
    lib.override = (method) => (method === 'library.upload' ? { queued: [transfer], refused: [] } : undefined);
    show();
    await folders();
    fireEvent.doubleClick(row('photos'));
    await screen.findByRole('grid', { name: 'Files in folder photos' });
    fireEvent.change(screen.getByTestId('lib-file-input'), { target: { files: [new File([new Uint8Array([0xff, 0xd8, 0xff])], 'beach.jpg', { type: 'image/jpeg' })] } });
    await notices().findByText(/Uploading 1 file into "photos"/);
    // The server has the file now; the table learns it from the queue's event, not from a refresh.
    lib.folders[0]?.files.push({ ...(lib.folders[0].files[0] as NonNullable<(typeof lib.folders)[0]['files'][0]>), id: 'photos/beach.jpg', name: 'beach.jpg' });
    expect(document.querySelector('[data-name="beach.jpg"]')).toBeNull();
    lib.emit('transfers.changed', { changed: [{ ...transfer, state: 'done' }], summary: { active: 0, progress: null } });
    await waitFor(() => expect(row('beach.jpg')).toBeTruthy());
    // Its upload has ended: "Uploading…" is not left behind.
    expect(notices().queryByText(/Uploading/)).toBeNull();
  });

  it('does not offer Delete on a folder it may only read, and says why', async () => {
    show();
    await folders();
    fireEvent.click(row('from-colleague'));
    const del = screen.getByRole('button', { name: 'Delete…' });
    expect(del).toHaveProperty('disabled', true);
    // One sentence for the item, naming each refused action (not one sentence per button).
    expect(screen.getByTestId('lib-why').textContent).toBe('You may not change "from-colleague": its access list does not let you change its permissions or delete it.');
    expect(del.getAttribute('title')).toBe('You may not change "from-colleague": its access list does not let you delete it.');
    expect(del.getAttribute('aria-describedby')).toBe(screen.getByTestId('lib-why').id);
    // The Delete key does nothing either: no dialog, no request.
    fireEvent.keyDown(grid(), { key: 'Delete' });
    expect(screen.queryByRole('dialog')).toBeNull();
    // A folder of its own: offered.
    fireEvent.click(row('photos'));
    expect(screen.getByRole('button', { name: 'Delete…' })).toHaveProperty('disabled', false);
  });

  it('does not offer Download, Permissions or Delete on a file it locked itself out of, nor its preview', async () => {
    lib.folders[0] = folder('photos', ME.userId, {}, [{ name: 'sunset.jpg' }, { name: 'locked.jpg', acl: { readUsers: [OTHER.userId], writeUsers: [OTHER.userId] } }]);
    show();
    await folders();
    fireEvent.doubleClick(row('photos'));
    await screen.findByRole('grid', { name: 'Files in folder photos' });
    fireEvent.click(row('locked.jpg'));
    const bar = within(screen.getByRole('navigation', { name: 'Location' }).parentElement as HTMLElement);
    for (const name of ['Download…', 'File permissions…', 'Delete…']) expect(bar.getByRole('button', { name })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    const details = screen.getByRole('complementary');
    expect(within(details).getByTestId('preview-refused')).toBeTruthy();
    // Neither a preview nor a list thumbnail is asked for a file it cannot read.
    expect(lib.calls.some((c) => c.method === 'library.mediaUrl' && c.args.file === 'locked.jpg')).toBe(false);
    for (const name of ['Download…', 'Permissions…', 'Delete…']) expect(within(details).getByRole('button', { name })).toHaveProperty('disabled', true);
    // Its neighbour, which it may use: offered, with its preview.
    fireEvent.click(row('sunset.jpg'));
    expect(within(details).getByRole('button', { name: 'Delete…' })).toHaveProperty('disabled', false);
    await within(details).findByTestId('preview-image');
  });

  it('says before anything is sent that a folder is not writable through this app', async () => {
    show();
    await folders();
    fireEvent.doubleClick(row('partner-drop'));
    await screen.findByTestId('lib-empty');
    expect(screen.getByRole('button', { name: 'Upload files…' })).toHaveProperty('disabled', true);
    expect(screen.getByTestId('lib-why').textContent).toContain(`You may not add files to "partner-drop": its access list does not let you write to it through this app.`);
    // Files that arrive anyway (a drop, the file input): refused in words, and nothing is prepared or sent.
    fireEvent.change(screen.getByTestId('lib-file-input'), { target: { files: [new File([new Uint8Array([0xff, 0xd8, 0xff])], 'beach.jpg', { type: 'image/jpeg' })] } });
    expect((await notices().findByText(/^Nothing was uploaded\./)).textContent).toContain('Nothing was uploaded. You may not add files to "partner-drop"');
    expect(screen.queryByText(/Uploading|Preparing/)).toBeNull();
    expect(lib.calls.filter((c) => c.method === 'library.upload')).toEqual([]);
  });

  it('gives the focus back to the row that opened a dialog closed with Escape', async () => {
    show();
    await folders();
    fireEvent.click(row('photos'));
    fireEvent.keyDown(grid(), { key: 'Delete' });
    const dialog = await screen.findByRole('dialog', { name: 'Delete folder "photos"?' });
    // Escape on a modal <dialog> is its cancel event.
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(grid()));
    expect(grid().getAttribute('aria-activedescendant')).toBe(row('photos').id);
  });
});
