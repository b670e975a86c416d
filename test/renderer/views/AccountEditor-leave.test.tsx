// Leaving the account form with unsaved work asks first ("Keep editing" / "Discard"), from the sidebar, from another
// account and from the form's own Cancel, as the whole app renders it; without unsaved work it leaves at once.
// Saving after a failed Test says so on the account's view, and an edit after a Test clears its stale answer.
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { App } from '../../../renderer/src/App';
import { createQueryClient } from '../../../renderer/src/query/client';
import { settled } from '../../../renderer/src/query/settings';
import { useAppStore } from '../../../renderer/src/store/app-store';
import { useLeaveGuard } from '../../../renderer/src/store/leave-guard';
import { inJapaneseEachTest } from '../i18n/in-japanese';

const LIBRARY = { id: 'acc_library01', kind: 'library', label: 'Production', sandbox: false, secretSet: true, serverUrl: 'https://media.example.com', domain: 'example.com', userId: 'admin', appId: 'desk', createdAt: '', updatedAt: '' };
const OTHER = { ...LIBRARY, id: 'acc_library02', label: 'Archive' };

const main = vi.hoisted(() => {
  const state = {
    calls: [] as Array<{ method: string; args: unknown }>,
    /** What accounts.testConfig answers; a held answer waits for `release`. */
    test: { ok: false, message: 'The server refused the user name or password (HTTP 401).' } as { ok: boolean; message: string },
    hold: false,
    language: 'en',
    release: () => undefined as void,
  };
  const answer = (method: string, args: unknown): unknown => {
    switch (method) {
      case 'app.info': return { name: 'Media Desk', version: '1.0.0', host: 'browser', platform: 'linux', dataDir: '/d', sandboxUrl: null, downloadFolder: null, secureStorage: { persistent: true, backend: 'key-file', description: '' } };
      case 'settings.get': return { theme: 'light', language: state.language, concurrency: 2, sandboxEnabled: false, persistSecretsWithoutKeyring: false, welcomeSeen: true, lastPlace: { view: 'home' }, accountPlaces: {}, downloadFolders: {}, twilioFileNamePattern: '{date}_{time}_{from}_{mediaSid}{ext}' };
      case 'accounts.list': return [];
      case 'app.notices': case 'log.list': return [];
      case 'transfers.list': return { items: [], summary: { active: 0, progress: null } };
      case 'accounts.update': return { ...(args as { config: object }).config, id: (args as { accountId: string }).accountId, secretSet: true, createdAt: '', updatedAt: '' };
      default: return undefined;
    }
  };
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => {
      state.calls.push({ method, args });
      if (method === 'accounts.testConfig') {
        const result = { ok: true, value: state.test };
        return state.hold ? new Promise((resolve) => (state.release = () => resolve(result))) : Promise.resolve(result);
      }
      return Promise.resolve({ ok: true, value: answer(method, args) });
    },
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

afterEach(() => {
  cleanup();
  main.calls.length = 0;
  main.hold = false;
  main.language = 'en';
  useLeaveGuard.setState({ registered: [], asking: null });
});

/** The app, started, on the edit form of "Production". */
async function editProduction(domainLabel = 'Domain') {
  const client = createQueryClient();
  useAppStore.setState({ status: 'loading', route: { view: 'home' }, accounts: [] });
  await act(() => useAppStore.getState().init(client));
  await act(() => settled());
  act(() => useAppStore.setState({ accounts: [LIBRARY, OTHER] as never, route: { view: 'account-edit', accountId: LIBRARY.id } }));
  render(<QueryClientProvider client={client}><App /></QueryClientProvider>);
  return screen.findByRole('textbox', { name: domainLabel }, { timeout: 10_000 });
}

const nav = () => within(screen.getByRole('navigation'));

describe('leaving the account form with unsaved work', { timeout: 30_000 }, () => {
  it('asks on a sidebar move: Keep editing keeps the typed text, Discard goes where the user clicked', async () => {
    const domain = await editProduction();
    fireEvent.change(domain, { target: { value: 'corp.example.com' } });
    fireEvent.click(nav().getByRole('button', { name: 'Activity' }));

    const ask = await screen.findByRole('dialog', { name: 'Discard your changes to "Production"?' });
    // The safe choice has the focus.
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));
    fireEvent.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(useAppStore.getState().route.view).toBe('account-edit');
    expect(screen.getByRole('textbox', { name: 'Domain' })).toHaveProperty('value', 'corp.example.com');

    fireEvent.click(nav().getByRole('button', { name: 'Activity' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Discard' }));
    await screen.findByRole('heading', { level: 1, name: 'Activity' }, { timeout: 10_000 });
    expect(main.calls.map((c) => c.method)).not.toContain('accounts.update');
  });

  it('asks on a move to another account and on the form’s own Cancel', async () => {
    const domain = await editProduction();
    fireEvent.change(domain, { target: { value: 'corp.example.com' } });
    fireEvent.click(nav().getByRole('button', { name: 'Archive' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: /Production/ })).getByRole('button', { name: 'Keep editing' }));
    expect(useAppStore.getState().route).toEqual({ view: 'account-edit', accountId: LIBRARY.id });

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: /Production/ })).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(useAppStore.getState().route).toEqual({ view: 'account', accountId: LIBRARY.id }));
  });

  it('leaves at once when nothing is unsaved, a field typed in and put back included', async () => {
    const domain = await editProduction();
    fireEvent.change(domain, { target: { value: 'corp.example.com' } });
    fireEvent.change(domain, { target: { value: 'example.com' } });
    fireEvent.click(nav().getByRole('button', { name: 'Activity' }));
    await screen.findByRole('heading', { level: 1, name: 'Activity' }, { timeout: 10_000 });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('the Test before a save', { timeout: 30_000 }, () => {
  it('a save after a failed Test says, on the account’s view, that the saved account failed its last test', async () => {
    const domain = await editProduction();
    fireEvent.change(domain, { target: { value: 'corp.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/refused the user name or password/);
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    const warning = await screen.findByText('Saved. The last test failed: The server refused the user name or password (HTTP 401).', undefined, { timeout: 10_000 });
    expect(warning.className).toBe('banner warn');
    expect(screen.getByRole('heading', { level: 1, name: /Production/ })).toBeTruthy();
  });

  it('an edit after a Test clears its answer, and an answer to a form edited since it was asked is not shown', async () => {
    const domain = await editProduction();
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/refused the user name or password/);
    fireEvent.change(domain, { target: { value: 'corp.example.com' } });
    expect(screen.queryByText(/refused the user name or password/)).toBeNull();

    main.hold = true;
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(main.calls.filter((c) => c.method === 'accounts.testConfig')).toHaveLength(2));
    fireEvent.change(domain, { target: { value: 'other.example.com' } });
    await act(async () => main.release());
    await waitFor(() => expect(screen.getByRole('button', { name: 'Test connection' })).toHaveProperty('disabled', false));
    expect(screen.queryByText(/refused the user name or password/)).toBeNull();

    // Saved with no test of what was saved: nothing is said about a test.
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { level: 1, name: /Production/ }, { timeout: 10_000 });
    expect(screen.queryByText(/The last test failed/)).toBeNull();
  });
});

describe('in Japanese', { timeout: 30_000 }, () => {
  inJapaneseEachTest();

  it('asks in Japanese, naming the account', async () => {
    main.language = 'ja';
    const domain = await editProduction('ドメイン');
    fireEvent.change(domain, { target: { value: 'corp.example.com' } });
    fireEvent.click(nav().getByRole('button', { name: 'アクティビティ' }));
    const ask = await screen.findByRole('dialog', { name: '「Production」への変更を破棄しますか？' });
    expect(within(ask).getAllByRole('button').map((b) => b.textContent)).toEqual(['編集を続ける', '破棄']);
  });
});
