// Whether the window can reach main. Electron's window always can (main is its own process); the browser host's
// page hears main over a WebSocket, and that stream dropping is how it learns the host stopped: a page left
// showing "Downloading · 40 MiB/s" on stale data would mislead more than one that says the host is gone.

/**
 * `connected`: main's events arrive. `gone`: nothing answers at the page's address (the host stopped).
 * `signed-out`: a host answers there again, but this page's sign-in ended with the host it came from.
 */
export type HostState = 'connected' | 'gone' | 'signed-out';

export interface HostConnection {
  state: () => HostState;
  /** Called at every change of state, with the one before. */
  subscribe: (listener: (state: HostState, before: HostState) => void) => () => void;
  /** Tries again at once (a button, the tab shown again) rather than at the next step of the backoff. */
  checkNow: () => void;
  /**
   * Called each time main's events stream opens, the first time included, with the state before: what main said
   * before it opened (an account made by another client while the page loaded) is not in it.
   */
  onOpen: (listener: (before: HostState) => void) => () => void;
}

export const ALWAYS_CONNECTED: HostConnection = {
  state: () => 'connected',
  subscribe: () => () => undefined,
  checkNow: () => undefined,
  // Electron's events come over IPC, which has no stream to open.
  onOpen: () => () => undefined,
};

/** The state and its listeners; the bridge decides the changes. */
export function connectionState(checkNow: () => void): HostConnection & { set(state: HostState): void; opened(): void } {
  let current: HostState = 'connected';
  const listeners = new Set<(state: HostState, before: HostState) => void>();
  const openListeners = new Set<(before: HostState) => void>();
  const set = (state: HostState) => {
    if (state === current) return;
    const before = current;
    current = state;
    for (const listener of listeners) listener(state, before);
  };
  return {
    state: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    checkNow,
    onOpen(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
    set,
    /** The stream opened: connected now, and those waiting for an open are told what it was before. */
    opened() {
      const before = current;
      set('connected');
      for (const listener of openListeners) listener(before);
    },
  };
}