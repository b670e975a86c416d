// The access-list editor as an admin works it: unsaved edits are not thrown away by Escape, Close or Cancel without
// asking; removing someone leaves the focus on the list, not on the page; the sentences say "you" and "this app"
// for the signed-in user and this app, never their ids, in English and in Japanese; what the domain preset leaves out
// is said on the page, not only in a tooltip.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { switchLanguage } from '../../../../renderer/src/i18n';
import { pressEscapeIn } from '../../components/conflict-question';
import { folder, ME, OTHER } from './fake-library';
import { layOutTable, resetLibrary, row, showLibrary } from './support';

const lib = await vi.hoisted(async () => (await import('./fake-library')).installFakeLibrary());

const STRANGER = '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44';

beforeEach(() => {
  layOutTable();
  resetLibrary(lib, [
    folder('photos', ME.userId, { readUsers: [ME.userId, OTHER.userId, STRANGER], writeUsers: [ME.userId] }),
    folder('mine', ME.userId),
    folder('partner-drop', ME.userId, { readApps: [ME.appId, OTHER.appId], writeApps: [OTHER.appId] }),
  ]);
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

const readUsers = (dialog: HTMLElement) => within(dialog.querySelector<HTMLElement>('[data-list="readUsers"]')!);

describe('closing the editor with unsaved edits', () => {
  it('asks before Escape throws edits away, keeps them on Cancel, and closes on Discard', async () => {
    const dialog = await openEditor('photos');
    fireEvent.click(readUsers(dialog).getByRole('button', { name: `Remove ${OTHER.userId} from read · users` }));
    pressEscapeIn(dialog);
    const ask = await screen.findByRole('dialog', { name: 'Discard changes?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog', { name: 'Discard changes?' })).toBeNull();
    expect(screen.getByTestId('acl-editor')).toBe(dialog);
    expect(readUsers(dialog).queryByRole('button', { name: `Remove ${OTHER.userId} from read · users` })).toBeNull();

    // The editor's own Cancel asks the same, and Discard closes it.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Discard changes?' })).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByTestId('acl-editor')).toBeNull());
  });

  it('asks from the review step too', async () => {
    const dialog = await openEditor('photos');
    fireEvent.click(readUsers(dialog).getByRole('button', { name: `Remove ${OTHER.userId} from read · users` }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Review changes…' }));
    await within(dialog).findByText('Review the changes');
    pressEscapeIn(dialog);
    expect(await screen.findByRole('dialog', { name: 'Discard changes?' })).toBeTruthy();
  });

  it('closes at once on Escape without edits', async () => {
    const dialog = await openEditor('photos');
    pressEscapeIn(dialog);
    await waitFor(() => expect(screen.queryByTestId('acl-editor')).toBeNull());
    expect(screen.queryByRole('dialog', { name: 'Discard changes?' })).toBeNull();
  });
});

describe('the focus after removing someone', () => {
  it('goes to the next chip, else the one before, else the add field', async () => {
    const dialog = await openEditor('photos');
    const list = readUsers(dialog);
    fireEvent.click(list.getByRole('button', { name: `Remove ${ME.userId} from read · users` }));
    expect(document.activeElement).toBe(list.getByRole('button', { name: `Remove ${OTHER.userId} from read · users` }));
    fireEvent.click(list.getByRole('button', { name: `Remove ${STRANGER} from read · users` }));
    expect(document.activeElement).toBe(list.getByRole('button', { name: `Remove ${OTHER.userId} from read · users` }));
    fireEvent.click(list.getByRole('button', { name: `Remove ${OTHER.userId} from read · users` }));
    expect(document.activeElement).toBe(list.getByRole('textbox', { name: 'Add users who can read' }));
  });
});

describe('"you" and "this app" instead of ids', () => {
  it('says the creator as you, and the lock-out warning as you through this app', async () => {
    let dialog = await openEditor('mine');
    expect(within(dialog).getByTestId('acl-summary-read').textContent).toBe('Who can read: Only the creator (you) can read.');
    pressEscapeIn(dialog);
    await waitFor(() => expect(screen.queryByTestId('acl-editor')).toBeNull());
    cleanup();

    dialog = await openEditor('photos');
    expect(within(dialog).getByTestId('acl-summary-read').textContent).toBe('Who can read: Only you and the users colleague and 14d9f582… can read, through any application.');
    fireEvent.click(readUsers(dialog).getByRole('button', { name: `Remove ${ME.userId} from read · users` }));
    const warning = within(dialog).getByText(/^After saving/);
    expect(warning.textContent).toBe('After saving, you (through this app) will no longer be able to read this.');
  });

  it('says the upload refusal to you, through this app', async () => {
    showLibrary();
    await screen.findByRole('grid', { name: /demo\.example/ });
    fireEvent.doubleClick(row('partner-drop'));
    await waitFor(() => expect(screen.getByTestId('lib-why').textContent).toContain('You may not add files to "partner-drop": its access list does not let you write to it through this app.'));
    expect(screen.getByTestId('lib-why').textContent).not.toContain(ME.appId);
  });

  it('says them in Japanese', async () => {
    await switchLanguage('ja');
    const dialog = await openEditor('photos', '権限…');
    expect(within(dialog).getByTestId('acl-summary-read').textContent).toContain('あなたとユーザー colleague、14d9f582…だけが読み取れます');
    fireEvent.click(readUsers(dialog).getAllByRole('button')[0]!);
    expect(within(dialog).getByText(/^保存すると/).textContent).toBe('保存すると、あなた（このアプリ経由）はこの項目を読み取れなくなります。');
  });
});

describe('the domain preset', () => {
  /** The text the button is described by (aria-describedby), which must be on the page, not in a tooltip. */
  const helpOf = (button: HTMLElement) => {
    expect(button.getAttribute('title')).toBeNull();
    const help = document.getElementById(button.getAttribute('aria-describedby') ?? '-');
    expect(help?.closest('[data-testid="acl-editor"]')).toBeTruthy();
    return help?.textContent ?? '';
  };

  it('says who it lists and who it leaves out as help text under the presets', async () => {
    const dialog = await openEditor('photos');
    const help = helpOf(within(dialog).getByRole('button', { name: 'Users known in this domain' }));
    expect(help).toBe('Users known in this domain: Will give read and write to the 3 users this app knows of in the domain now: you, colleague and 14d9f582…. Someone who joins the domain later will not be included.');
  });

  it('says it in Japanese', async () => {
    await switchLanguage('ja');
    const dialog = await openEditor('photos', '権限…');
    const help = helpOf(within(dialog).getByRole('button', { name: 'ドメインの既知のユーザー' }));
    expect(help).toMatch(/^ドメインの既知のユーザー：.*3 人に読み書きを許可します：.*後からドメインに加わった人は含まれません。$/);
  });
});
