// People by name in the library: the details panel, the permissions editor (its lists, summary and changes) and the
// reasons an action is refused say the names the address book gives, keep the id on hover (and in the details), and
// keep "(you)" apart from the name so it is never cut off with it.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { folder, ME, OTHER } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

const STRANGER = '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44';

beforeEach(() => {
  layOutTable();
  resetLibrary(
    lib,
    [
      folder('photos', ME.userId, { readUsers: [ME.userId, OTHER.userId, STRANGER], writeUsers: [ME.userId] }),
      folder('from-colleague', OTHER.userId, { readUsers: [OTHER.userId, ME.userId], writeUsers: [OTHER.userId] }),
      folder('partner-drop', ME.userId, { readApps: [ME.appId, OTHER.appId], writeApps: [OTHER.appId] }),
    ],
    [
      { id: ME.userId, kind: 'user', name: 'Dana Demo', note: '' },
      { id: OTHER.userId, kind: 'user', name: 'Carla Jones', note: 'Sales' },
      { id: ME.appId, kind: 'app', name: 'Media Desk app', note: '' },
      { id: OTHER.appId, kind: 'app', name: 'Partner Portal', note: '' },
    ],
  );
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

async function ready() {
  await screen.findByRole('grid', { name: 'Folders in domain demo.example' });
  await waitFor(() => expect(lib.calls.some((c) => c.method === 'addressBook.list')).toBe(true));
}

describe('names from the address book in the library', () => {
  it('shows names in the details, the ids under them and on hover, and "(you)" on its own', async () => {
    showLibrary();
    await ready();
    fireEvent.click(row('from-colleague'));
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    const details = within(screen.getByRole('complementary'));
    await details.findByText('Only you and the user Carla Jones can read, through any application.');
    const creator = details.getAllByText('Carla Jones')[0]!.closest('.person') as HTMLElement;
    expect(creator.getAttribute('title')).toBe(`Carla Jones (${OTHER.userId})`);
    expect(details.getAllByText(OTHER.userId).length).toBeGreaterThan(0);
    const you = details.getAllByText('(you)')[0]!;
    expect(you.closest('.person')?.querySelector('.person-name')?.textContent).toBe('Dana Demo');
    expect(you.classList.contains('person-mark')).toBe(true);
  });

  it('keeps an unnamed id whole in the details', async () => {
    showLibrary();
    await ready();
    fireEvent.click(row('photos'));
    fireEvent.click(screen.getByRole('button', { name: 'Details' }));
    const details = within(screen.getByRole('complementary'));
    expect(await details.findByText(STRANGER)).toBeTruthy();
  });

  it('names people in the editor\'s lists, its summary and the changes to review', async () => {
    showLibrary();
    await ready();
    fireEvent.click(row('photos'));
    fireEvent.click(screen.getByRole('button', { name: 'Permissions…' }));
    const editor = within(await screen.findByTestId('acl-editor'));
    const readUsers = within(await editor.findByRole('list', { name: 'Read · users: 3 listed' }));
    expect(readUsers.getByText('Dana Demo')).toBeTruthy();
    expect(readUsers.getByText('(you)')).toBeTruthy();
    // Not in the book: shortened, the whole id on hover.
    const stranger = readUsers.getByText('14d9f582…');
    expect(stranger.closest('.person')?.getAttribute('title')).toBe(STRANGER);
    expect(editor.getByTestId('acl-summary-read').textContent).toBe('Who can read: Only you and the users Carla Jones and 14d9f582… can read, through any application.');

    fireEvent.click(readUsers.getByRole('button', { name: `Remove Carla Jones (${OTHER.userId}) from read · users` }));
    expect(editor.getByTestId('acl-summary-read').textContent).toBe('Who can read: Only you and the user 14d9f582… can read, through any application.');
    fireEvent.click(editor.getByRole('button', { name: 'Review changes…' }));
    const change = within(await editor.findByRole('list', { name: 'Changes to be saved' })).getByRole('listitem');
    expect(change.textContent).toBe('− Remove Carla Jones from read · users');
    expect(change.querySelector('.person')?.getAttribute('title')).toBe(`Carla Jones (${OTHER.userId})`);
  });

  it('says who may not upload as you and this app', async () => {
    showLibrary();
    await ready();
    fireEvent.doubleClick(row('partner-drop'));
    await screen.findByTestId('lib-empty');
    await waitFor(() => expect(screen.getByTestId('lib-why').textContent).toContain('its access list does not let you write to it through this app.'));
  });
});
