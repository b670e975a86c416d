import { lazy, Suspense, useEffect, useRef } from 'react';
import { firstField, useFocusLanding } from './hooks/focus-landing';
import { Sidebar } from './components/Sidebar';
import { HostBanner } from './components/HostBanner';
import { NoticeRegion } from './components/NoticeRegion';
import { useLanguageChoice, useTranslation } from './i18n';
import { useSettings, useSettingsEvents } from './query/settings';
import { useAppStore } from './store/app-store';
import { promptBeforeUnload } from './store/leave-guard';
import { followHistory } from './store/view-history';
import { useTransfers } from './store/transfers-store';
import { HomeView } from './views/HomeView';

// Each view is its own chunk, loaded when first shown: the first screen evaluates only the shell and its own view.
// The Welcome page (the first start's screen, and where a start with no account lands) stays in the main chunk.
const AccountView = lazy(() => import('./views/AccountView').then((m) => ({ default: m.AccountView })));
const AccountEditor = lazy(() => import('./views/AccountEditor').then((m) => ({ default: m.AccountEditor })));
const ActivityView = lazy(() => import('./views/ActivityView').then((m) => ({ default: m.ActivityView })));
const AddressBookView = lazy(() => import('./views/address-book/AddressBookView').then((m) => ({ default: m.AddressBookView })));
const SettingsView = lazy(() => import('./views/SettingsView').then((m) => ({ default: m.SettingsView })));
const TransfersView = lazy(() => import('./views/TransfersView').then((m) => ({ default: m.TransfersView })));

function useTheme(): void {
  const theme = useSettings()?.theme ?? 'system';
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);
}

/**
 * Back and Forward move between views (view-history.ts); in the browser host, closing or reloading the tab with
 * unsaved work gets the browser's prompt (not in Electron, where a refused unload would keep the window from closing).
 */
function useViewHistory(ready: boolean): void {
  const host = useAppStore((s) => s.info?.host);
  useEffect(() => {
    if (!ready) return;
    const stopHistory = followHistory();
    const stopPrompt = host === 'electron' ? undefined : promptBeforeUnload();
    return () => {
      stopHistory();
      stopPrompt?.();
    };
  }, [ready, host]);
}

function View() {
  const route = useAppStore((s) => s.route);
  switch (route.view) {
    case 'home':
      return <HomeView />;
    case 'account':
      return <AccountView accountId={route.accountId} failedTest={route.failedTest} />;
    case 'account-new':
      return <AccountEditor initialKind={route.kind} />;
    case 'account-edit':
      return <AccountEditor accountId={route.accountId} />;
    case 'transfers':
      return <TransfersView />;
    case 'activity':
      return <ActivityView />;
    case 'address-book':
      return <AddressBookView />;
    case 'settings':
      return <SettingsView />;
  }
}

/**
 * A view's landing: its element marked data-landing (a form: its first field), else its heading. Not an element
 * of a view React has hidden while the next one loads.
 */
function viewLanding(): HTMLElement | null {
  const main = document.getElementById('main');
  const shown = (el: HTMLElement) => el.closest<HTMLElement>('[style*="display: none"]') === null;
  const marked = Array.from(main?.querySelectorAll<HTMLElement>('[data-landing]') ?? []).find(shown);
  if (marked) return firstField(marked) ?? marked;
  return Array.from(main?.querySelectorAll<HTMLElement>('h1') ?? []).find(shown) ?? null;
}

function CurrentView() {
  const serial = useAppStore((s) => s.routeSerial);
  const route = useAppStore((s) => s.route);
  // After a move (not at start), the focus the old view held lands in the new one, where a keyboard user goes on.
  const start = useRef(route);
  useFocusLanding(route, viewLanding, route !== start.current);
  return <View key={serial} />;
}

export function App() {
  const status = useAppStore((s) => s.status);
  const failure = useAppStore((s) => s.failure);
  const { t } = useTranslation();
  useTheme();
  useLanguageChoice(useSettings()?.language);
  useSettingsEvents();
  useViewHistory(status === 'ready');
  useEffect(() => {
    if (status === 'ready') void useTransfers.getState().load();
  }, [status]);
  if (status === 'loading') return <div className="splash" role="status">{t('app.starting')}</div>;
  if (status === 'failed') {
    return (
      <div className="splash" role="alert">
        <h1>{t('app.startFailed')}</h1>
        <p>{failure}</p>
        <button type="button" onClick={() => location.reload()}>{t('action.retry')}</button>
      </div>
    );
  }
  return (
    <div className="shell">
      <Sidebar />
      <main className="content" id="main">
        <HostBanner />
        <Suspense fallback={<div className="view-loading" aria-busy="true" />}>
          <CurrentView />
        </Suspense>
      </main>
      <NoticeRegion />
    </div>
  );
}
