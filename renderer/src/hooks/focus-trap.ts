// Tab kept inside an overlay that is not a <dialog>. A modal <dialog> gets this from the browser (useModalDialog):
// this is for a panel that is a modal only at some widths (the library's details, over the table in a narrow
// window, beside it in a wide one), where showModal's top layer and inert page would be wrong half of the time.
import type { KeyboardEvent } from 'react';

const TABBABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'audio[controls]',
  'video[controls]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/** What Tab reaches inside `container`, in document order: enabled, drawn and not taken out of the order. */
export function tabbables(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.tabIndex >= 0 && (typeof el.checkVisibility !== 'function' || el.checkVisibility()),
  );
}

/**
 * A keydown handler's step: Tab past the last element goes to the first, Shift+Tab before the first (or from the
 * container itself) to the last, so the focus never leaves `container` by the keyboard. Returns whether it moved it.
 */
export function keepTabInside(event: KeyboardEvent<HTMLElement>, container: HTMLElement): boolean {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return false;
  const inside = tabbables(container);
  const first = inside[0];
  const last = inside[inside.length - 1];
  const active = document.activeElement;
  let target: HTMLElement | undefined;
  if (!first || !last) target = container;
  else if (event.shiftKey && (active === first || active === container)) target = last;
  else if (!event.shiftKey && (active === last || active === container)) target = first;
  if (!target) return false;
  event.preventDefault();
  target.focus();
  return true;
}
