// The UI's state: what main told us (accounts, notices, the log) and where the user is. Settings live in the query
// cache (query/settings.ts).
import type { QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { create } from 'zustand';
import type { AccountSummary } from '../../../main/common/accounts';
import type { AppCommand, AppInfo, ConnectionTestResult, EventMap, LastPlace, LogEntry, Settings, UpdateStatus } from '../../../main/common/contract';
import { bridge, call, messageOf } from '../bridge';
import { queryClient } from '../query/client';
import { rememberPlace, saveSettings, settingsQuery } from '../query/settings';
import { leaveOrAsk } from './leave-guard';
import { useNoticeStore } from './notices-store';

export type Route =
  | { view: 'home' }
  /** failedTest: the account was just saved although its last test had failed (said once, on arrival). */
  | { view: 'account'; accountId: string; failedTest?: ConnectionTestResult }
  | { view: 'account-new'; kind?: AccountSummary['kind'] }
  | { view: 'account-edit'; accountId: string }
  | { view: 'transfers' }
  | { view: 'activity' }
  | { view: 'address-book' }
  | { view: 'settings' };

interface AppState {
  status: 'loading' | 'ready' | 'failed';
  failure?: string;
  info?: AppInfo;
  accounts: AccountSummary[];
  log: LogEntry[];
  route: Route;
  /** Changes at every navigation, so that going to a view again starts it afresh. */
  routeSerial: number;
  /** Files the OS opened the desktop app with, waiting for an upload view to take them. */
  openedFiles: EventMap['files.opened']['files'];
  updates: UpdateStatus;
  /** Moves to `route`, after asking when a form has unsaved work (leave-guard.ts). */
  navigate: (route: Route) => void;
  /** Moves without asking: for a form that has just saved its work, and Back, which asked already. */
  go: (route: Route) => void;
  /** Loads what main knows; settings go through `client`'s cache (the app's one cache unless a test gives its own). */
  init(client?: QueryClient): Promise<void>;
}

const LOG_KEEP = 2000;

/** The client init read the settings with: the one whose cache the place memory writes to. */
let settingsClient: QueryClient = queryClient;

/**
 * Where a start opens. The first start: the Welcome page (it explains the sandbox accounts). Later starts: the view
 * the user left, if it still exists (a removed account gives way quietly), else the first account.
 */
export function startRoute(settings: Settings, accounts: AccountSummary[]): Route {
  if (!settings.welcomeSeen) return { view: 'home' };
  const place = settings.lastPlace;
  if (place?.view === 'account') {
    if (accounts.some((a) => a.id === place.accountId)) return { view: 'account', accountId: place.accountId! };
  } else if (place) {
    return { view: place.view };
  }
  const first = accounts[0];
  return first ? { view: 'account', accountId: first.id } : { view: 'home' };
}

/** The route as the place a restart reopens; a half-filled account form is not one. */
function placeOf(route: Route): LastPlace | null {
  switch (route.view) {
    case 'account':
      return { view: 'account', accountId: route.accountId };
    case 'account-new':
    case 'account-edit':
      return null;
    default:
      return { view: route.view };
  }
}

export const useAppStore = create<AppState>((set, get) => ({
  status: 'loading',
  accounts: [],
  log: [],
  route: { view: 'home' },
  routeSerial: 0,
  openedFiles: [],
  updates: { state: 'idle' },
  navigate: (route) => leaveOrAsk(() => get().go(route)),
  go: (route) => set((s) => ({ route, routeSerial: s.routeSerial + 1 })),
  async init(client = queryClient) {
    settingsClient = client;
    try {
      const [info, settings, accounts, notices, log] = await Promise.all([
        call('app.info', {}),
        client.fetchQuery(settingsQuery),
        call('accounts.list', {}),
        call('app.notices', {}),
        call('log.list', { limit: 500 }),
      ]);
      useNoticeStore.getState().fromMain(notices);
      const route = get().route.view === 'home' ? startRoute(settings, accounts) : get().route;
      set({ status: 'ready', info, accounts, log, route });
      if (!settings.welcomeSeen) void saveSettings(client, { welcomeSeen: true }).catch(() => undefined);
      showOpenedFiles();
    } catch (err) {
      set({ status: 'failed', failure: messageOf(err) });
    }
  },
}));

// Every move is remembered for the next start, once the app has started (the start itself is not a move).
useAppStore.subscribe((state, before) => {
  if (state.status !== 'ready' || before.status !== 'ready' || state.route === before.route) return;
  const place = placeOf(state.route);
  if (place) rememberPlace(settingsClient, place);
});

/** Whether an account still exists, as main last said: what a transfer's Retry depends on (canRetry). */
export function useAccountExists(): (accountId: string) => boolean {
  const accounts = useAppStore((s) => s.accounts);
  return useCallback((accountId: string) => accounts.some((a) => a.id === accountId), [accounts]);
}

/** Main's list of accounts; a view of an account no longer in it gives way to the Welcome page. */
export function takeAccounts(accounts: AccountSummary[]): void {
  const { route } = useAppStore.getState();
  const gone = 'accountId' in route && !accounts.some((a) => a.id === route.accountId);
  useAppStore.setState(gone ? { accounts, route: { view: 'home' } } : { accounts });
}
bridge.on('accounts.changed', takeAccounts);
bridge.on('notice', (notice) => useNoticeStore.getState().fromMain([notice]));
bridge.on('log.appended', (entry) => useAppStore.setState((s) => ({ log: [...s.log.slice(-(LOG_KEEP - 1)), entry] })));

/** Where each menu command leads. */
const COMMAND_ROUTES: Record<AppCommand, Route> = {
  'settings': { view: 'settings' },
  'add-account': { view: 'account-new' },
  'transfers': { view: 'transfers' },
  'activity': { view: 'activity' },
  'check-for-updates': { view: 'settings' }, // main has started the check; Settings shows its answer
};
bridge.on('app.command', ({ command }) => useAppStore.getState().navigate(COMMAND_ROUTES[command]));
bridge.on('updates.status', (updates) => useAppStore.setState({ updates }));
// Opened files go to an upload view: the one on screen, or the first upload account's. Without an upload account
// they wait while the user makes one (the new account's view takes them). Files that arrive before the accounts are
// loaded wait for them.
function showOpenedFiles(): void {
  const { status, route, accounts, openedFiles, navigate } = useAppStore.getState();
  if (status !== 'ready' || openedFiles.length === 0) return;
  const onUpload = route.view === 'account' && accounts.some((a) => a.id === route.accountId && a.kind === 'generic');
  if (onUpload) return;
  const generic = accounts.find((a) => a.kind === 'generic');
  navigate(generic ? { view: 'account', accountId: generic.id } : { view: 'account-new', kind: 'generic' });
}
bridge.on('files.opened', ({ files }) => {
  useAppStore.setState((s) => ({ openedFiles: [...s.openedFiles, ...files] }));
  showOpenedFiles();
});
