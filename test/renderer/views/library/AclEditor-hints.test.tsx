// What the access-list editor points out before a save: a user id typed that is not the shape the library gives
// (a partial one, "US12") is kept but said, under its list and in the review; applying a list to a folder's files or
// to the selected ones names, in the review, the files whose own list it replaces (the first few, "and N more").
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { switchLanguage } from '../../../../renderer/src/i18n';
import { folder, ME, OTHER } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

const FULL_ID = '972ee92d-dead-beef-927f-7a92e40f8490';
const own = { readUsers: [ME.userId, OTHER.userId] };
// Seven files with a list of their own, one that follows the folder's.
const FILES = [...['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => ({ name: `${n}.jpg`, acl: own })), { name: 'plain.jpg' }];

beforeEach(() => {
  layOutTable();
  resetLibrary(lib, [folder('photos', ME.userId, {}, FILES), folder('mine', ME.userId)]);
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await switchLanguage('en');
});

async function openEditor(name: string, button = 'Permissions…') {
  showLibrary();
  await screen.findByRole('grid', { name: /demo\.example/ });
  fireEvent.click(row(name));
  fireEvent.click(screen.getByRole('button', { name: button }));
  const dialog = await screen.findByTestId('acl-editor');
  await within(dialog).findByTestId('acl-summary-read');
  return dialog;
}

async function inPhotos() {
  showLibrary();
  await screen.findByRole('grid', { name: /demo\.example/ });
  fireEvent.doubleClick(row('photos'));
  await screen.findByRole('grid', { name: 'Files in folder photos' });
}

async function review(dialog: HTMLElement) {
  fireEvent.click(within(dialog).getByRole('button', { name: 'Review changes…' }));
  await within(dialog).findByText('Review the changes');
}

function addReader(dialog: HTMLElement, id: string, label = 'Add users who can read') {
  const field = within(dialog).getByRole('textbox', { name: label });
  fireEvent.change(field, { target: { value: id } });
  fireEvent.keyDown(field, { key: 'Enter' });
}

describe('a user id that does not look whole', () => {
  const hint = '"US12" does not look like a complete user id: the library gives user ids of 36 characters, such as 972ee92d-dead-beef-927f-7a92e40f8490. It is kept as typed; check it before saving.';

  it('is kept but pointed out under its list and in the review; a full id, your own, or one the address book knows is not', async () => {
    resetLibrary(lib, [folder('mine', ME.userId)], [{ id: 'ops-desk', kind: 'user', name: 'Operations desk', note: '' }]);
    const dialog = await openEditor('mine');
    addReader(dialog, 'US12');
    const list = within(dialog.querySelector<HTMLElement>('[data-list="readUsers"]')!);
    expect(list.getByRole('button', { name: 'Remove US12 from read · users' })).toBeTruthy();
    expect(list.getByTestId('acl-unsure-ids').textContent).toBe(hint);
    addReader(dialog, `${FULL_ID} ${ME.userId} ops-desk`);
    expect(list.getByRole('button', { name: /^Remove Operations desk/ })).toBeTruthy();
    expect(list.getByTestId('acl-unsure-ids').textContent).toBe(hint);

    await review(dialog);
    expect(within(dialog).getByTestId('acl-unsure-ids').textContent).toBe(hint);
    // Saving is not blocked: the protocol takes any id.
    expect(within(dialog).getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Back' }));
    fireEvent.click(list.getByRole('button', { name: 'Remove US12 from read · users' }));
    expect(within(dialog).queryByTestId('acl-unsure-ids')).toBeNull();
  });

  it('is said in Japanese', async () => {
    await switchLanguage('ja');
    const dialog = await openEditor('mine', '権限…');
    addReader(dialog, 'US12', '読み取れるユーザーを追加');
    expect(within(dialog).getByTestId('acl-unsure-ids').textContent).toMatch(/^「US12」 ?は完全なユーザー ID ではないようです。/);
  });
});

describe('the review of a list applied to many files', () => {
  it('to the folder and all its files: names the files whose own list it replaces, the first five and how many more', async () => {
    await inPhotos();
    fireEvent.click(screen.getByRole('button', { name: 'Folder permissions…' }));
    const dialog = await screen.findByTestId('acl-editor');
    await within(dialog).findByTestId('acl-summary-read');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Only me' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /^Also apply to every file in this folder \(8 files\)/ }));
    await review(dialog);
    expect(within(dialog).getByTestId('acl-replaced').textContent).toBe('It replaces the own lists of 7 files: a.jpg, b.jpg, c.jpg, d.jpg, e.jpg and 2 more.');
  });

  it('to the selected files: names those with a list of their own', async () => {
    await inPhotos();
    fireEvent.click(row('a.jpg'));
    fireEvent.click(row('plain.jpg'), { ctrlKey: true });
    fireEvent.click(screen.getByRole('button', { name: 'File permissions…' }));
    const dialog = await screen.findByTestId('acl-editor');
    await within(dialog).findByTestId('acl-summary-read');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Only me' }));
    await review(dialog);
    expect(within(dialog).getByTestId('acl-replaced').textContent).toBe('It replaces the own list of 1 file: a.jpg.');
  });

  it('says so when no file has a list of its own to replace', async () => {
    showLibrary();
    await screen.findByRole('grid', { name: /demo\.example/ });
    fireEvent.doubleClick(row('mine'));
    await screen.findByText(/^The folder "mine" is empty/);
    fireEvent.click(screen.getByRole('button', { name: 'Folder permissions…' }));
    const dialog = await screen.findByTestId('acl-editor');
    await within(dialog).findByTestId('acl-summary-read');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /^Also apply to every file in this folder/ }));
    await review(dialog);
    expect(within(dialog).getByTestId('acl-replaced').textContent).toBe('No file here has a list of its own that it would replace.');
  });
});
