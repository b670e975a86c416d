// The app's views as the window's history: every move is an entry (the address stays the same), so the browser's
// Back and Forward move between views inside the app instead of leaving it, and ask first, as the sidebar does,
// when a form has unsaved work. Electron's window has no Back; its history is kept the same way all the same, so a
// mouse's back button or a future Back menu item behaves as in the browser.
import { useAppStore, type Route } from './app-store';
import { hasUnsavedWork, leaveOrAsk } from './leave-guard';

const VIEWS: ReadonlySet<Route['view']> = new Set(['home', 'account', 'account-new', 'account-edit', 'transfers', 'activity', 'address-book', 'settings']);

/** The history entry of a route: without what is said once on arrival (a failed test), which Back must not repeat. */
function entryOf(route: Route): { mediaDeskRoute: Route } {
  return { mediaDeskRoute: route.view === 'account' ? { view: 'account', accountId: route.accountId } : route };
}

/** The route an entry holds, if it is one of ours (an entry of another page, or a malformed one, is none). */
function routeOf(state: unknown): Route | null {
  if (typeof state !== 'object' || state === null || !('mediaDeskRoute' in state)) return null;
  const route = state.mediaDeskRoute;
  if (typeof route !== 'object' || route === null) return null;
  const view = (route as { view?: unknown }).view;
  return typeof view === 'string' && VIEWS.has(view as Route['view']) ? (route as Route) : null;
}

/** An entry's route as it can be shown now: an account removed since gives way to the Welcome page. */
function stillThere(route: Route): Route {
  const accounts = useAppStore.getState().accounts;
  return 'accountId' in route && !accounts.some((a) => a.id === route.accountId) ? { view: 'home' } : route;
}

/** Keeps the window's history in step with the views; returns what stops it. */
export function followHistory(win: Window = window): () => void {
  const { history } = win;
  history.replaceState(entryOf(useAppStore.getState().route), '');
  // A move Back or Forward made is already in the history: it adds no entry.
  let moving = false;
  const unsubscribe = useAppStore.subscribe((state, before) => {
    if (!moving && state.route !== before.route) history.pushState(entryOf(state.route), '');
  });
  const onPopState = (event: PopStateEvent) => {
    const route = routeOf(event.state);
    if (!route) return;
    if (hasUnsavedWork()) {
      // The browser has already moved: the form's entry goes back on top (the user is still on it), and Discard
      // then goes back to where Back (or Forward) pointed, the entry just below it.
      history.pushState(entryOf(useAppStore.getState().route), '');
      leaveOrAsk(() => history.back());
      return;
    }
    moving = true;
    try {
      useAppStore.getState().go(stillThere(route));
    } finally {
      moving = false;
    }
  };
  win.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPopState);
  };
}
