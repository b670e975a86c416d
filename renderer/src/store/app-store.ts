// The UI's state: what main told us (accounts, settings, notices, the log) and where the user is.
import { create } from 'zustand';
import type { AccountSummary } from '../../../main/common/accounts';
import type { AppCommand, AppInfo, EventMap, LogEntry, Settings, UpdateStatus } from '../../../main/common/contract';
import { bridge, call, messageOf } from '../bridge';
import { useNoticeStore } from './notices-store';

export type Route =
  | { view: 'home' }
  | { view: 'account'; accountId: string }
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
  settings?: Settings;
  accounts: AccountSummary[];
  log: LogEntry[];
  route: Route;
  /** Changes at every navigation, so that going to a view again starts it afresh. */
  routeSerial: number;
  /** Files the OS opened the desktop app with, waiting for an upload view to take them. */
  openedFiles: EventMap['files.opened']['files'];
  updates: UpdateStatus;
  navigate: (route: Route) => void;
  init(): Promise<void>;
}

const LOG_KEEP = 2000;

// Kept by the renderer (localStorage): whether this window has shown the Welcome page once. A storage that
// refuses (private mode, a sandboxed frame) means the Welcome page shows at every start, which is harmless.
const WELCOME_KEY = 'mediaDesk.welcomeSeen';
function welcomeSeen(): boolean {
  try {
    return localStorage.getItem(WELCOME_KEY) === '1';
  } catch {
    return false;
  }
}
function markWelcomeSeen(): void {
  try {
    localStorage.setItem(WELCOME_KEY, '1');
  } catch {
    // see above
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
  navigate: (route) => set((s) => ({ route, routeSerial: s.routeSerial + 1 })),
  async init() {
    try {
      const [info, settings, accounts, notices, log] = await Promise.all([
        call('app.info', {}),
        call('settings.get', {}),
        call('accounts.list', {}),
        call('app.notices', {}),
        call('log.list', { limit: 500 }),
      ]);
      useNoticeStore.getState().fromMain(notices);
      set({ status: 'ready', info, settings, accounts, log });
      // The first start opens on the Welcome page (it explains the sandbox accounts); later starts on the first account.
      const first = accounts[0];
      if (first && get().route.view === 'home' && welcomeSeen()) set({ route: { view: 'account', accountId: first.id } });
      markWelcomeSeen();
      showOpenedFiles();
    } catch (err) {
      set({ status: 'failed', failure: messageOf(err) });
    }
  },
}));

bridge.on('accounts.changed', (accounts) => {
  const { route } = useAppStore.getState();
  const gone = 'accountId' in route && !accounts.some((a) => a.id === route.accountId);
  useAppStore.setState(gone ? { accounts, route: { view: 'home' } } : { accounts });
});
bridge.on('settings.changed', (settings) => useAppStore.setState({ settings }));
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
