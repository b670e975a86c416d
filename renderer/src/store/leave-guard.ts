// The one rule before unsaved work leaves the screen: a form with unsaved work registers it (useUnsavedWork), and
// whatever would take the form away (a navigation, Back in the browser, the editor's own Close or Cancel) goes
// through leaveOrAsk, which leaves at once when nothing is unsaved and otherwise asks "Keep editing / Discard".
import { create } from 'zustand';

export interface UnsavedWork {
  /** The question, naming what would be lost ("Discard your changes to "Media"?"). */
  title: string;
  body: string;
}

interface Registered {
  token: symbol;
  work: UnsavedWork;
}

interface LeaveGuardState {
  /** The forms on screen that have unsaved work, the first registered first. */
  registered: readonly Registered[];
  /** The leave waiting for an answer, and whose work it would throw away (that form shows the question). */
  asking: { token: symbol; leave: () => void } | null;
}

export const useLeaveGuard = create<LeaveGuardState>(() => ({ registered: [], asking: null }));

export function hasUnsavedWork(): boolean {
  return useLeaveGuard.getState().registered.length > 0;
}

/** Runs `leave` now when no form has unsaved work; otherwise asks first, and runs it only on Discard. */
export function leaveOrAsk(leave: () => void): void {
  const first = useLeaveGuard.getState().registered[0];
  if (!first) {
    leave();
    return;
  }
  // A second leave while the question is up (a menu command, Back again) replaces the first: the last one wins.
  useLeaveGuard.setState({ asking: { token: first.token, leave } });
}

/** The user's answer: Discard forgets every unsaved work (so the leave is not asked about again) and leaves. */
export function answerLeave(discard: boolean): void {
  const { asking } = useLeaveGuard.getState();
  if (!asking) return;
  useLeaveGuard.setState(discard ? { asking: null, registered: [] } : { asking: null });
  if (discard) asking.leave();
}

/** Registers `work` under `token` as unsaved; returns what forgets it (and a question about it left open). */
export function registerUnsavedWork(token: symbol, work: UnsavedWork): () => void {
  useLeaveGuard.setState((s) => ({ registered: [...s.registered, { token, work }] }));
  return () =>
    useLeaveGuard.setState((s) => ({
      registered: s.registered.filter((r) => r.token !== token),
      asking: s.asking?.token === token ? null : s.asking,
    }));
}

/**
 * Closing or reloading the page (the browser host's tab) with unsaved work: the browser's own "Leave site?" prompt.
 * Not in Electron, where a refused unload silently keeps the window from closing.
 */
export function promptBeforeUnload(target: Window = window): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsavedWork()) return;
    event.preventDefault();
    // Older Chromium shows the prompt only when returnValue is set.
    event.returnValue = '';
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
