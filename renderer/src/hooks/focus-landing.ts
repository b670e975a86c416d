// Where the keyboard focus goes when what had it leaves the page (a view replaced, a button that goes once used, a
// dialog closed): to the next sensible element, never the page itself, from where a keyboard user starts again at
// the top. One home for that rule; each component names its sensible element.
import { useEffect, useRef } from 'react';
import { canHoldFocus } from './focusable';

/** How long a landing waits for its element (a view loaded lazily, an account main has not announced yet). */
const WAIT_MS = 5000;

/**
 * Whether the focus is lost: on the page itself, on an element no longer in it, on one disabled (a button used once,
 * as "Retry failed", or inside a fieldset disabled meanwhile: the keyboard can do nothing there, and the browser drops
 * it to the page), or on one no longer drawn (the narrow window's menu, closed by the move: the browser drops its
 * focus only at its next rendering).
 */
export function focusIsLost(): boolean {
  const active = document.activeElement;
  if (active === null || active === document.body || active === document.documentElement) return true;
  return !canHoldFocus(active);
}

/** Focuses `target`; an element that cannot take the focus (a heading) is made focusable by script only first. */
export function landFocusOn(target: HTMLElement): boolean {
  if (!target.hasAttribute('tabindex') && target.tabIndex < 0) target.tabIndex = -1;
  target.focus();
  return document.activeElement === target;
}

/** The first field of a form or section a user fills in. */
export function firstField(container: Element | null | undefined): HTMLElement | null {
  return container?.querySelector<HTMLElement>('input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])') ?? null;
}

/**
 * At mount and after each change of `key` (while `enabled`), moves the focus to what `find` returns if the focus is
 * lost by then; focus the user has put somewhere is left there. An element not on the page yet is waited for.
 */
export function useFocusLanding(key: unknown, find: () => HTMLElement | null | undefined, enabled = true): void {
  const finder = useRef(find);
  finder.current = find;
  useEffect(() => {
    if (!enabled) return;
    // Done once the focus is somewhere: landed here, or put elsewhere by the user meanwhile.
    const land = (): boolean => {
      if (!focusIsLost()) return true;
      const target = finder.current();
      return target ? landFocusOn(target) : false;
    };
    if (land()) return;
    const observer = new MutationObserver(() => {
      if (land()) stop();
    });
    const timer = setTimeout(() => stop(), WAIT_MS);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden'] });
    return stop;
  }, [key, enabled]);
}
