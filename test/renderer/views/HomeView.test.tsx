// The first start: Media Desk opens on the Welcome page, which says what the three sandbox accounts are and what to
// try first in each; the sandbox badge explains itself. Later starts (a new window, the same data folder: main keeps
// the settings) open where the user left off, or the first account when that place is gone.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import type { MediaDeskBridge } from '../../../main/common/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from '../../../renderer/src/App';
import { createQueryClient } from '../../../renderer/src/query/client';
import { settled } from '../../../renderer/src/query/settings';
import { useAppStore } from '../../../renderer/src/store/app-store';

/** The cache of the window now open: each start is a new window, with a new cache. */
let client = createQueryClient();

/** The app as main.tsx mounts it: inside the query cache every view reads through. */
const renderApp = () =>
  render(
    <QueryClientProvider client={client}>
      <App />
    </QueryClientProvider>,
  );

const account = (id: string, kind: AccountSummary['kind'], label: string): AccountSummary =>
  ({ id, kind, label, sandbox: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }) as AccountSummary;

const main = vi.hoisted(() => {
  const fresh = () => ({ theme: 'light', concurrency: 2, sandboxEnabled: true, persistSecretsWithoutKeyring: false, welcomeSeen: false, lastPlace: null, accountPlaces: {}, downloadFolders: {}, twilioFileNamePattern: '{date}_{time}_{from}_{mediaSid}{ext}' });
  // main's side, which outlives every window: its settings file.
  const state = { accounts: [] as unknown[], settings: fresh() as Record<string, unknown>, fresh };
  const answer = (method: string, args: unknown): unknown => {
    switch (method) {
      case 'app.info': return { name: 'Media Desk', version: '1.0.0', host: 'browser', platform: 'linux', dataDir: '/d', sandboxUrl: 'http://127.0.0.1:1', downloadFolder: null, secureStorage: { persistent: true, backend: 'key-file', description: '' } };
      case 'settings.get': return state.settings;
      case 'settings.update': return (state.settings = { ...state.settings, ...(args as object) });
      case 'accounts.list': return state.accounts;
      case 'app.notices': return [];
      case 'log.list': return [];
      case 'transfers.list': return { items: [], summary: { active: 0, progress: null } };
      default: throw new Error(`unexpected call ${method}`);
    }
  };
  window.mediaDesk = {
    invoke: (method: string, args: unknown) => Promise.resolve({ ok: true, value: answer(method, args) }),
    on: () => () => undefined,
  } as unknown as MediaDeskBridge;
  return state;
});

const sandbox = [account('acc_upload01', 'generic', 'Sandbox media upload'), account('acc_library1', 'library', 'Sandbox media library with a long name'), account('acc_twilio01', 'twilio', 'Sandbox Twilio')];

/** A start: a new window (new renderer state and cache) on the same data folder. */
async function start() {
  cleanup();
  localStorage.clear();
  client = createQueryClient();
  useAppStore.setState({ status: 'loading', route: { view: 'home' } });
  await act(() => useAppStore.getState().init(client));
  await act(() => settled());
}

beforeEach(() => {
  main.accounts = sandbox;
  main.settings = main.fresh();
});
afterEach(cleanup);

describe('the first start', () => {
  it('opens on the Welcome page, which says what each sandbox account is and what to try first', async () => {
    await start();
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to Media Desk' })).toBeTruthy();
    const tour = screen.getByRole('region', { name: 'Try it in the sandbox' });
    expect(tour.textContent).toMatch(/practice server built into Media Desk/);
    const steps = within(tour).getAllByRole('listitem');
    expect(steps.map((step) => within(step).getByRole('heading').textContent)).toEqual(sandbox.map((a) => a.label));
    expect(steps[0]?.textContent).toMatch(/Drop a JPEG photo/);
    expect(steps[1]?.textContent).toMatch(/Permissions/);
    expect(steps[2]?.textContent).toMatch(/view its photos and videos/);

    fireEvent.click(within(tour).getByRole('button', { name: 'Open Sandbox Twilio' }));
    expect(useAppStore.getState().route).toEqual({ view: 'account', accountId: 'acc_twilio01' });
  });

  it('explains the sandbox badge, and shows whole account names in the sidebar', async () => {
    await start();
    renderApp();
    const nav = screen.getByRole('navigation', { name: 'Accounts and tools' });
    const item = within(nav).getByRole('button', { name: /Sandbox media library with a long name/ });
    expect(item.getAttribute('title')).toBe('Sandbox media library with a long name');
    expect(within(item).getByText('sandbox').getAttribute('title')).toMatch(/practice server/);
  });

  it('does not show the Welcome page again at a second start, whatever the window kept (main keeps the flag)', async () => {
    await start();
    expect(main.settings.welcomeSeen).toBe(true);
    await start();
    expect(useAppStore.getState().route).toEqual({ view: 'account', accountId: 'acc_upload01' });
  });
});

describe('later starts', () => {
  it('reopen the account and the view the user left', async () => {
    await start();
    renderApp();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Accounts and tools' })).getByRole('button', { name: /Sandbox Twilio/ }));
    await act(() => settled());
    expect(main.settings.lastPlace).toEqual({ view: 'account', accountId: 'acc_twilio01' });
    await start();
    expect(useAppStore.getState().route).toEqual({ view: 'account', accountId: 'acc_twilio01' });

    act(() => useAppStore.getState().navigate({ view: 'activity' }));
    await act(() => settled());
    await start();
    expect(useAppStore.getState().route).toEqual({ view: 'activity' });
  });

  it('fall back quietly to the first account when the account left open was deleted', async () => {
    main.settings = { ...main.fresh(), welcomeSeen: true, lastPlace: { view: 'account', accountId: 'acc_deleted1' } };
    await start();
    expect(useAppStore.getState()).toMatchObject({ status: 'ready', route: { view: 'account', accountId: 'acc_upload01' } });
  });

  it('open the Welcome page when the account left open was deleted and none is left', async () => {
    main.accounts = [];
    main.settings = { ...main.fresh(), welcomeSeen: true, lastPlace: { view: 'account', accountId: 'acc_deleted1' } };
    await start();
    expect(useAppStore.getState().route).toEqual({ view: 'home' });
  });
});
