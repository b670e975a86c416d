// After a move the view that had the keyboard focus leaves the page: the focus lands in the new view (the account
// form's first field, else the view's heading), never on the page itself. A move from the sidebar keeps the focus
// where the user put it.
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../main/common/accounts';
import type { EventMap, MediaDeskBridge } from '../../main/common/contract';
import { App } from '../../renderer/src/App';
import { createQueryClient } from '../../renderer/src/query/client';
import { settled } from '../../renderer/src/query/settings';
import { useAppStore } from '../../renderer/src/store/app-store';

const ACCOUNT = { id: 'acc_upload01', kind: 'generic', label: 'My upload', sandbox: false, secretSet: true, username: 'u', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', settings: { genericMediaUploadUrl: 'https://h.example/u' }, variables: {} } as unknown as AccountSummary;

const main = vi.hoisted(() => {
  const state = {
    accounts: [] as unknown[],
    listeners: new Map<string, (payload: unknown) => void>(),
  };
  const answer = (method: string): unknown => {
    switch (method) {
      case 'app.info': return { name: 'Media Desk', version: '1.0.0', host: 'browser', platform: 'linux', dataDir: '/d', sandboxUrl: null, downloadFolder: null, secureStorage: { persistent: true, backend: 'key-file', description: '' } };
      case 'settings.get': return { theme: 'light', concurrency: 2, sandboxEnabled: false, persistSecretsWithoutKeyring: false, welcomeSeen: true, lastPlace: { view: 'home' }, accountPlaces: {}, downloadFolders: {}, twilioFileNamePattern: '{date}_{time}_{from}_{mediaSid}{ext}' };
      case 'settings.update': return {};
      case 'accounts.list': return state.accounts;
      case 'app.notices': case 'log.list': return [];
      case 'transfers.list': return { items: [], summary: { active: 0, progress: null } };
      default: return undefined;
    }
  };
  window.mediaDesk = {
    invoke: (method: string) => {
      if (method === 'accounts.create') {
        state.accounts = [{ id: 'acc_upload01' }];
        return Promise.resolve({ ok: true, value: { id: 'acc_upload01' } });
      }
      return Promise.resolve({ ok: true, value: answer(method) });
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      state.listeners.set(event, listener);
      return () => undefined;
    },
  } as unknown as MediaDeskBridge;
  return state;
});

/** main announcing its accounts, as it does after each change. */
const accountsChanged = (accounts: AccountSummary[]) => act(() => main.listeners.get('accounts.changed')?.(accounts satisfies EventMap['accounts.changed']));

async function start() {
  const client = createQueryClient();
  useAppStore.setState({ status: 'loading', route: { view: 'home' }, accounts: [] });
  await act(() => useAppStore.getState().init(client));
  await act(() => settled());
  render(<QueryClientProvider client={client}><App /></QueryClientProvider>);
}

afterEach(() => {
  cleanup();
  main.accounts = [];
});

describe('the keyboard focus after a move', { timeout: 30_000 }, () => {
  it('opening the upload account form from the Welcome page: its first field', async () => {
    await start();
    const add = await screen.findByRole('button', { name: 'Add a media upload account' });
    add.focus();
    fireEvent.click(add);
    const name = await screen.findByRole('textbox', { name: 'Account name' }, { timeout: 10_000 });
    await vi.waitFor(() => expect(document.activeElement).toBe(name));
  });

  it('adding the account: the new account view\'s heading; removing it: the Welcome page\'s heading', async () => {
    await start();
    act(() => useAppStore.getState().navigate({ view: 'account-new', kind: 'generic' }));
    const save = await screen.findByRole('button', { name: 'Add account' }, { timeout: 10_000 });
    // The form is filled by hand elsewhere: here main's answer is what counts.
    const url = await screen.findByRole('textbox', { name: /^Upload URL/ });
    fireEvent.change(screen.getByRole('textbox', { name: 'Account name' }), { target: { value: 'My upload' } });
    fireEvent.change(url, { target: { value: 'https://h.example/u' } });
    fireEvent.change(screen.getByRole('textbox', { name: /^Multipart data/ }), { target: { value: 'media=%media_content%' } });
    save.focus();
    fireEvent.submit(save.closest('form')!);
    // main says which accounts exist after the view has been asked for: the heading is waited for.
    accountsChanged([ACCOUNT]);
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: /My upload/ })), { timeout: 10_000 });

    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove account' }));
    accountsChanged([]);
    // Asked afresh each time: the Welcome page may be drawn anew as main's answers arrive.
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Welcome to Media Desk' })), { timeout: 10_000 });
  });

  it('a move from the sidebar: the focus stays on the sidebar\'s button', async () => {
    await start();
    const transfers = await screen.findByRole('button', { name: 'Transfers' });
    transfers.focus();
    fireEvent.click(transfers);
    await screen.findByRole('heading', { level: 1, name: 'Transfers' }, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.activeElement).toBe(transfers);
  });
});
