// The details panel's Tab trap in a narrow window: Tab past the last stop goes round to the first, Shift+Tab before
// the first to the last, where the stops are those the browser's Tab has: a radio group once (its checked radio, or
// its first), and nothing disabled (by a fieldset too), inert, not drawn or hidden with visibility.
import { afterEach, describe, expect, it } from 'vitest';
import { keepTabInside, tabbables } from '../../../renderer/src/hooks/focus-trap';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

function panel(html: string): HTMLElement {
  // Chromium's own style sheet hides [hidden]; happy-dom has none.
  document.head.innerHTML = '<style>[hidden] { display: none; }</style>';
  document.body.innerHTML = `<button id="outside">Outside</button><aside id="panel" tabindex="-1">${html}</aside><button id="after">After</button>`;
  return document.getElementById('panel') as HTMLElement;
}

const ids = (elements: readonly Element[]) => elements.map((el) => el.id);

/** Presses Tab (Shift+Tab with `back`) on the focused element with the trap's handler, as the panel's keydown does. */
function tab(container: HTMLElement, back = false): { moved: boolean; focus: string | undefined } {
  const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey: back, cancelable: true });
  const moved = keepTabInside(event, container);
  expect(event.defaultPrevented).toBe(moved);
  return { moved, focus: document.activeElement?.id };
}

const focus = (id: string) => document.getElementById(id)?.focus();

describe('the Tab stops', () => {
  it('count a radio group once, by its checked radio or, none checked, its first', () => {
    const container = panel(`
      <button id="close">Close</button>
      <input type="radio" name="scope" id="s1"><input type="radio" name="scope" id="s2">
      <input type="radio" id="alone">
      <input type="radio" name="kind" id="k1"><input type="radio" name="kind" id="k2" checked><input type="radio" name="kind" id="k3">`);
    expect(ids(tabbables(container))).toEqual(['close', 's1', 'alone', 'k2']);
  });

  it('leave out what is disabled, by itself or by a fieldset, inert, not drawn, or hidden with visibility', () => {
    const container = panel(`
      <button id="first">First</button>
      <button id="own" disabled>Own</button>
      <fieldset disabled><legend><button id="legend">Legend</button></legend><button id="in-set">In set</button></fieldset>
      <div inert><button id="inert">Inert</button></div>
      <div hidden><button id="hidden">Hidden</button></div>
      <div style="display: none"><button id="none">None</button></div>
      <button id="last">Last</button>
      <button id="invisible" style="visibility: hidden">Invisible</button>
      <div style="visibility: hidden"><a id="in-invisible" href="#x">In invisible</a></div>
      <span id="minus" tabindex="-1">Script only</span>`);
    expect(ids(tabbables(container))).toEqual(['first', 'legend', 'last']);
  });
});

describe('Tab inside the panel', () => {
  it('goes round from the last stop to the first and back, a radio group being one stop', () => {
    const container = panel(`
      <input type="radio" name="scope" id="s1"><input type="radio" name="scope" id="s2">
      <button id="mid">Apply</button>
      <input type="radio" name="kind" id="k1"><input type="radio" name="kind" id="k2" checked><input type="radio" name="kind" id="k3">`);
    focus('k2');
    expect(tab(container)).toEqual({ moved: true, focus: 's1' });
    // The focus on a radio of the first group (unchecked, put there by a click on its label): Shift+Tab leaves the group.
    focus('s2');
    expect(tab(container, true)).toEqual({ moved: true, focus: 'k2' });
    // Between the stops the browser moves it: the trap does nothing.
    focus('mid');
    expect(tab(container)).toEqual({ moved: false, focus: 'mid' });
    expect(tab(container, true)).toEqual({ moved: false, focus: 'mid' });
  });

  it('goes round past a last control that is hidden or disabled, and from an element after the last stop', () => {
    const container = panel(`
      <button id="first">First</button>
      <button id="last">Last</button>
      <fieldset disabled><button id="in-set">In set</button></fieldset>
      <button id="invisible" style="visibility: hidden">Invisible</button>
      <div inert><button id="inert">Inert</button></div>
      <h2 id="heading" tabindex="-1">Heading</h2>`);
    focus('last');
    expect(tab(container)).toEqual({ moved: true, focus: 'first' });
    focus('first');
    expect(tab(container, true)).toEqual({ moved: true, focus: 'last' });
    focus('heading');
    expect(tab(container)).toEqual({ moved: true, focus: 'first' });
    // From the panel itself (where it puts the focus when it opens over the table), Shift+Tab goes to the last stop.
    container.focus();
    expect(tab(container, true)).toEqual({ moved: true, focus: 'last' });
  });

  it('keeps the focus on the panel when it has no stop, and leaves a Tab from outside it alone', () => {
    const container = panel('<p>Nothing to press</p><button id="gone" disabled>Gone</button>');
    focus('gone');
    container.focus();
    expect(tab(container)).toEqual({ moved: true, focus: 'panel' });
    focus('outside');
    expect(tab(container)).toEqual({ moved: false, focus: 'outside' });
  });
});
