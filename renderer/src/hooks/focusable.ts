// Whether the keyboard can be on an element: one home for the rule that the focus trap (what Tab reaches) and the
// focus landing (when the focus counts as lost) both follow.

/** The controls a `<fieldset disabled>` switches off (its own first legend's excepted). */
const FIELDSET_CONTROLS = 'button, input, select, textarea, fieldset';

/**
 * Whether `el` is a control switched off: by its own `disabled`, or by a `<fieldset disabled>` around it outside that
 * fieldset's first legend. Chromium's `:disabled` says both, but the `disabled` property only the first, and so does
 * happy-dom's `:disabled`, where the renderer's tests run: the fieldset is looked for here as well.
 */
export function isDisabled(el: Element): boolean {
  if (el.matches(':disabled')) return true;
  if (!el.matches(FIELDSET_CONTROLS)) return false;
  for (let set = el.parentElement?.closest('fieldset[disabled]'); set; set = set.parentElement?.closest('fieldset[disabled]')) {
    const legend = set.querySelector(':scope > legend');
    if (!legend?.contains(el)) return true;
  }
  return false;
}

/**
 * Whether the focus can be on `el` (by Tab or by script): in the page, not disabled, not inside an `inert` subtree, and
 * drawn and visible (not in a display:none or `hidden` subtree, a closed <details>, nor `visibility: hidden`, which the
 * browser's own Tab skips but checkVisibility sees only when asked).
 */
export function canHoldFocus(el: Element): boolean {
  if (!el.isConnected || isDisabled(el) || el.closest('[inert]') !== null) return false;
  return typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true });
}
