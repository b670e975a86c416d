// Tab kept inside an overlay that is not a <dialog>. A modal <dialog> gets this from the browser (useModalDialog):
// this is for a panel that is a modal only at some widths (the library's details, over the table in a narrow
// window, beside it in a wide one), where showModal's top layer and inert page would be wrong half of the time.
import { canHoldFocus } from './focusable';

/** What may be a Tab stop; canHoldFocus and the tab index then tell which are. */
const CANDIDATES = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'details > summary:first-of-type',
  'audio[controls]',
  'video[controls]',
  'iframe',
  '[contenteditable]:not([contenteditable="false"])',
  '[tabindex]',
].join(', ');

/** A named radio button: one of a group, which Tab reaches as one stop (the arrows move inside it). */
function groupedRadio(el: Element | null): el is HTMLInputElement {
  return el instanceof HTMLInputElement && el.type === 'radio' && el.name !== '';
}

function sameGroup(a: HTMLInputElement, b: HTMLInputElement): boolean {
  return a.name === b.name && a.form === b.form && a.getRootNode() === b.getRootNode();
}

/** Whether the focus on `active` is at `stop`: on it, or on another radio of its group. */
function isAt(active: Element | null, stop: HTMLElement): boolean {
  return active === stop || (groupedRadio(active) && groupedRadio(stop) && sameGroup(active, stop));
}

/**
 * The Tab stops inside `container`, in document order: enabled, drawn, visible and not taken out of the order, a
 * radio group once, by its checked radio (its first when none is checked, as Chromium's Tab picks it either way).
 */
export function tabbables(container: Element): HTMLElement[] {
  const stops: HTMLElement[] = [];
  for (const el of container.querySelectorAll<HTMLElement>(CANDIDATES)) {
    if (el.tabIndex < 0 || !canHoldFocus(el)) continue;
    const group = groupedRadio(el) ? stops.findIndex((stop) => isAt(el, stop)) : -1;
    if (group < 0) stops.push(el);
    else if ((el as HTMLInputElement).checked && !(stops[group] as HTMLInputElement).checked) stops[group] = el;
  }
  return stops;
}

/** The keys of a keydown that keepTabInside reads (a React or a DOM event). */
interface TabPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  preventDefault(): void;
}

/**
 * A keydown handler's step: Tab with no stop after the focus (past the last, or from an element after it that Tab
 * does not stop at) goes to the first stop, Shift+Tab with none before it (from the first, or from the container
 * itself) to the last, so the focus never leaves `container` by the keyboard. Returns whether it moved it.
 */
export function keepTabInside(event: TabPress, container: HTMLElement): boolean {
  if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return false;
  const stops = tabbables(container);
  const active = document.activeElement;
  let target: HTMLElement | undefined;
  // A key from elsewhere (a dialog portalled out of the container's React tree) is the browser's or its own trap's.
  if (!active || !container.contains(active)) return false;
  if (stops.length === 0) target = container;
  else {
    const way = event.shiftKey ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING;
    const next = stops.some((stop) => !isAt(active, stop) && (active.compareDocumentPosition(stop) & way) !== 0);
    if (!next) target = event.shiftKey ? stops[stops.length - 1] : stops[0];
  }
  if (!target) return false;
  event.preventDefault();
  target.focus();
  return true;
}
